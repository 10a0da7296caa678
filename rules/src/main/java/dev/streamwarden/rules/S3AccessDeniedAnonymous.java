package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * An unauthenticated client was denied a read from S3: the server access log has no requester ("-", so the field
 * is absent), the HTTP status is 403 and the operation is a GET ({@code REST.GET.OBJECT}, {@code REST.GET.BUCKET},
 * {@code WEBSITE.GET.OBJECT}...). Someone is guessing at bucket or object names, or something expects the data to
 * be public.
 */
public final class S3AccessDeniedAnonymous extends MatchRule {
    private static final long serialVersionUID = 1L;

    public S3AccessDeniedAnonymous() {
        super(RuleSpec.of(
                "s3_access_denied_anonymous",
                Severity.LOW,
                "An anonymous request to read from S3 was denied (HTTP 403). Check the client address and whether "
                        + "it is enumerating the bucket.",
                "s3_access"));
    }

    @Override
    public boolean matches(Event event) {
        String operation = event.text("operation");
        return event.text("requester") == null
                && event.at("http_status").asInt(0) == 403
                && operation != null
                && operation.contains(".GET.");
    }
}
