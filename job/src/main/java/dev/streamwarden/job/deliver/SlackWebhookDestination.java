package dev.streamwarden.job.deliver;

import dev.streamwarden.job.model.Alert;
import java.net.URI;

/** A Slack incoming webhook: the alert as a Block Kit message. */
public final class SlackWebhookDestination implements Destination {
    private static final long serialVersionUID = 1L;

    private final URI webhook;

    public SlackWebhookDestination(String webhookUrl) {
        this.webhook = Destination.httpUrl(webhookUrl);
    }

    @Override
    public String kind() {
        return "Slack webhook";
    }

    @Override
    public URI uri() {
        return webhook;
    }

    @Override
    public String body(Alert alert) {
        return SlackMessage.toJson(alert);
    }
}
