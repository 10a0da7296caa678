package dev.streamwarden.job.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.Alert;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Formats an alert as a Slack incoming-webhook body: {"text": fallback, "blocks": [...]}.
 *
 * <p>The message has a fixed shape of at most four blocks, far under Slack's 50-block limit, so only the
 * text inside can grow; each text is cut to Slack's limit with a visible marker, or Slack rejects the message.
 */
public final class SlackMessage {
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_HEADER_TEXT = 150;
    static final int MAX_FALLBACK_TEXT = 40_000;
    static final String TRUNCATED = "… (truncated)";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SlackMessage() {}

    /** The message for chat.postMessage: the same, addressed to a channel. */
    public static String toJson(Alert alert, String channel) {
        return message(alert).put("channel", channel).toString();
    }

    public static String toJson(Alert alert) {
        return message(alert).toString();
    }

    private static ObjectNode message(Alert alert) {
        String emoji = emoji(alert.severity);
        String title = alert.severity + ": " + alert.rule;
        ObjectNode body = MAPPER.createObjectNode();
        // The fallback shows in notifications and clients without block support.
        body.put("text", truncate(escape(emoji + " " + title + " - " + alert.description), MAX_FALLBACK_TEXT));

        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("text", truncate(emoji + " " + title, MAX_HEADER_TEXT))
                .put("emoji", true);
        section(blocks, escape(String.valueOf(alert.description)));
        section(blocks, escape("*Log type:* " + alert.logType
                + "\n*Source:* " + alert.source
                + "\n*Merge key:* " + mergeKey(alert.mergeKey)
                + "\n*Events:* " + alert.eventCount
                + "\n*First seen:* " + Instant.ofEpochMilli(alert.firstSeen)
                + "\n*Last seen:* " + Instant.ofEpochMilli(alert.lastSeen)
                + "\n*Alert id:* " + alert.id));
        if (alert.records != null && alert.records.length > 0) {
            String prefix = "*First sample record*\n```";
            String fence = "```";
            String excerpt = truncate(escape(compact(alert.records[0])),
                    MAX_SECTION_TEXT - prefix.length() - fence.length());
            section(blocks, prefix + excerpt + fence);
        }
        return body;
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put("text", truncate(mrkdwn, MAX_SECTION_TEXT));
    }

    private static String emoji(String severity) {
        switch (String.valueOf(severity)) {
            case "CRITICAL":
                return ":rotating_light:";
            case "HIGH":
                return ":red_circle:";
            case "MEDIUM":
                return ":large_orange_circle:";
            case "LOW":
                return ":large_yellow_circle:";
            case "INFO":
                return ":information_source:";
            default:
                return ":grey_question:";
        }
    }

    /** {"srcaddr":"10.0.0.9","dstport":22} becomes srcaddr=10.0.0.9, dstport=22. */
    private static String mergeKey(String json) {
        JsonNode key = parse(json);
        if (key == null || !key.isObject()) {
            return String.valueOf(json);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : key.properties()) {
            JsonNode value = field.getValue();
            parts.add(field.getKey() + "=" + (value.isValueNode() ? value.asText() : value.toString()));
        }
        return parts.isEmpty() ? "none (per-event rule)" : String.join(", ", parts);
    }

    /** Records may arrive pretty-printed; one line shows more of the record within the section limit. */
    private static String compact(String record) {
        JsonNode node = parse(record);
        return node == null ? String.valueOf(record) : node.toString();
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    /** Slack reads &lt;...&gt; as links and mentions; log data must not be able to ping @channel. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - TRUNCATED.length();
        // Never split a surrogate pair: a lone half is not valid text.
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + TRUNCATED;
    }
}
