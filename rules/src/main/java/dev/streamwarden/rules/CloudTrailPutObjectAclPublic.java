package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import java.util.Set;

/**
 * An S3 object made public (StreamAlert's rule of the same name): a successful PutObjectAcl granting AllUsers or
 * AuthenticatedUsers (ACL document, x-amz-grant-* header, or a public canned ACL), except in buckets that are
 * meant to hold public objects. PutObjectAcl is an S3 data event: the trail must log S3 data events.
 */
public final class CloudTrailPutObjectAclPublic extends MatchRule {
    private static final long serialVersionUID = 1L;

    private final Set<String> publicBuckets;

    public CloudTrailPutObjectAclPublic() {
        this(Set.of());
    }

    /** @param publicBuckets buckets expected to hold public objects (a website, a download mirror), never alerted */
    public CloudTrailPutObjectAclPublic(Set<String> publicBuckets) {
        super(
                RuleSpec.of(
                                "cloudtrail_put_object_acl_public",
                                Severity.MEDIUM,
                                "An S3 object ACL now grants access to AllUsers or AuthenticatedUsers (public object).",
                                "cloudtrail")
                        .withContext(
                                "runbook",
                                "Check whether the object (requestParameters.bucketName, key) should be "
                                        + "public; if not, reset its ACL to private and check who read it in the S3 access logs."));
        this.publicBuckets = Set.copyOf(publicBuckets);
    }

    @Override
    public boolean matches(Event event) {
        return "PutObjectAcl".equals(event.text("eventName"))
                && CloudTrailChecks.succeeded(event)
                && !publicBuckets.contains(event.text("requestParameters.bucketName", ""))
                && CloudTrailChecks.grantsPublicAccess(event.at("requestParameters"));
    }
}
