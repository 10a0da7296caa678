package dev.streamwarden.job.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.model.Alert;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The message's whole shape against a reviewed golden file: a change to it must be a decision, not an accident. */
class SlackMessageTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void mergedAlertWithFieldsAndRunbookMatchesTheGoldenMessage() throws Exception {
        Alert alert = new Alert();
        alert.id = "0123456789abcdef0123456789abcdef";
        alert.rule = "cloudtrail_root_account_usage";
        alert.severity = "HIGH";
        alert.description = "The AWS root account was used. Root use should be rare; confirm it was expected.";
        alert.logType = "cloudtrail";
        alert.source = "security-logs";
        alert.mergeKey = "{\"user_arn\":\"arn:aws:iam::111122223333:root\"}";
        alert.eventCount = 3;
        alert.alertCount = 3;
        alert.firstSeen = Instant.parse("2026-11-28T10:15:00Z").toEpochMilli();
        alert.lastSeen = Instant.parse("2026-11-28T10:42:30Z").toEpochMilli();
        alert.records = new String[] {"{\n  \"eventName\": \"ListUsers\",\n  \"userAgent\": \"<!channel> cli\"\n}"};
        alert.outputs = new String[] {"slack:security"};
        alert.context = "{\"runbook\":\"https://wiki.example.com/runbooks/root?team=sec&v=2\","
                + "\"owner\":\"secops <!here>\"}";
        alert.fields.set("src_addr", "198.51.100.7");
        alert.fields.set("user_name", "root");
        alert.fields.set("user_arn", "arn:aws:iam::111122223333:root");
        alert.fields.set("event_name", "ListUsers");
        alert.fields.set("outcome", "success");

        JsonNode message = MAPPER.readTree(SlackMessage.toJson(alert));

        assertEquals(
                golden("golden/slack-message.json"),
                message,
                () -> "message differs from the golden file; now:\n" + pretty(message));
    }

    @Test
    void everyPartStaysWithinSlackLimitsWhateverTheAlertHolds() throws Exception {
        Alert alert = new Alert();
        alert.id = "id";
        alert.rule = "r".repeat(500);
        alert.severity = "LOW";
        alert.description = "d".repeat(10_000);
        alert.mergeKey = "{}";
        alert.records = new String[] {"{\"x\":\"" + "x".repeat(50_000) + "\"}"};
        StringBuilder context = new StringBuilder("{");
        for (int i = 0; i < 15; i++) {
            context.append(i == 0 ? "" : ",")
                    .append("\"link")
                    .append(i)
                    .append("\":\"https://example.com/")
                    .append("p".repeat(4000))
                    .append('"');
        }
        alert.context = context.append('}').toString();
        for (String name : dev.streamwarden.api.Normalized.NAMES) {
            alert.fields.set(name, dev.streamwarden.api.Normalized.isInteger(name) ? "443" : "v".repeat(5000));
        }

        String text = SlackMessage.toJson(alert);
        JsonNode message = MAPPER.readTree(text);

        assertTrue(text.length() <= SlackMessage.MAX_MESSAGE, "message of " + text.length());
        assertTrue(message.path("text").asText().length() <= SlackMessage.MAX_FALLBACK_TEXT);
        JsonNode blocks = message.path("blocks");
        assertEquals(6, blocks.size());
        assertTrue(blocks.get(0).path("text").path("text").asText().length() <= SlackMessage.MAX_HEADER_TEXT);
        JsonNode fields = blocks.get(3).path("fields");
        assertEquals(SlackMessage.MAX_FIELDS, fields.size());
        for (JsonNode field : fields) {
            String value = field.path("text").asText();
            assertTrue(value.length() <= SlackMessage.MAX_FIELD_TEXT, "field of " + value.length());
            assertTrue(value.endsWith(SlackMessage.TRUNCATED) || value.endsWith("443"), value);
        }
        for (int i : new int[] {1, 2, 4}) {
            assertTrue(blocks.get(i).path("text").path("text").asText().length() <= SlackMessage.MAX_SECTION_TEXT);
        }
        JsonNode elements = blocks.get(5).path("elements");
        assertEquals(SlackMessage.MAX_CONTEXT_ELEMENTS, elements.size());
        for (JsonNode element : elements) {
            String value = element.path("text").asText();
            assertTrue(value.length() <= SlackMessage.MAX_CONTEXT_TEXT, "context of " + value.length());
            assertTrue(value.startsWith("*link") && value.endsWith(SlackMessage.TRUNCATED), "a cut link is text");
        }
    }

    private static JsonNode golden(String resource) throws Exception {
        try (InputStream in = SlackMessageTest.class.getClassLoader().getResourceAsStream(resource)) {
            return MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            return node.toString();
        }
    }
}
