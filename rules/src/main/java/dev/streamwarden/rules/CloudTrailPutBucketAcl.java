package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * An S3 bucket ACL that grants access to everyone (StreamAlert's rule of the same name): a successful PutBucketAcl
 * granting AllUsers (anyone on the internet) or AuthenticatedUsers (anyone with any AWS account), whether in the
 * ACL document, in an x-amz-grant-* header, or as the canned ACL public-read, public-read-write or
 * authenticated-read. A refused call (e.g. stopped by S3 Block Public Access) exposed nothing and does not alert.
 */
public final class CloudTrailPutBucketAcl extends MatchRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailPutBucketAcl() {
        super(RuleSpec.of(
                        "cloudtrail_put_bucket_acl",
                        Severity.HIGH,
                        "An S3 bucket ACL now grants access to AllUsers or AuthenticatedUsers (public bucket).",
                        "cloudtrail")
                .withContext(
                        "runbook",
                        "Confirm with whoever made the change (userIdentity) that the bucket "
                                + "(requestParameters.bucketName) should be public; if not, reset the ACL to private, "
                                + "enable Block Public Access and review the bucket's access logs."));
    }

    @Override
    public boolean matches(Event event) {
        return "PutBucketAcl".equals(event.text("eventName"))
                && CloudTrailChecks.succeeded(event)
                && CloudTrailChecks.grantsPublicAccess(event.at("requestParameters"));
    }
}
