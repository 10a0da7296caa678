package dev.streamwarden.job.deliver;

import dev.streamwarden.job.model.Alert;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic HTTPS endpoint (a SOAR, a SIEM, a pager): the alert as archived (JSON), signed with HMAC-SHA256 in
 * {@value #SIGNATURE_HEADER} when there is a key, timestamped in {@value #TIMESTAMP_HEADER}.
 */
public final class SignedJsonWebhookDestination implements Destination {
    private static final long serialVersionUID = 1L;
    /**
     * Header carrying {@code sha256=<hex HMAC-SHA256 of "TIMESTAMP.BODY">}, TIMESTAMP being {@link #TIMESTAMP_HEADER}:
     * the receiver checks who sent it, that nothing changed, and that it is recent (a captured request replayed
     * later carries an old timestamp).
     */
    public static final String SIGNATURE_HEADER = "X-Streamwarden-Signature";
    /** Unix seconds when the request was signed. */
    public static final String TIMESTAMP_HEADER = "X-Streamwarden-Timestamp";

    private final URI webhook;
    /** Null: unsigned. */
    private final String hmacKey;

    public SignedJsonWebhookDestination(String webhookUrl, String hmacKey) {
        this.webhook = Destination.httpUrl(webhookUrl);
        this.hmacKey = hmacKey;
    }

    @Override
    public String kind() {
        return hmacKey == null ? "webhook" : "signed webhook";
    }

    @Override
    public URI uri() {
        return webhook;
    }

    @Override
    public String body(Alert alert) {
        return AlertJson.toLine(alert);
    }

    /** Signed anew for each attempt, so a retry carries a fresh timestamp. */
    @Override
    public void addHeaders(HttpRequest.Builder request, String body, long epochSeconds) {
        if (hmacKey != null) {
            String timestamp = Long.toString(epochSeconds);
            request.header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, "sha256=" + hmacSha256(hmacKey, timestamp + "." + body));
        }
    }

    @Override
    public List<String> secrets() {
        return hmacKey == null ? List.of() : List.of(hmacKey);
    }

    /** Hex HMAC-SHA256 of the text. */
    static String hmacSha256(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
