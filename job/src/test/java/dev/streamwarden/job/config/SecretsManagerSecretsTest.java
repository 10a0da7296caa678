package dev.streamwarden.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook URLs and tokens given as Secrets Manager ARNs, read by the real AWS SDK client from a local HTTP server
 * that answers GetSecretValue as the service does (JSON 1.1 protocol).
 */
class SecretsManagerSecretsTest {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:streamwarden/slack-AbCdEf";
    private static final String JSON_ARN =
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:streamwarden/outputs-GhIjKl";
    private static final String WEBHOOK = "https://hooks.slack.com/services/T0/B0/SECRETTOKEN";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, String> secrets = new HashMap<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private MockWebServer server;

    @BeforeAll
    static void credentials() {
        // The default credential chain reads these first (as it would read the IAM role on Managed Flink).
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void start() throws Exception {
        secrets.put(ARN, WEBHOOK);
        secrets.put(
                JSON_ARN,
                "{\"security\":\"https://hooks.slack.com/services/T0/B1/SECURITYTOKEN\","
                        + "\"bot\":\"xoxb-BOTTOKEN\",\"signing\":\"hmac-KEY\"}");
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                recorded.add(request);
                try {
                    JsonNode body = MAPPER.readTree(request.getBody().utf8());
                    requests.add(body);
                    String value = secrets.get(body.path("SecretId").asText());
                    if (value == null) {
                        return new MockResponse.Builder()
                                .code(400)
                                .addHeader("Content-Type", "application/x-amz-json-1.1")
                                .body("{\"__type\":\"ResourceNotFoundException\","
                                        + "\"message\":\"Secrets Manager can't find the specified secret.\"}")
                                .build();
                    }
                    return new MockResponse.Builder()
                            .code(200)
                            .addHeader("Content-Type", "application/x-amz-json-1.1")
                            .body(MAPPER.createObjectNode()
                                    .put("ARN", body.path("SecretId").asText())
                                    .put("Name", "streamwarden")
                                    .put("SecretString", value)
                                    .put("VersionId", "v1")
                                    .toString())
                            .build();
                } catch (Exception e) {
                    return new MockResponse.Builder()
                            .code(500)
                            .body(String.valueOf(e))
                            .build();
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void loadingAndValidatingCallNoAwsServiceOnlyResolvingDoes() {
        Map<String, Properties> groups = new HashMap<>();
        groups.put("kinesis", props("stream", "flows"));
        groups.put("output", props("lake", "l", "alerts", "a", "dead-letter", "d", "failed-alerts", "f"));
        groups.put("secrets", props("endpoint", server.url("/").toString()));
        groups.put("slack", props("webhook-url", ARN));
        StreamwardenConfig config = StreamwardenConfig.fromPropertyGroups(groups, Map.of());

        assertEquals(0, recorded.size(), "fromPropertyGroups validates without Secrets Manager");
        assertEquals(ARN, config.slackWebhookUrl());
        StreamwardenConfig resolved = config.resolveSecrets();
        assertEquals(1, recorded.size());
        assertEquals(WEBHOOK, resolved.slackWebhookUrl());
        assertEquals(ARN, config.slackWebhookUrl(), "a loaded configuration does not change");
    }

    @Test
    void aWholeSecretServesTheDefaultWebhook() {
        StreamwardenConfig config = load(Map.of("slack", props("webhook-url", ARN)));

        assertEquals(WEBHOOK, config.slackWebhookUrl());
        assertFalse(config.toString().contains("SECRETTOKEN"), config.toString());
        assertEquals(1, recorded.size());
        RecordedRequest request = recorded.get(0);
        assertEquals("secretsmanager.GetSecretValue", request.getHeaders().get("X-Amz-Target"));
        // Signed for the region in the ARN, with the default credential chain's key.
        String authorization = request.getHeaders().get("Authorization");
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorization);
        assertTrue(authorization.contains("/eu-west-1/secretsmanager/aws4_request"), authorization);
        assertEquals(ARN, requests.get(0).path("SecretId").asText());
        assertTrue(requests.get(0).path("VersionStage").isMissingNode(), "no stage unless the reference names one");
    }

    @Test
    void jsonKeysOfOneSecretServeSeveralOutputsWithOneRead() {
        StreamwardenConfig config = load(Map.of(
                StreamwardenConfig.SLACK_OUTPUTS_GROUP, props("security", JSON_ARN + ":security"),
                StreamwardenConfig.SLACK_BOT_TOKENS_GROUP, props("ops", JSON_ARN + ":bot"),
                StreamwardenConfig.SLACK_BOT_CHANNELS_GROUP, props("ops", "#ops"),
                StreamwardenConfig.WEBHOOK_OUTPUTS_GROUP, props("soar", "https://soar.example.com/hook"),
                StreamwardenConfig.WEBHOOK_KEYS_GROUP, props("soar", JSON_ARN + ":signing::")));

        assertEquals(
                "https://hooks.slack.com/services/T0/B1/SECURITYTOKEN",
                config.slackWebhooks().get("security"));
        assertEquals("xoxb-BOTTOKEN", config.slackBotTokens().get("ops"));
        assertEquals("hmac-KEY", config.webhookHmacKeys().get("soar"));
        assertEquals("https://soar.example.com/hook", config.webhooks().get("soar"), "plain values stay as they are");
        assertEquals(1, recorded.size(), "one read per secret version");
    }

    @Test
    void aVersionStageIsAskedFor() {
        load(Map.of("slack", props("webhook-url", JSON_ARN + ":security:AWSPREVIOUS")));

        assertEquals("AWSPREVIOUS", requests.get(0).path("VersionStage").asText());
        assertTrue(requests.get(0).path("VersionId").isMissingNode());
    }

    @Test
    void failuresNameTheKeyAndTheSecretButNoValue() {
        String missing = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:streamwarden/gone-MnOpQr";
        ConfigException notFound = assertThrows(
                ConfigException.class,
                () -> load(Map.of(StreamwardenConfig.SLACK_OUTPUTS_GROUP, props("security", missing))));
        assertTrue(
                notFound.getMessage()
                        .startsWith("slack.outputs.security: cannot read " + missing
                                + ": ResourceNotFoundException: Secrets Manager can't find the specified secret."),
                notFound.getMessage());

        ConfigException noKey = assertThrows(
                ConfigException.class, () -> load(Map.of("slack", props("webhook-url", JSON_ARN + ":pager"))));
        assertEquals(
                "slack.webhook-url: " + JSON_ARN + " has no text value at key 'pager' (its keys: "
                        + "[security, bot, signing])",
                noKey.getMessage());

        ConfigException notJson =
                assertThrows(ConfigException.class, () -> load(Map.of("slack", props("webhook-url", ARN + ":url"))));
        assertEquals(
                "slack.webhook-url: " + ARN + " is not a JSON object, so it has no key 'url'", notJson.getMessage());
        assertFalse(notJson.getMessage().contains("SECRETTOKEN"));

        int reads = recorded.size();
        ConfigException malformed = assertThrows(
                ConfigException.class,
                () -> load(Map.of("slack", props("webhook-url", "arn:aws:secretsmanager:eu-west-1:secret:x"))));
        assertTrue(
                malformed
                        .getMessage()
                        .startsWith("slack.webhook-url: 'arn:aws:secretsmanager:eu-west-1:secret:x'"
                                + " is not a Secrets Manager reference"),
                malformed.getMessage());
        assertEquals(reads, recorded.size(), "a malformed reference is not sent anywhere");
    }

    @Test
    void noAwsCallWithoutReferences() {
        StreamwardenConfig config = load(Map.of("slack", props("webhook-url", WEBHOOK)));

        assertEquals(WEBHOOK, config.slackWebhookUrl());
        assertEquals(0, recorded.size());
        assertNull(config.slackWebhooks().get("security"));
    }

    private StreamwardenConfig load(Map<String, Properties> more) {
        Map<String, Properties> groups = new HashMap<>(more);
        groups.put("kinesis", props("stream", "flows"));
        groups.put("output", props("lake", "l", "alerts", "a", "dead-letter", "d", "failed-alerts", "f"));
        groups.put("secrets", props("endpoint", server.url("/").toString()));
        return StreamwardenConfig.fromPropertyGroups(groups, Map.of()).resolveSecrets();
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
