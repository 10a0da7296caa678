package dev.streamwarden.job.deliver;

import dev.streamwarden.job.model.Alert;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * Where one output's alerts are posted and how: the request's body and headers, and which responses count as
 * accepted. Sending (rate limit, retries, the ledger) is {@link WebhookNotifier}'s, the same for every destination.
 * A destination holds credentials (URL, token, key): it names them in {@link #secrets} so no error text carries them.
 */
public interface Destination extends Serializable {
    /** What it is, for logs ("Slack webhook"); never the URL. */
    String kind();

    URI uri();

    /** The request body for the alert. */
    String body(Alert alert);

    /** Adds headers to one attempt's request ({@code epochSeconds}: when it is sent, for signatures). */
    default void addHeaders(HttpRequest.Builder request, String body, long epochSeconds) {}

    /** Whether a 2xx response means the alert was taken (Slack's Web API says no in a 200). */
    default boolean accepted(String responseBody) {
        return true;
    }

    /** The texts no error message may contain (the URL is always one). */
    default List<String> secrets() {
        return List.of();
    }

    /** An absolute http(s) URL; the message never quotes it, since webhook URLs are credentials. */
    static URI httpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Falls through: the parser's message quotes the URL, so it is not passed on.
        }
        throw new IllegalArgumentException("webhook URL is not an absolute http(s) URL");
    }
}
