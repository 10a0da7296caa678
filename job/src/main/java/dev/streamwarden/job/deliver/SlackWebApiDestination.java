package dev.streamwarden.job.deliver;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.model.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Objects;

/**
 * Slack's Web API: {@code chat.postMessage} with a bot token, to a channel. Its errors (channel_not_found,
 * invalid_auth...) come as HTTP 200 with {@code "ok": false}: not accepted, and not worth a retry.
 */
public final class SlackWebApiDestination implements Destination {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI apiUrl;
    private final String botToken;
    private final String channel;

    public SlackWebApiDestination(String apiUrl, String botToken, String channel) {
        this.apiUrl = Destination.httpUrl(apiUrl);
        this.botToken = Objects.requireNonNull(botToken, "botToken");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public String kind() {
        return "Slack Web API";
    }

    @Override
    public URI uri() {
        return apiUrl;
    }

    @Override
    public String body(Alert alert) {
        return SlackMessage.toJson(alert, channel);
    }

    @Override
    public void addHeaders(HttpRequest.Builder request, String body, long epochSeconds) {
        request.header("Authorization", "Bearer " + botToken);
    }

    @Override
    public boolean accepted(String responseBody) {
        try {
            return MAPPER.readTree(responseBody).path("ok").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<String> secrets() {
        return List.of(botToken);
    }
}
