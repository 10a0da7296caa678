package dev.streamwarden.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamwardenConfigTest {
    @Test
    void aBlankPropertyLeavesTheEnvironmentsValue() {
        Properties slack = new Properties();
        slack.setProperty("webhook-url", " ");
        StreamwardenConfig config =
                StreamwardenConfig.builder().putAll(Map.of("slack", slack)).buildUnchecked();
        assertEquals(null, config.slackWebhookUrl(), "blank is not set");

        StreamwardenConfig withEnv = StreamwardenConfig.builder()
                .putAll(Map.of(
                        "slack", slack,
                        "kinesis", props("stream", "s"),
                        "output", props("lake", "l", "alerts", "a", "dead-letter", "d", "failed-alerts", "f")))
                .build(Map.of(StreamwardenConfig.SLACK_WEBHOOK_ENV, "https://hooks.slack.com/services/T/B/env"));
        assertEquals("https://hooks.slack.com/services/T/B/env", withEnv.slackWebhookUrl());
    }

    @Test
    void aLoadedConfigurationCannotBeChanged() {
        List<String> mutable = new ArrayList<>();
        for (Field field : StreamwardenConfig.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) && !(Modifier.isPrivate(modifiers) && Modifier.isFinal(modifiers))) {
                mutable.add(field.getName());
            }
        }
        assertEquals(List.of(), mutable, "fields that are not private final");

        StreamwardenConfig config = StreamwardenConfig.builder()
                .set(ConfigKeys.RULES_DISABLED, List.of("a"))
                .slackWebhook("security", "https://hooks.slack.com/1")
                .buildUnchecked();
        assertThrows(
                UnsupportedOperationException.class,
                () -> config.disabledRules().add("b"));
        assertThrows(
                UnsupportedOperationException.class,
                () -> config.slackWebhooks().put("x", "https://y"));
        config.consumerProperties().setProperty("aws.region", "eu-west-1");
        assertEquals(null, config.consumerProperties().getProperty("aws.region"), "a copy");
    }

    private static final String SECRET = "https://hooks.slack.com/services/T000/B000/SECRETTOKEN";

    private static Path write(Path dir, String json) throws IOException {
        Path file = dir.resolve("application_properties.json");
        Files.writeString(file, json);
        return file;
    }

    private static final String MINIMAL = "[{\"PropertyGroupId\":\"kinesis\",\"PropertyMap\":{\"stream\":\"flows\"}},"
            + "{\"PropertyGroupId\":\"output\",\"PropertyMap\":{\"lake\":\"s3://b/lake\",\"alerts\":\"s3://b/alerts\","
            + "\"dead-letter\":\"s3://b/dlq\",\"failed-alerts\":\"s3://b/failed\"}}";

    @Test
    void readsManagedFlinkPropertyGroupsWithDefaults(@TempDir Path dir) throws IOException {
        StreamwardenConfig c = StreamwardenConfig.fromPropertyGroups(
                PropertyGroups.read(write(
                        dir,
                        MINIMAL
                                + ",{\"PropertyGroupId\":\"processing\",\"PropertyMap\":{\"parallelism\":\"8\","
                                + "\"max-out-of-orderness\":\"90s\"}},{\"PropertyGroupId\":\"kinesis.consumer\",\"PropertyMap\":"
                                + "{\"flink.stream.recordpublisher\":\"EFO\"}}]")),
                Map.of());
        StreamwardenConfig longHorizon = StreamwardenConfig.fromPropertyGroups(
                Map.of(
                        "kinesis",
                        props("stream", "s"),
                        "output",
                        props("lake", "l", "alerts", "a", "dead-letter", "d", "dedup-horizon", "36h")),
                Map.of());

        assertEquals(StreamwardenConfig.SourceType.KINESIS, c.sourceType());
        assertEquals("flows", c.sourceName());
        assertEquals(StreamwardenConfig.InitialPosition.LATEST, c.initialPosition());
        assertEquals(8, c.parallelism());
        assertEquals(Duration.ofSeconds(90), c.maxOutOfOrderness());
        assertEquals("EFO", c.consumerProperties().getProperty("flink.stream.recordpublisher"));
        assertEquals(Duration.ofHours(24), c.dedupHorizon());
        assertEquals(Duration.ofHours(36), longHorizon.dedupHorizon());
        assertEquals("s3://b/lake", c.lakePath());
    }

    @Test
    void unknownKeysAndBadValuesFailNamingTheKey(@TempDir Path dir) throws IOException {
        ConfigException typo = assertThrows(
                ConfigException.class,
                () -> StreamwardenConfig.fromPropertyGroups(
                        PropertyGroups.read(
                                write(
                                        dir,
                                        MINIMAL
                                                + ",{\"PropertyGroupId\":\"processing\",\"PropertyMap\":{\"paralelism\":\"8\"}}]")),
                        Map.of()));
        assertTrue(typo.getMessage().startsWith("unknown key 'processing.paralelism'"), typo.getMessage());

        ConfigException position = assertThrows(
                ConfigException.class,
                () -> StreamwardenConfig.fromPropertyGroups(
                        PropertyGroups.read(write(
                                dir,
                                "[{\"PropertyGroupId\":\"kinesis\",\"PropertyMap\":{\"stream\":\"s\","
                                        + "\"initial-position\":\"EARLIEST\"}}]")),
                        Map.of()));
        // Every problem at once, so one round of fixes is enough.
        assertEquals(
                List.of(
                        "kinesis.initial-position: 'EARLIEST' is not one of LATEST, TRIM_HORIZON, AT_TIMESTAMP",
                        "output.lake is required",
                        "output.alerts is required",
                        "output.dead-letter is required"),
                position.problems());
        assertEquals(
                "4 problems: kinesis.initial-position: 'EARLIEST' is not one of LATEST, TRIM_HORIZON, AT_TIMESTAMP; "
                        + "output.lake is required; output.alerts is required; output.dead-letter is required",
                position.getMessage());

        ConfigException missing = assertThrows(
                ConfigException.class,
                () -> StreamwardenConfig.fromPropertyGroups(
                        PropertyGroups.read(write(dir, "[{\"PropertyGroupId\":\"kinesis\",\"PropertyMap\":{}}]")),
                        Map.of()));
        assertEquals(
                List.of(
                        "kinesis.stream is required",
                        "output.lake is required",
                        "output.alerts is required",
                        "output.dead-letter is required"),
                missing.problems());
    }

    /** output.print-alerts is the only boolean key; a typo must not read as false. */
    @Test
    void booleansAreTrueOrFalseAndAnythingElseFailsNamingKeyAndValue(@TempDir Path dir) throws IOException {
        ConfigException typo = assertThrows(ConfigException.class, () -> withPrintAlerts(dir, "\"ture\""));
        assertEquals("output.print-alerts: 'ture' is not true or false", typo.getMessage());
        ConfigException number = assertThrows(ConfigException.class, () -> withPrintAlerts(dir, "1"));
        assertEquals("output.print-alerts: '1' is not true or false", number.getMessage());

        assertTrue(withPrintAlerts(dir, "\"TRUE\"").printAlerts());
        assertTrue(withPrintAlerts(dir, "true").printAlerts(), "a JSON boolean");
        assertFalse(withPrintAlerts(dir, "\"false\"").printAlerts());
        assertFalse(
                StreamwardenConfig.fromPropertyGroups(PropertyGroups.read(write(dir, MINIMAL + "]")), Map.of())
                        .printAlerts(),
                "the default");
    }

    private static StreamwardenConfig withPrintAlerts(Path dir, String jsonValue) throws IOException {
        return StreamwardenConfig.fromPropertyGroups(
                PropertyGroups.read(write(
                        dir,
                        MINIMAL.replace("\"failed-alerts\":", "\"print-alerts\":" + jsonValue + ",\"failed-alerts\":")
                                + "]")),
                Map.of());
    }

    @Test
    void slackWebhookComesFromTheEnvironmentAndNeverShows(@TempDir Path dir) throws IOException {
        StreamwardenConfig c = StreamwardenConfig.fromPropertyGroups(
                PropertyGroups.read(write(dir, MINIMAL + "]")), Map.of(StreamwardenConfig.SLACK_WEBHOOK_ENV, SECRET));

        assertEquals(SECRET, c.slackWebhookUrl());
        assertFalse(c.toString().contains("SECRETTOKEN"), c.toString());

        Properties slack = new Properties();
        slack.setProperty("webhook-url", "ftp://x/SECRETTOKEN");
        ConfigException bad = assertThrows(
                ConfigException.class,
                () -> StreamwardenConfig.fromPropertyGroups(
                        Map.of(
                                "kinesis",
                                props("stream", "s"),
                                "output",
                                props("lake", "l", "alerts", "a", "dead-letter", "d", "failed-alerts", "f"),
                                "slack",
                                slack),
                        Map.of()));
        assertFalse(bad.getMessage().contains("SECRETTOKEN"), bad.getMessage());
    }

    @Test
    void everySecretCanComeFromTheEnvironmentAndPropertiesWin() {
        Map<String, String> env = Map.of(
                StreamwardenConfig.SLACK_WEBHOOK_ENV + "_SECURITY_TEAM",
                "https://hooks.slack.com/services/T/B/ENV1",
                "STREAMWARDEN_SLACK_BOT_TOKEN_OPS",
                "xoxb-ENV",
                "STREAMWARDEN_WEBHOOK_URL_SOAR",
                "https://soar.example.com/env",
                "STREAMWARDEN_WEBHOOK_HMAC_KEY_SOAR",
                "key-ENV",
                StreamwardenConfig.SLACK_WEBHOOK_ENV + "_PAGER",
                "https://hooks.slack.com/services/T/B/ENV2",
                "STREAMWARDEN_SLACK_BOT_TOKEN_",
                "no name: ignored");
        StreamwardenConfig c = StreamwardenConfig.fromPropertyGroups(
                Map.of(
                        "kinesis",
                        props("stream", "s"),
                        "output",
                        props("lake", "l", "alerts", "a", "dead-letter", "d", "failed-alerts", "f"),
                        StreamwardenConfig.SLACK_BOT_CHANNELS_GROUP,
                        props("ops", "#ops"),
                        StreamwardenConfig.SLACK_OUTPUTS_GROUP,
                        props("pager", "https://hooks.slack.com/services/T/B/PROP")),
                env);

        assertEquals(
                Map.of(
                        "security-team",
                        "https://hooks.slack.com/services/T/B/ENV1",
                        "pager",
                        "https://hooks.slack.com/services/T/B/PROP"),
                c.slackWebhooks());
        assertEquals(Map.of("ops", "xoxb-ENV"), c.slackBotTokens());
        assertEquals(Map.of("soar", "https://soar.example.com/env"), c.webhooks());
        assertEquals(Map.of("soar", "key-ENV"), c.webhookHmacKeys());
    }

    @Test
    void deliveryKeysAreReadUnderTheirOldSlackNamesToo() {
        Map<String, Properties> base = Map.of(
                "kinesis", props("stream", "s"), "output", props("lake", "l", "alerts", "a", "dead-letter", "d"));
        Map<String, Properties> current = new java.util.HashMap<>(base);
        current.put("delivery", props("max-attempts", "7", "deadline", "2m"));
        Map<String, Properties> old = new java.util.HashMap<>(base);
        old.put("slack", props("max-attempts", "7", "deadline", "2m"));
        for (Map<String, Properties> groups : List.of(current, old)) {
            StreamwardenConfig c = StreamwardenConfig.fromPropertyGroups(groups, Map.of());
            assertEquals(7, c.deliveryMaxAttempts());
            assertEquals(Duration.ofMinutes(2), c.deliveryDeadline());
            assertEquals(Duration.ofSeconds(30), c.deliveryMaxBackoff(), "the default");
        }
        Map<String, Properties> both = new java.util.HashMap<>(current);
        both.put("slack", props("max-attempts", "9"));
        assertEquals(
                "delivery.max-attempts and its old name slack.max-attempts are both set; keep "
                        + "delivery.max-attempts",
                assertThrows(ConfigException.class, () -> StreamwardenConfig.fromPropertyGroups(both, Map.of()))
                        .getMessage());
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
