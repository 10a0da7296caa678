package dev.streamwarden.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * An EBS snapshot, AMI or RDS snapshot shared with everyone (StreamAlert's rule of the same name): a successful
 * ModifySnapshotAttribute adding createVolumePermission for group "all", ModifyImageAttribute adding
 * launchPermission for group "all", or ModifyDBSnapshotAttribute / ModifyDBClusterSnapshotAttribute adding "all"
 * to the restore attribute. Any AWS account can then copy the disk or database: a classic exfiltration path.
 * StreamAlert checked only RDS cluster snapshots; instance snapshots are exposed the same way.
 */
public final class CloudTrailSnapshotOrAmiMadePublic extends MatchRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailSnapshotOrAmiMadePublic() {
        super(
                RuleSpec.of(
                                "cloudtrail_snapshot_or_ami_made_public",
                                Severity.HIGH,
                                "An EBS snapshot, AMI or RDS snapshot was made public (shared with all AWS accounts).",
                                "cloudtrail")
                        .withContext(
                                "runbook",
                                "Identify the snapshot or image (requestParameters) and whether it may be "
                                        + "public; if not, remove the \"all\" permission at once and assess what data it holds."));
    }

    @Override
    public boolean matches(Event event) {
        String name = event.text("eventName");
        if (name == null || !CloudTrailChecks.succeeded(event)) {
            return false;
        }
        switch (name) {
            case "ModifySnapshotAttribute":
                return addsGroupAll(event.at("requestParameters.createVolumePermission.add.items"));
            case "ModifyImageAttribute":
                return addsGroupAll(event.at("requestParameters.launchPermission.add.items"));
            case "ModifyDBSnapshotAttribute":
            case "ModifyDBClusterSnapshotAttribute":
                return "restore".equals(event.text("requestParameters.attributeName"))
                        && Matchers.anyNode(
                                event.at("requestParameters.valuesToAdd"),
                                node -> node.isTextual() && node.asText().equals("all"));
            default:
                return false;
        }
    }

    private static boolean addsGroupAll(JsonNode items) {
        for (JsonNode item : items) {
            if ("all".equals(item.path("group").asText(null))) {
                return true;
            }
        }
        return false;
    }
}
