package dev.streamwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigException;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.config.StreamwardenConfig.InitialPosition;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The runtime properties the stack gives the application are a configuration the job accepts: the template's
 * property groups, evaluated for given parameters, go through the job's own reader and start-up checks (unknown
 * groups and keys, types, required keys), and carry the values the parameters say.
 */
class PropertyGroupsTest {
    private static final Map<String, String> REQUIRED =
            Map.of("CodeBucketName", "code-bucket", "CodeKey", "streamwarden/job.jar", "StreamName", "flows");
    private static final Map<String, String> NAMES = Map.of("DataBucket", "streamwarden-data-1");

    @Test
    void theDefaultsAreAValidConfiguration() throws Exception {
        StreamwardenConfig config = load(Map.of());

        assertEquals(StreamwardenConfig.SourceType.KINESIS, config.sourceType());
        assertEquals("flows", config.kinesisStream());
        assertEquals("flows", config.sourceName());
        assertEquals("eu-west-1", config.kinesisRegion(), "the stack's region");
        assertEquals(InitialPosition.LATEST, config.initialPosition());
        assertEquals(1, config.sourceParallelism());
        assertEquals(2, config.parallelism());
        assertEquals("s3://streamwarden-data-1/lake", config.lakePath());
        assertEquals("s3://streamwarden-data-1/alerts", config.alertsPath());
        assertEquals("s3://streamwarden-data-1/dead-letter", config.deadLetterPath());
        assertEquals("s3://streamwarden-data-1/failed-alerts", config.failedAlertsPath());
        assertEquals(null, config.slackWebhookUrl(), "no Slack unless a secret is given");
    }

    @Test
    void parametersReachTheJob() throws Exception {
        String secret = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:streamwarden/slack-AbCdEf";
        StreamwardenConfig config = load(Map.of(
                "SourceParallelism", "4",
                "Parallelism", "8",
                "InitialPosition", "AT_TIMESTAMP",
                "InitialTimestamp", "2026-12-01T03:00:00Z",
                "SlackWebhookSecretArn", secret));

        assertEquals(4, config.sourceParallelism());
        assertEquals(8, config.parallelism());
        assertEquals(InitialPosition.AT_TIMESTAMP, config.initialPosition());
        assertEquals(Instant.parse("2026-12-01T03:00:00Z"), config.initialTimestamp());
        assertEquals(secret, config.slackWebhookUrl(), "the reference; the job reads the secret at start-up");
    }

    @Test
    void aTimestampIsRequiredWithAtTimestampByTheStackAndByTheJob() throws Exception {
        CfnTemplate template = CfnTemplate.read(Templates.MAIN);
        JsonNode rule = template.root.path("Rules").path("TimestampWithAtTimestamp");
        assertEquals(
                "AT_TIMESTAMP",
                rule.path("RuleCondition").path("Fn::Equals").get(1).asText());

        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("InitialPosition", "AT_TIMESTAMP")));
        assertEquals("kinesis.initial-timestamp is required with initial-position AT_TIMESTAMP", e.getMessage());
    }

    /** The application's property groups for these parameters, loaded as Managed Flink hands them to the job. */
    private static StreamwardenConfig load(Map<String, String> parameters) throws Exception {
        Map<String, String> all = new TreeMap<>(REQUIRED);
        all.putAll(parameters);
        CfnTemplate template = CfnTemplate.read(Templates.MAIN).with(all, NAMES);
        JsonNode groups = template.evaluate(template.resource("Application")
                .path("Properties")
                .path("ApplicationConfiguration")
                .path("EnvironmentProperties")
                .path("PropertyGroups"));
        Map<String, Properties> propertyGroups = new TreeMap<>();
        for (JsonNode group : groups) {
            Properties properties = new Properties();
            group.path("PropertyMap")
                    .fields()
                    .forEachRemaining(
                            e -> properties.setProperty(e.getKey(), e.getValue().asText()));
            propertyGroups.put(group.path("PropertyGroupId").asText(), properties);
        }
        assertEquals(groups.size(), propertyGroups.size(), "a group given twice: " + groups);
        StreamwardenConfig config = StreamwardenConfig.fromPropertyGroups(propertyGroups, Map.of());
        StreamwardenJob.check(config); // the rules' outputs exist, as at start-up
        return config;
    }
}
