package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.launcher.local.DrainedRun;
import dev.streamwarden.launcher.local.KinesisEmulator;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.SampleData;
import dev.streamwarden.launcher.local.TestEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole job against real parts: the Kinesis emulator (kinesis-local, 2 shards), S3 (s3proxy, through Flink's
 * S3 file system plugin), a local HTTP server standing in for Slack, and a Flink MiniCluster with exactly-once
 * checkpoints and no restarts. Input is the demo's sample traffic plus a batch built here, independently of the
 * generator; every output is read back from S3 and checked against what the input must produce.
 */
class EndToEndIT {
    private static final String STREAM = "streamwarden-it";
    /**
     * The configured source.name, not the stream's: listed in sources.yaml (vpc_flow, cloudtrail, guardduty,
     * cloudwatch_event), so it must reach every event, alert and dead letter, and restrict classification.
     */
    private static final String SOURCE = "streamwarden-demo";

    private static final String BUCKET = "streamwarden-it";
    private static final String WEBHOOK_PATH = "/services/T0/B0/SECRET";
    /** Fixed, so every event falls into one known lake partition: dt=2026-11-28/hour=10. */
    private static final Instant BASE = Instant.parse("2026-11-28T10:15:00Z");

    private static final String LAKE_HOUR = "dt=2026-11-28/hour=10";
    private static final long SEED = 20261128L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String PORT_SCAN = "vpc_flow_port_scan";
    private static final String ROOT_USAGE = "cloudtrail_root_account_usage";
    private static final String SG_ANYWHERE = "cloudtrail_security_group_ingress_anywhere";
    private static final String GUARD_DUTY = "guard_duty_all";

    @RegisterExtension
    static final S3ProxyExtension S3 = S3TestServer.extension();

    @TempDir
    Path tmp;

    @Test
    // A hung job or emulator must fail the build, not stall it; nothing else here waits against a clock.
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void kinesisToS3AndSlackExactlyOnce() throws Exception {
        long started = System.nanoTime();
        SampleData sample = SampleData.generate(BASE, SEED);
        OwnBatch own = new OwnBatch();

        Map<String, Integer> expectedEvents = new TreeMap<>(sample.eventsPerLogType);
        own.eventsPerLogType.forEach((type, n) -> expectedEvents.merge(type, n, Integer::sum));
        Map<String, Integer> expectedAlerts = new TreeMap<>(sample.alertsPerRule);
        own.alertsPerRule.forEach((rule, n) -> expectedAlerts.merge(rule, n, Integer::sum));
        int expectedDeadLetters = sample.deadLetters + own.deadLetters;
        long expectedGoodEvents =
                expectedEvents.values().stream().mapToInt(Integer::intValue).sum();
        int expectedAlertCount =
                expectedAlerts.values().stream().mapToInt(Integer::intValue).sum();

        try (S3Client s3 = S3TestServer.client(S3);
                MockWebServer slack = new MockWebServer();
                KinesisEmulator emulator = TestEmulator.start();
                KinesisClient kinesis = KinesisEmulator.client(emulator.endpoint())) {
            s3.createBucket(b -> b.bucket(BUCKET));

            slack.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).body("ok").build();
                }
            });
            slack.start();

            KinesisWriter writer = new KinesisWriter(kinesis);
            writer.createStream(STREAM, 2);
            long written = writer.putAll(STREAM, sample.records) + writer.putAll(STREAM, own.records);

            Configuration conf = flinkConfiguration();
            // The S3 file system is a plugin (FLINK_PLUGINS_DIR); the MiniCluster does not initialize file
            // systems itself, so this must happen before the job starts.
            FileSystem.initialize(conf, PluginUtils.createPluginManagerFromRootFolder(conf));
            JobExecutionResult result;
            Path savepoints = tmp.resolve("savepoints");
            try {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
                env.setParallelism(2);
                env.getConfig().disableGenericTypes();
                StreamwardenJob.build(env, jobConfig(emulator, slack));
                JobClient job = env.executeAsync("streamwarden-it");
                result = DrainedRun.stopWhenRead(job, written, savepoints);
            } finally {
                // File systems are JVM-global: leave no s3proxy endpoint behind for other tests.
                FileSystem.initialize(new Configuration(), null);
            }
            long jobDone = System.nanoTime();

            // (f) Ended by the draining savepoint. A JobExecutionResult exists only for a FINISHED job (FAILED or
            // CANCELED throw from getJobExecutionResult), and with restart-strategy none any failure caused by the
            // data fails the job for good. The per-job MiniCluster is gone by now, so its status cannot be asked.
            assertNotNull(result, "the job's result");
            assertSavepointWritten(savepoints);
            Map<String, Object> acc = result.getAllAccumulatorResults();
            assertEquals(
                    written,
                    ((Number) acc.get("records." + SOURCE)).longValue(),
                    "records read: exactly those written");
            assertEquals(expectedGoodEvents, sumAccumulators(acc, "events."), "events accumulators: " + acc);
            assertEquals(expectedDeadLetters, sumAccumulators(acc, "dead_letters."), "dead-letter accumulators");
            assertEquals((long) expectedAlertCount, sumAccumulators(acc, "delivered."), "Slack deliveries");

            assertOnlyCommittedPartFiles(s3);
            assertLake(s3, expectedEvents, expectedGoodEvents, own);
            Set<String> slackIds = assertSlack(slack, expectedAlerts);
            assertEquals(
                    slackIds,
                    objects(s3, "alerts/_delivered/").stream()
                            .map(o -> o.key().substring(o.key().lastIndexOf('/') + 1))
                            .collect(Collectors.toSet()),
                    "the delivery ledger holds exactly what Slack accepted");
            assertAlertArchive(s3, expectedAlerts, slackIds);
            assertDeadLetters(s3, expectedDeadLetters);
            assertEquals(List.of(), objects(s3, "failed-alerts/"), "failed alerts (Slack answered 200)");

            System.out.printf(
                    "EndToEndIT: %d records, %d events, %d alerts, %d dead letters; job %d ms, total %d ms%n",
                    written,
                    expectedGoodEvents,
                    expectedAlertCount,
                    expectedDeadLetters,
                    (jobDone - started) / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Set-up

    private static Configuration flinkConfiguration() {
        Configuration conf = S3TestServer.flink(S3, S3.getUri().toString());
        conf.setString("execution.checkpointing.interval", "1 s");
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        // Any failure caused by the data fails the job, and so the test.
        conf.setString("restart-strategy.type", "none");
        // Running accumulators (records read) reach the client with each heartbeat.
        conf.setString("heartbeat.interval", "1000");
        conf.setString("parallelism.default", "2");
        return conf;
    }

    private static StreamwardenConfig jobConfig(KinesisEmulator emulator, MockWebServer slack) {
        StreamwardenConfig.Builder config = StreamwardenConfig.builder();
        config.set(ConfigKeys.SOURCE_TYPE, StreamwardenConfig.SourceType.KINESIS);
        config.set(ConfigKeys.KINESIS_STREAM, STREAM);
        config.set(ConfigKeys.SOURCE_NAME, SOURCE);
        config.set(ConfigKeys.KINESIS_ENDPOINT, emulator.endpoint());
        config.set(ConfigKeys.KINESIS_INITIAL_POSITION, StreamwardenConfig.InitialPosition.TRIM_HORIZON);
        config.set(ConfigKeys.KINESIS_SOURCE_PARALLELISM, 2);
        config.consumerProperties(KinesisEmulator.consumerProperties());
        config.set(ConfigKeys.PROCESSING_PARALLELISM, 2);
        config.set(ConfigKeys.OUTPUT_LAKE, "s3://" + BUCKET + "/lake");
        config.set(ConfigKeys.OUTPUT_ALERTS, "s3://" + BUCKET + "/alerts");
        config.set(ConfigKeys.OUTPUT_DEAD_LETTER, "s3://" + BUCKET + "/dead-letter");
        config.set(ConfigKeys.OUTPUT_FAILED_ALERTS, "s3://" + BUCKET + "/failed-alerts");
        config.set(ConfigKeys.SLACK_WEBHOOK_URL, slack.url(WEBHOOK_PATH).toString());
        // Far beyond a local answer on a loaded machine: a request that timed out would be posted again.
        config.set(ConfigKeys.DELIVERY_REQUEST_TIMEOUT, Duration.ofMinutes(2));
        return config.build(Map.of());
    }

    // ---------------------------------------------------------------------------------------------------------
    // (a) The Parquet lake

    private void assertLake(S3Client s3, Map<String, Integer> expectedEvents, long expectedGoodEvents, OwnBatch own)
            throws Exception {
        Pattern key =
                Pattern.compile("lake/(log_type=([a-z_]+)/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2})/part-[^/]+\\.parquet");
        Path local = tmp.resolve("lake");
        Set<String> partitions = new TreeSet<>();
        int files = 0;
        for (S3Object object : objects(s3, "lake/")) {
            Matcher m = key.matcher(object.key());
            assertTrue(m.matches(), "lake object key " + object.key());
            partitions.add(m.group(1));
            Path file = local.resolve(object.key());
            Files.createDirectories(file.getParent());
            Files.write(
                    file,
                    s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key())).asByteArray());
            files++;
        }
        Set<String> expectedPartitions = new TreeSet<>();
        expectedEvents.keySet().forEach(type -> expectedPartitions.add("log_type=" + type + "/" + LAKE_HOUR));
        assertEquals(expectedPartitions, partitions, "lake partitions (all events lie in one hour)");
        assertTrue(files >= expectedPartitions.size(), "part files: " + files);

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            // Every log type's table has its own typed columns; the common ones are flattened for the checks here.
            sql.execute("CREATE VIEW lake AS SELECT log_type, dt, hour, event_time, record, meta.*, normalized.*"
                    + " FROM read_parquet('" + local.toAbsolutePath().toString().replace("'", "''")
                    + "/**/*.parquet', hive_partitioning = true, union_by_name = true)");

            assertEquals(expectedGoodEvents, single(sql, "SELECT count(*) FROM lake"), "rows in the lake");
            Map<String, Integer> perType = new TreeMap<>();
            try (ResultSet rs = sql.executeQuery("SELECT log_type, count(*) FROM lake GROUP BY log_type")) {
                while (rs.next()) {
                    perType.put(rs.getString(1), rs.getInt(2));
                }
            }
            assertEquals(expectedEvents, perType, "rows per log type");
            assertEquals(
                    expectedGoodEvents,
                    single(sql, "SELECT count(*) FROM (SELECT DISTINCT sequence_number, record FROM lake)"),
                    "distinct (sequence_number, record): duplicates would be fewer distinct than rows");
            assertEquals(
                    0L,
                    single(sql, "SELECT count(*) FROM lake WHERE dt <> DATE '2026-11-28' OR hour <> 10"),
                    "hive partition columns");
            assertEquals(
                    0L,
                    single(
                            sql,
                            "SELECT count(*) FROM lake WHERE source <> '" + SOURCE
                                    + "' OR sequence_number IS NULL OR origin NOT LIKE 'shardId-%'"),
                    "envelope columns");
            assertEquals(2L, single(sql, "SELECT count(DISTINCT origin) FROM lake"), "events from both shards");
            assertEquals(
                    0L,
                    single(
                            sql,
                            "SELECT count(*) FROM lake WHERE epoch_ms(event_time) < " + BASE.toEpochMilli()
                                    + " OR epoch_ms(event_time) > "
                                    + BASE.plusSeconds(120).toEpochMilli()),
                    "event times within the input's two minutes");

            Map<String, String> types = new HashMap<>();
            try (ResultSet rs = sql.executeQuery("DESCRIBE lake")) {
                while (rs.next()) {
                    types.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
            // Avro timestamp-millis is written as Parquet TIMESTAMP(MILLIS, adjusted to UTC).
            assertEquals("TIMESTAMP WITH TIME ZONE", types.get("event_time"), "event_time type: " + types);
            assertEquals("TIMESTAMP WITH TIME ZONE", types.get("arrival_time"), "arrival_time type: " + types);
            assertEquals("INTEGER", types.get("dst_port"), "dst_port type: " + types);

            // The sample's scanner: every one of its 130 rejected ports, typed.
            try (ResultSet rs = sql.executeQuery("SELECT count(*), count(DISTINCT dst_port), count(dst_port),"
                    + " min(action), max(action), min(protocol), max(protocol) FROM lake"
                    + " WHERE log_type = 'vpc_flow' AND src_addr = '" + SampleData.SCANNER + "'")) {
                assertTrue(rs.next());
                assertEquals(SampleData.SCANNED_PORTS, rs.getInt(1), "scanner rows");
                assertEquals(SampleData.SCANNED_PORTS, rs.getInt(2), "scanner distinct dst_port");
                assertEquals(SampleData.SCANNED_PORTS, rs.getInt(3), "scanner rows with dst_port");
                assertEquals("REJECT", rs.getString(4));
                assertEquals("REJECT", rs.getString(5));
                assertEquals(6, rs.getInt(6));
                assertEquals(6, rs.getInt(7));
            }
            // This test's own flows, with the CloudWatch Logs envelope kept.
            assertEquals(
                    (long) OwnBatch.SCANNED_PORTS,
                    single(
                            sql,
                            "SELECT count(DISTINCT dst_port) FROM lake" + " WHERE src_addr = '" + OwnBatch.SCANNER
                                    + "' AND action = 'REJECT'"),
                    "own scanner ports");
            assertEquals(
                    (long) own.flowEvents,
                    single(
                            sql,
                            "SELECT count(*) FROM lake WHERE log_group = '"
                                    + OwnBatch.LOG_GROUP + "' AND owner = '" + OwnBatch.ACCOUNT + "' AND account = '"
                                    + OwnBatch.ACCOUNT + "'"),
                    "own flow rows with envelope");
            try (ResultSet rs = sql.executeQuery("SELECT src_port, dst_port, protocol, action, epoch_ms(event_time)"
                    + " FROM lake WHERE src_addr = '10.1.0.7' AND dst_addr = '10.1.1.5'")) {
                assertTrue(rs.next(), "own accepted flow 7");
                assertEquals(40007, rs.getInt(1));
                assertEquals(443, rs.getInt(2));
                assertEquals(6, rs.getInt(3));
                assertEquals("ACCEPT", rs.getString(4));
                assertEquals(BASE.plusSeconds(14).toEpochMilli(), rs.getLong(5), "event_time = flow start");
                assertFalse(rs.next());
            }
            // CloudTrail, typed: the sample's root console login and this test's.
            List<String> logins = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT user_type, src_addr, region, account, outcome,"
                    + " epoch_ms(event_time) FROM lake WHERE log_type = 'cloudtrail' AND event_name = 'ConsoleLogin'"
                    + " ORDER BY src_addr")) {
                while (rs.next()) {
                    assertEquals("Root", rs.getString(1));
                    assertEquals("us-east-1", rs.getString(3));
                    assertEquals("success", rs.getString(5));
                    logins.add(rs.getString(2) + "@" + rs.getLong(6));
                }
            }
            assertEquals(
                    List.of(
                            OwnBatch.LOGIN_IP + "@" + BASE.plusSeconds(40).toEpochMilli(),
                            "203.0.113.45@" + BASE.plusSeconds(5).toEpochMilli()),
                    logins,
                    "console logins");
            assertEquals(
                    1L,
                    single(
                            sql,
                            "SELECT count(*) FROM lake WHERE log_type = 'guardduty'"
                                    + " AND event_name = 'Recon:EC2/PortProbeUnprotectedPort'"),
                    "GuardDuty finding via EventBridge");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // (b) Slack

    private static Set<String> assertSlack(MockWebServer slack, Map<String, Integer> expectedAlerts) throws Exception {
        Pattern header = Pattern.compile(":[a-z_]+: [A-Z]+: ([a-z0-9_]+)");
        Pattern id = Pattern.compile("\\*Alert id:\\* ([0-9a-f]{32})");
        Pattern mergeKey = Pattern.compile("\\*Merge key:\\* ([^\\n]*)");
        Map<String, Integer> perRule = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        List<String> scanKeys = new ArrayList<>();
        // Everything was sent and answered before the job finished: the count is final, and each request is taken.
        for (int left = slack.getRequestCount(); left > 0; left--) {
            RecordedRequest request = slack.takeRequest();
            assertEquals("POST", request.getMethod());
            assertEquals(WEBHOOK_PATH, request.getUrl().encodedPath());
            assertTrue(String.valueOf(request.getHeaders().get("Content-Type")).startsWith("application/json"));
            JsonNode body = MAPPER.readTree(request.getBody().utf8());
            JsonNode blocks = body.path("blocks");
            Matcher h = header.matcher(blocks.path(0).path("text").path("text").asText());
            assertTrue(h.matches(), "header block: " + body);
            String rule = h.group(1);
            perRule.merge(rule, 1, Integer::sum);
            String details = blocks.path(2).path("text").path("text").asText();
            Matcher i = id.matcher(details);
            assertTrue(i.find(), "alert id in " + details);
            assertTrue(ids.add(i.group(1)), "alert " + i.group(1) + " posted twice");
            if (rule.equals(PORT_SCAN)) {
                Matcher k = mergeKey.matcher(details);
                assertTrue(k.find(), "merge key in " + details);
                scanKeys.add(k.group(1));
            }
            assertFalse(body.path("text").asText().isEmpty(), "fallback text");
        }
        assertEquals(expectedAlerts, perRule, "Slack messages per rule");
        assertEquals(
                Set.of("srcaddr=" + SampleData.SCANNER, "srcaddr=" + OwnBatch.SCANNER),
                new HashSet<>(scanKeys),
                "port-scan merge keys");
        assertEquals(2, scanKeys.size());
        return ids;
    }

    // ---------------------------------------------------------------------------------------------------------
    // (c) The alert archive

    private static void assertAlertArchive(S3Client s3, Map<String, Integer> expectedAlerts, Set<String> slackIds)
            throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : lines(s3, "alerts/", ".jsonl")) {
            alerts.add(MAPPER.readTree(line));
        }
        Map<String, Integer> perRule = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        Map<String, JsonNode> scans = new HashMap<>();
        for (JsonNode alert : alerts) {
            perRule.merge(alert.path("rule").asText(), 1, Integer::sum);
            assertTrue(ids.add(alert.path("id").asText()), "archived twice: " + alert.path("id"));
            assertEquals(SOURCE, alert.path("source").asText());
            boolean guardDuty = alert.path("rule").asText().equals(GUARD_DUTY);
            // guard_duty_all has its own channel; the sample finding's severity (5) adds no high-severity output.
            assertEquals(
                    guardDuty ? "[\"slack:security\"]" : "[\"slack:default\"]",
                    alert.path("outputs").toString(),
                    "outputs: " + alert);
            if (alert.path("rule").asText().equals(PORT_SCAN)) {
                scans.put(alert.path("merge_key").path("srcaddr").asText(), alert);
            } else {
                assertEquals(1, alert.path("event_count").asLong(), "per-event rule: " + alert);
                assertEquals(0, alert.path("merge_key").size(), "per-event rule merge key: " + alert);
                assertEquals(1, alert.path("records").size());
                assertEquals(
                        guardDuty ? "guardduty" : "cloudtrail",
                        alert.path("log_type").asText());
            }
        }
        assertEquals(expectedAlerts, perRule, "archived alerts per rule");
        assertEquals(slackIds, ids, "the archive and Slack saw the same alerts");

        assertPortScan(scans.get(SampleData.SCANNER), SampleData.SCANNER, BASE, BASE.plusSeconds(50));
        assertPortScan(scans.get(OwnBatch.SCANNER), OwnBatch.SCANNER, BASE, BASE.plusSeconds(40));

        // Which events fired the per-event rules (by eventID), from both inputs.
        Set<String> fired = new TreeSet<>();
        for (JsonNode alert : alerts) {
            JsonNode record = alert.path("records").path(0);
            fired.add(
                    alert.path("rule").asText() + ":" + record.path("eventName").asText() + ":"
                            + record.path("userIdentity").path("type").asText());
        }
        assertEquals(
                new TreeSet<>(List.of(
                        PORT_SCAN + "::", // records of port scans are flows: no eventName
                        GUARD_DUTY + "::", // the sample's GuardDuty finding: no eventName either
                        ROOT_USAGE + ":ConsoleLogin:Root",
                        ROOT_USAGE + ":CreateUser:Root",
                        "cloudtrail_console_login_no_mfa:ConsoleLogin:Root", // the sample's root login used no MFA
                        "cloudtrail_iam_credentials_created:CreateUser:Root",
                        SG_ANYWHERE + ":AuthorizeSecurityGroupIngress:IAMUser")),
                fired);
        assertEquals(
                2,
                alerts.stream()
                        .filter(a -> a.path("rule").asText().equals(ROOT_USAGE)
                                && a.path("records")
                                        .path(0)
                                        .path("eventName")
                                        .asText()
                                        .equals("ConsoleLogin"))
                        .count(),
                "root console logins: the sample's and this test's");
        assertTrue(
                alerts.stream()
                        .anyMatch(a -> a.path("rule").asText().equals(SG_ANYWHERE)
                                && a.path("records").path(0).toString().contains("\"cidrIpv6\":\"::/0\"")),
                "this test's IPv6-anywhere ingress fired");
    }

    private static void assertPortScan(JsonNode alert, String scanner, Instant from, Instant to) {
        assertNotNull(alert, "port-scan alert for " + scanner);
        assertEquals(MAPPER.createObjectNode().put("srcaddr", scanner), alert.path("merge_key"), "merge key");
        assertEquals("vpc_flow", alert.path("log_type").asText());
        assertEquals("MEDIUM", alert.path("severity").asText());
        assertTrue(alert.path("event_count").asLong() >= 100, "event_count: " + alert);
        JsonNode records = alert.path("records");
        assertEquals(10, records.size(), "sample records");
        for (JsonNode record : records) {
            assertEquals(scanner, record.path("srcaddr").asText(), "sample record " + record);
            assertEquals("REJECT", record.path("action").asText());
        }
        Instant first = Instant.parse(alert.path("first_seen").asText());
        Instant last = Instant.parse(alert.path("last_seen").asText());
        assertFalse(first.isBefore(from) || last.isAfter(to) || last.isBefore(first), "window " + alert);
    }

    // ---------------------------------------------------------------------------------------------------------
    // (d) Dead letters

    private static void assertDeadLetters(S3Client s3, int expected) throws Exception {
        List<String> reasons = new ArrayList<>();
        Map<String, byte[]> dataByReason = new HashMap<>();
        for (String line : lines(s3, "dead-letter/", ".jsonl")) {
            JsonNode d = MAPPER.readTree(line);
            String reason = d.path("reason").asText();
            assertFalse(reason.isBlank(), "reason in " + line);
            byte[] data = Base64.getDecoder().decode(d.path("data_base64").asText());
            assertTrue(data.length > 0, "data in " + line);
            assertEquals(SOURCE, d.path("source").asText());
            assertTrue(d.path("origin").asText().startsWith("shardId-"), "origin in " + line);
            assertFalse(d.path("sequence_number").asText().isEmpty(), "sequence number in " + line);
            reasons.add(d.path("stage").asText() + ": " + reason);
            dataByReason.put(reason, data);
        }
        assertEquals(expected, reasons.size(), "dead letters: " + reasons);
        assertEquals(1, count(reasons, r -> r.startsWith("unpack: corrupt gzip")), "corrupt gzip: " + reasons);
        assertEquals(1, count(reasons, r -> r.equals("unpack: not UTF-8 text (and not gzip)")), "not UTF-8");
        assertEquals(1, count(reasons, r -> r.startsWith("unpack: malformed JSON")), "malformed JSON");
        assertEquals(1, count(reasons, r -> r.equals("unpack: " + OwnBatch.NOT_AN_EVENT)), "Records[] number");
        // Classify misses: {"hello":"world"}, the HTTP access line, the "notaport" flow and this test's DROP flow.
        assertEquals(4, count(reasons, r -> r.startsWith("classify: no log type matched")), "classify misses");
        assertEquals(1, count(reasons, r -> r.contains("field srcport 'notaport' is not an integer")));
        // The source carries no text log but VPC flows: the sample's HTTP access line was tried against nothing else
        // (a source sources.yaml does not list would have tried alb, s3_access, sshd, ... too).
        byte[] httpAccess = "GET /index.html HTTP/1.1 200 1043".getBytes(StandardCharsets.UTF_8);
        String httpLine = dataByReason.entrySet().stream()
                .filter(e -> Arrays.equals(e.getValue(), httpAccess))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        assertTrue(httpLine.startsWith("no log type matched (tried vpc_flow"), httpLine);
        assertFalse(httpLine.matches("[^)]*\\b(alb|s3_access|sshd)\\b.*"), httpLine);
        String drop = "closest: vpc_flow: action 'DROP' does not match /^(ACCEPT|REJECT)$/";
        assertEquals(
                1, count(reasons, r -> r.startsWith("classify: ") && r.endsWith(drop)), "own DROP flow: " + reasons);
        // The original bytes come back: this test's broken line and its Records[] element.
        String dropReason =
                reasons.stream().filter(r -> r.endsWith(drop)).findFirst().orElseThrow();
        assertArrayEquals(
                OwnBatch.DROP_LINE.getBytes(StandardCharsets.UTF_8),
                dataByReason.get(dropReason.substring("classify: ".length())));
        assertArrayEquals("42".getBytes(StandardCharsets.UTF_8), dataByReason.get(OwnBatch.NOT_AN_EVENT));
        byte[] binary = dataByReason.get("not UTF-8 text (and not gzip)");
        assertEquals(64, binary.length);
        assertEquals((byte) 0xff, binary[0]);
        assertEquals((byte) 0xfe, binary[1]);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private static List<S3Object> objects(S3Client s3, String prefix) {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix))
                .contents()
                .forEach(objects::add);
        return objects;
    }

    /**
     * After a drained stop every part file is committed: nothing in progress (no {@code _..._tmp_} objects, no open
     * multipart uploads), and nothing outside the four outputs and the delivery ledger.
     */
    private static void assertOnlyCommittedPartFiles(S3Client s3) {
        Pattern committed = Pattern.compile("((lake/log_type=[a-z_]+|alerts|dead-letter|failed-alerts)"
                + "/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/part-[0-9a-f-]+-\\d+\\.(parquet|jsonl))"
                + "|alerts/_delivered/slack_default/dt=\\d{4}-\\d{2}-\\d{2}/[0-9a-f]{32}");
        List<String> keys = objects(s3, "").stream().map(S3Object::key).collect(Collectors.toList());
        assertFalse(keys.isEmpty(), "no output at all");
        for (String key : keys) {
            assertTrue(committed.matcher(key).matches(), "unexpected object " + key + " in " + keys);
        }
        assertTrue(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().isEmpty(), "multipart uploads left open");
    }

    /** Every line of every part file under the prefix; "_" entries are hidden, as Athena hides them. */
    private static List<String> lines(S3Client s3, String prefix, String suffix) {
        Pattern key = Pattern.compile(
                Pattern.quote(prefix) + "dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/part-[^/]+" + Pattern.quote(suffix));
        List<String> lines = new ArrayList<>();
        for (S3Object object : objects(s3, prefix)) {
            if (object.key().startsWith(prefix + "_")) {
                continue;
            }
            assertTrue(key.matcher(object.key()).matches(), "object key " + object.key());
            String text =
                    s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key())).asUtf8String();
            text.lines().filter(l -> !l.isEmpty()).forEach(lines::add);
        }
        return lines;
    }

    private static void assertSavepointWritten(Path savepoints) throws IOException {
        try (Stream<Path> files = Files.walk(savepoints)) {
            List<Path> metadata = files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .collect(Collectors.toList());
            assertEquals(1, metadata.size(), "one savepoint in " + savepoints);
        }
    }

    private static long sumAccumulators(Map<String, Object> accumulators, String prefix) {
        return accumulators.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getValue() instanceof Number)
                .mapToLong(e -> ((Number) e.getValue()).longValue())
                .sum();
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getLong(1);
        }
    }

    private static long count(List<String> values, java.util.function.Predicate<String> p) {
        return values.stream().filter(p).count();
    }

    /**
     * Input built here, not by {@link SampleData}: three gzip'd CloudWatch Logs payloads of VPC flow log v2 lines
     * (a second port scan, ordinary traffic and one line with an invalid action) and one CloudTrail
     * {@code {"Records":[...]}} batch (a root console login, an IPv6-anywhere ingress, two events no rule fires
     * on, and an element that is not an event).
     */
    static final class OwnBatch {
        static final String ACCOUNT = "210987654321";
        static final String LOG_GROUP = "/aws/vpc/it-flow-logs";
        static final String SCANNER = "192.0.2.201";
        static final int SCANNED_PORTS = 110;
        static final String LOGIN_IP = "192.0.2.99";
        static final String DROP_LINE = "2 " + ACCOUNT + " eni-0it0000000000000a 10.1.0.99 10.1.1.5 40999 443 6 1 40 "
                + (BASE.getEpochSecond() + 30) + " " + (BASE.getEpochSecond() + 90) + " DROP OK";
        static final String NOT_AN_EVENT = "Records[4] is number, not an event";

        final List<byte[]> records = new ArrayList<>();
        final Map<String, Integer> eventsPerLogType = new TreeMap<>();
        final Map<String, Integer> alertsPerRule = new TreeMap<>();
        int deadLetters;
        int flowEvents;

        OwnBatch() {
            long base = BASE.getEpochSecond();
            List<List<String>> payloads = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            // A second scanner: 110 distinct ports rejected within 40 seconds, spread over the three payloads.
            for (int i = 0; i < SCANNED_PORTS; i++) {
                long start = base + i * 40L / SCANNED_PORTS;
                payloads.get(i % 3).add(flow(SCANNER, "10.1.1.9", 45000 + i, 2000 + i, "REJECT", start));
            }
            // Ordinary accepted HTTPS traffic.
            for (int i = 0; i < 15; i++) {
                payloads.get(i % 3).add(flow("10.1.0." + i, "10.1.1.5", 40000 + i, 443, "ACCEPT", base + 2L * i));
            }
            flowEvents = SCANNED_PORTS + 15;
            payloads.get(1).add(DROP_LINE);
            deadLetters++;
            for (int p = 0; p < payloads.size(); p++) {
                records.add(SampleData.gzip(cloudWatchLogs(p, payloads.get(p))));
            }
            eventsPerLogType.merge("vpc_flow", flowEvents, Integer::sum);
            alertsPerRule.merge(PORT_SCAN, 1, Integer::sum);

            ObjectNode batch = MAPPER.createObjectNode();
            ArrayNode trail = batch.putArray("Records");
            trail.add(cloudTrail("signin.amazonaws.com", "ConsoleLogin", 40, root(), LOGIN_IP, "AwsConsoleSignIn"));
            ObjectNode ingress = cloudTrail(
                    "ec2.amazonaws.com",
                    "AuthorizeSecurityGroupIngress",
                    41,
                    iamUser("bob"),
                    "192.0.2.50",
                    "AwsApiCall");
            ingress.putObject("requestParameters")
                    .put("groupId", "sg-0it00000000000001")
                    .putObject("ipPermissions")
                    .putArray("items")
                    .addObject()
                    .put("ipProtocol", "tcp")
                    .put("fromPort", 3389)
                    .put("toPort", 3389)
                    .putObject("ipv6Ranges")
                    .putArray("items")
                    .addObject()
                    .put("cidrIpv6", "::/0");
            trail.add(ingress);
            trail.add(cloudTrail(
                    "sts.amazonaws.com", "GetCallerIdentity", 42, iamUser("carol"), "192.0.2.51", "AwsApiCall"));
            // Root, but an event AWS itself emitted: the root-usage rule must not fire.
            trail.add(cloudTrail(
                    "health.amazonaws.com", "HealthEvent", 43, root(), "health.amazonaws.com", "AwsServiceEvent"));
            trail.add(42);
            deadLetters++;
            records.add(batch.toString().getBytes(StandardCharsets.UTF_8));
            eventsPerLogType.merge("cloudtrail", 4, Integer::sum);
            alertsPerRule.merge(ROOT_USAGE, 1, Integer::sum);
            alertsPerRule.merge(SG_ANYWHERE, 1, Integer::sum);
        }

        private static String flow(String src, String dst, int srcPort, int dstPort, String action, long start) {
            return "2 " + ACCOUNT + " eni-0it0000000000000a " + src + " " + dst + " " + srcPort + " " + dstPort
                    + " 6 " + (3 + dstPort % 7) + " " + (120 + dstPort % 900) + " " + start + " " + (start + 60)
                    + " " + action + " OK";
        }

        private static byte[] cloudWatchLogs(int index, List<String> messages) {
            ObjectNode payload = MAPPER.createObjectNode()
                    .put("messageType", "DATA_MESSAGE")
                    .put("owner", ACCOUNT)
                    .put("logGroup", LOG_GROUP)
                    .put("logStream", "eni-0it0000000000000a-all");
            payload.putArray("subscriptionFilters").add("it-filter");
            ArrayNode events = payload.putArray("logEvents");
            for (int i = 0; i < messages.size(); i++) {
                events.addObject()
                        .put("id", "it-" + index + "-" + i)
                        .put("timestamp", BASE.plusSeconds(90).toEpochMilli())
                        .put("message", messages.get(i));
            }
            return payload.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static ObjectNode cloudTrail(
                String eventSource,
                String eventName,
                int offsetSeconds,
                ObjectNode identity,
                String sourceIp,
                String eventType) {
            String time = BASE.plusSeconds(offsetSeconds).toString();
            ObjectNode e = MAPPER.createObjectNode().put("eventVersion", "1.09");
            e.set("userIdentity", identity);
            e.put("eventTime", time)
                    .put("eventSource", eventSource)
                    .put("eventName", eventName)
                    .put("awsRegion", "us-east-1")
                    .put("sourceIPAddress", sourceIp)
                    .put("userAgent", "it-agent/1.0")
                    .put("eventID", "it-" + eventName + "-" + offsetSeconds)
                    .put("eventType", eventType)
                    .put("recipientAccountId", ACCOUNT);
            return e;
        }

        private static ObjectNode root() {
            return MAPPER.createObjectNode()
                    .put("type", "Root")
                    .put("principalId", ACCOUNT)
                    .put("arn", "arn:aws:iam::" + ACCOUNT + ":root")
                    .put("accountId", ACCOUNT);
        }

        private static ObjectNode iamUser(String name) {
            return MAPPER.createObjectNode()
                    .put("type", "IAMUser")
                    .put("userName", name)
                    .put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + name)
                    .put("accountId", ACCOUNT);
        }
    }
}
