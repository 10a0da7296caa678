package dev.streamwarden.job.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.Normalized;
import dev.streamwarden.job.model.Alert;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Formats an alert as a Slack incoming-webhook body: {"text": fallback, "blocks": [...]}: header (severity emoji,
 * severity, rule), description, details (log type, source, merge key, counts, first/last seen, merged alerts, id),
 * the event's normalized fields, the first sample record, and the rule's context (runbook links).
 *
 * <p>The message has a fixed shape of at most six blocks, far under Slack's 50-block limit, and at most ten
 * fields and ten context elements, so only the text inside can grow; each text is cut to Slack's limit with a
 * visible marker, or Slack rejects the message.
 */
public final class SlackMessage {
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_HEADER_TEXT = 150;
    /** Slack allows 2,000 per field; at a glance, more than a few lines is noise. */
    static final int MAX_FIELD_TEXT = 300;

    static final int MAX_CONTEXT_TEXT = 500;
    /** Slack's limit for a whole message; the limits of the parts keep the JSON far below it. */
    static final int MAX_MESSAGE = 40_000;

    static final int MAX_FIELDS = 10;
    static final int MAX_CONTEXT_ELEMENTS = 10;
    /** Shown in notifications and clients without blocks: the headline, not the whole alert. */
    static final int MAX_FALLBACK_TEXT = 3000;

    static final String TRUNCATED = "… (truncated)";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Links Slack can show safely: no spaces, angle brackets or pipes, which would end the link early. */
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>|]+");

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
        String merged = alert.alertCount > 1 ? " (" + alert.alertCount + " alerts merged)" : "";
        body.put("text", truncate(escape(emoji + " " + title + merged + " - " + alert.description), MAX_FALLBACK_TEXT));

        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("text", truncate(emoji + " " + title, MAX_HEADER_TEXT))
                .put("emoji", true);
        section(blocks, escape(String.valueOf(alert.description)));
        section(
                blocks,
                escape("*Log type:* " + alert.logType
                        + "\n*Source:* " + alert.source
                        + "\n*Merge key:* " + mergeKey(alert.mergeKey)
                        + "\n*Events:* " + alert.eventCount
                        + "\n*First seen:* " + Instant.ofEpochMilli(alert.firstSeen)
                        + "\n*Last seen:* " + Instant.ofEpochMilli(alert.lastSeen)
                        + (alert.alertCount > 1 ? "\n*Alerts merged:* " + alert.alertCount : "")
                        + "\n*Alert id:* " + alert.id));
        fields(blocks, alert.fields);
        if (alert.records != null && alert.records.length > 0) {
            String prefix = "*First sample record*\n```";
            String fence = "```";
            String excerpt =
                    truncate(escape(compact(alert.records[0])), MAX_SECTION_TEXT - prefix.length() - fence.length());
            section(blocks, prefix + excerpt + fence);
        }
        context(blocks, alert.context);
        return body;
    }

    /** What on-call reads first (who, from where, what, outcome): the event's normalized fields, in their order. */
    private static void fields(ArrayNode blocks, Normalized normalized) {
        if (normalized == null) {
            return;
        }
        ArrayNode fields = null;
        for (String name : Normalized.NAMES) {
            Object value = normalized.get(name);
            if (value == null) {
                continue;
            }
            if (fields == null) {
                fields = blocks.addObject().put("type", "section").putArray("fields");
            }
            fields.addObject()
                    .put("type", "mrkdwn")
                    .put("text", truncate("*" + name + "*\n" + escape(value.toString()), MAX_FIELD_TEXT));
            if (fields.size() == MAX_FIELDS) {
                return;
            }
        }
    }

    /** The rule's context, e.g. {"runbook": "https://..."}: web addresses become links, other values text. */
    private static void context(ArrayNode blocks, String contextJson) {
        JsonNode context = parse(contextJson);
        if (context == null || !context.isObject() || context.isEmpty()) {
            return;
        }
        ArrayNode elements = blocks.addObject().put("type", "context").putArray("elements");
        for (Map.Entry<String, JsonNode> entry : context.properties()) {
            if (elements.size() == MAX_CONTEXT_ELEMENTS) {
                break;
            }
            String value = entry.getValue().isValueNode()
                    ? entry.getValue().asText()
                    : entry.getValue().toString();
            String link = "<" + value.replace("&", "&amp;") + "|" + escape(entry.getKey()) + ">";
            // A cut link would not be a link: one too long is shown, cut, as text.
            String text = LINK.matcher(value).matches() && link.length() <= MAX_CONTEXT_TEXT
                    ? link
                    : truncate("*" + escape(entry.getKey()) + ":* " + escape(value), MAX_CONTEXT_TEXT);
            elements.addObject().put("type", "mrkdwn").put("text", text);
        }
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
