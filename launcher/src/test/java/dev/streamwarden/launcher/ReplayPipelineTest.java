package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.classify.schema.ClasspathFiles;
import dev.streamwarden.job.classify.schema.SchemaRegistry;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.lake.AthenaDdl;
import dev.streamwarden.job.lake.LakeTables;
import dev.streamwarden.job.testing.TestClusters;
import dev.streamwarden.launcher.local.SampleData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job over replayed files (a get-records dump plus raw payload files), bounded, on a MiniCluster with
 * checkpoints: the lake is read back with DuckDB, alerts and dead letters from their JSON lines.
 */
class ReplayPipelineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.failFast(4);

    @Test
    void replaysDumpsAndRawPayloadsIntoLakeAlertsAndDeadLetters(@TempDir Path dir) throws Exception {
        SampleData sample = SampleData.generate(Instant.parse("2026-11-28T10:00:00Z"), 7L);
        List<String> files = writeReplayFiles(sample.records, dir.resolve("in"));

        JobExecutionResult result = replay(files, "captured", dir.resolve("out"));

        Map<String, Object> counts = result.getAllAccumulatorResults();
        assertEquals((long) sample.records.size(), counts.get("records.captured"), "records read");
        // The per-log-type metrics: events parsed, events failed (against the closest type), bytes.
        assertEquals((long) sample.eventsPerLogType.get("vpc_flow"), counts.get("events.vpc_flow"));
        assertEquals(1L, counts.get("classify_failed.vpc_flow"), "the notaport flow line");
        assertEquals(
                2L,
                counts.get("classify_failed.unknown"),
                "the HTTP log line fits no format at all, {\"hello\":\"world\"} has no log type's keys");
        assertTrue((Long) counts.get("bytes.vpc_flow") > 100L * sample.eventsPerLogType.get("vpc_flow"));
        assertLake(dir.resolve("out/lake"), sample);
        Map<String, Integer> alerts = countBy(jsonLines(dir.resolve("out/alerts")), "rule");
        assertEquals(sample.alertsPerRule, alerts);
        List<JsonNode> portScan = jsonLines(dir.resolve("out/alerts")).stream()
                .filter(a -> a.path("rule").asText().equals("vpc_flow_port_scan"))
                .collect(Collectors.toList());
        assertEquals(
                SampleData.SCANNER,
                portScan.get(0).path("merge_key").path("srcaddr").asText());
        assertEquals("captured", portScan.get(0).path("source").asText());
        assertEquals(10, portScan.get(0).path("records").size());

        List<JsonNode> deadLetters = jsonLines(dir.resolve("out/dead-letter"));
        assertEquals(sample.deadLetters, deadLetters.size());
        for (JsonNode d : deadLetters) {
            assertFalse(d.path("reason").asText().isEmpty(), d.toString());
            assertTrue(Base64.getDecoder().decode(d.path("data_base64").asText()).length > 0, d.toString());
        }
        String reasons =
                deadLetters.stream().map(d -> d.path("reason").asText()).collect(Collectors.joining("\n"));
        assertTrue(reasons.contains("corrupt gzip"), reasons);
        assertTrue(reasons.contains("not UTF-8"), reasons);
        assertTrue(reasons.contains("field srcport 'notaport' is not an integer"), reasons);
    }

    @Test
    void everyLogTypeLandsInATypedTableMatchingItsAthenaDdl(@TempDir Path dir) throws Exception {
        Map<String, Integer> expectedRows = new TreeMap<>();
        List<String> files = new ArrayList<>();
        for (String typeDir : ClasspathFiles.list("fixtures", "")) {
            for (String fixture : ClasspathFiles.list(typeDir, "")) {
                if (fixture.endsWith(".expect.json")) {
                    continue;
                }
                JsonNode expect = MAPPER.readTree(resource(fixture + ".expect.json"));
                expectedRows.merge(
                        expect.path("log_type").asText(), expect.path("events").asInt(), Integer::sum);
                Path file = dir.resolve("in").resolve(fixture.replace('/', '_'));
                Files.createDirectories(file.getParent());
                Files.write(file, resource(fixture));
                files.add(file.toUri().toString());
            }
        }
        replay(files, "fixtures", dir);

        Map<String, List<String>> ddlColumns = ddlColumns(AthenaDdl.statements(
                LakeTables.of(SchemaRegistry.bundled()),
                "streamwarden",
                dir.resolve("lake").toUri().toString()));
        assertTrue(expectedRows.size() >= 15, "log types: " + expectedRows.keySet());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            for (Map.Entry<String, Integer> type : expectedRows.entrySet()) {
                String table = "read_parquet('" + dir.resolve("lake") + "/log_type=" + type.getKey()
                        + "/**/*.parquet', hive_partitioning = false)";
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM " + table)) {
                    while (rs.next()) {
                        // DuckDB quotes struct fields that are its keywords ("action"); the names are the same.
                        columns.add(rs.getString("column_name") + " "
                                + rs.getString("column_type").replace("\"", ""));
                    }
                }
                assertEquals(ddlColumns.get(type.getKey()), columns, "columns of " + type.getKey());
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    assertEquals(type.getValue(), rs.getInt(1), "rows of " + type.getKey());
                }
            }
        }
    }

    @Test
    void alertsOfOneClientWithinTheMergeWindowBecomeOneAlertAndASummary(@TempDir Path dir) throws Exception {
        // sqlmap's injections from one client against one web ACL, a minute apart, and one from another client.
        long start = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            String client = i < 4 ? "203.0.113.45" : "198.51.100.7";
            lines.append("{\"timestamp\":")
                    .append(start + i * 60_000L)
                    .append(",\"formatVersion\":1,")
                    .append("\"webaclId\":\"arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shop/a1b2\",")
                    .append("\"terminatingRuleId\":\"AWS-AWSManagedRulesSQLiRuleSet\",")
                    .append("\"terminatingRuleType\":\"MANAGED_RULE_GROUP\",\"action\":\"BLOCK\",")
                    .append("\"httpSourceName\":\"ALB\",\"httpSourceId\":\"123456789012-app/shop/50dc\",")
                    .append("\"httpRequest\":{\"clientIp\":\"")
                    .append(client)
                    .append("\",\"country\":\"NL\",")
                    .append("\"headers\":[],\"uri\":\"/products\",\"args\":\"id=")
                    .append(i)
                    .append("%20OR%201=1\",\"httpVersion\":\"HTTP/1.1\",\"httpMethod\":\"GET\",")
                    .append("\"requestId\":\"r-")
                    .append(i)
                    .append("\"}}\n");
        }
        Path file = dir.resolve("in/waf.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines);

        replay(List.of(file.toUri().toString()), "waf-logs", dir.resolve("out"));

        List<JsonNode> alerts = jsonLines(dir.resolve("out/alerts")).stream()
                .sorted(java.util.Comparator.comparing(
                                (JsonNode a) -> a.path("merge_key").toString())
                        .thenComparing(a -> a.path("alert_count").asInt()))
                .collect(Collectors.toList());
        assertEquals(
                List.of("198.51.100.7 1 1", "203.0.113.45 1 1", "203.0.113.45 3 3"),
                alerts.stream()
                        .map(a -> a.path("merge_key").path("src_addr").asText() + " "
                                + a.path("alert_count").asInt() + " "
                                + a.path("event_count").asInt())
                        .collect(Collectors.toList()),
                alerts.toString());
        JsonNode summary = alerts.get(2);
        assertTrue(
                summary.path("description").asText().endsWith("(3 more alerts merged since the first)"),
                summary.path("description").asText());
        assertEquals("2026-11-28T10:03:00Z", summary.path("last_seen").asText());
        assertEquals(3, summary.path("records").size(), "the merged alerts' records as samples");
    }

    @Test
    void valuesThatDoNotTypeAreNullInTheLakeWithTheFailureRecordedAndTheRawValueKept(@TempDir Path dir)
            throws Exception {
        String trail = "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-02-30T10:00:00Z\","
                + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"awsRegion\":\"us-east-1\","
                + "\"readOnly\":\"maybe\",\"userIdentity\":{\"type\":\"Root\"},\"sourceIPAddress\":\"203.0.113.8\"},"
                + "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-28T10:00:01Z\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\",\"readOnly\":true,"
                + "\"userAgent\":\"curl\\ud800/8\"}]}";
        List<String> files = writeReplayFiles(
                List.of(trail.getBytes(java.nio.charset.StandardCharsets.UTF_8)), dir.resolve("in"), 0);

        JobExecutionResult result = replay(files, "captured", dir.resolve("out"));

        Map<String, Object> counts = result.getAllAccumulatorResults();
        assertEquals(2L, counts.get("events.cloudtrail"));
        assertEquals(1L, counts.get("coercion_failed.cloudtrail.eventTime"));
        assertEquals(1L, counts.get("coercion_failed.cloudtrail.readOnly"));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rs = sql.executeQuery("SELECT event_name, epoch_ms(event_time), read_only,"
                        + " json_extract_string(record, '$.readOnly'), to_json(meta.coercion_errors)"
                        + " FROM read_parquet('" + dir.resolve("out/lake") + "/**/*.parquet') ORDER BY event_name")) {
            rs.next();
            assertEquals("CreateUser", rs.getString(1));
            assertEquals(1795860000500L, rs.getLong(2), "the record's arrival time stands in for the impossible date");
            assertEquals(null, rs.getObject(3));
            assertEquals("maybe", rs.getString(4), "the value as written");
            assertEquals(
                    "[{\"field\":\"eventTime\",\"reason\":\"'2026-02-30T10:00:00Z' is not a timestamp in format"
                            + " iso8601\"},{\"field\":\"readOnly\",\"reason\":\"'maybe' is not a boolean\"}]",
                    rs.getString(5));
            rs.next();
            assertEquals("GetObject", rs.getString(1));
            assertEquals(Boolean.TRUE, rs.getObject(3));
            assertEquals(
                    "[{\"field\":\"userAgent\",\"reason\":\"unpaired UTF-16 surrogates replaced by U+FFFD in the"
                            + " column\"},{\"field\":\"record\",\"reason\":\"unpaired UTF-16 surrogates replaced by U+FFFD\"}]",
                    rs.getString(5),
                    "unpaired surrogates neither Parquet nor JSON readers take are replaced");
            assertFalse(rs.next());
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rs = sql.executeQuery("SELECT user_agent, normalized.user_agent, record FROM read_parquet('"
                        + dir.resolve("out/lake") + "/**/*.parquet') WHERE event_name = 'GetObject'")) {
            rs.next();
            assertEquals("curl\uFFFD/8", rs.getString(1));
            assertEquals("curl\uFFFD/8", rs.getString(2));
            assertTrue(rs.getString(3).contains("\"userAgent\":\"curl\uFFFD/8\""), rs.getString(3));
        }
    }

    /** The whole job over replay files on the MiniCluster, checkpointing, no Kryo; outputs under {@code out}. */
    private static JobExecutionResult replay(List<String> files, String source, Path out) throws Exception {
        StreamwardenConfig.Builder config = StreamwardenConfig.builder();
        config.set(ConfigKeys.SOURCE_TYPE, StreamwardenConfig.SourceType.REPLAY);
        config.set(ConfigKeys.SOURCE_NAME, source);
        config.set(ConfigKeys.REPLAY_FILES, files);
        config.set(ConfigKeys.OUTPUT_LAKE, out.resolve("lake").toUri().toString());
        config.set(ConfigKeys.OUTPUT_ALERTS, out.resolve("alerts").toUri().toString());
        config.set(
                ConfigKeys.OUTPUT_DEAD_LETTER,
                out.resolve("dead-letter").toUri().toString());
        StreamwardenConfig checked = config.build(Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        env.getConfig().disableGenericTypes();
        StreamwardenJob.build(env, checked);
        return env.execute("replay-" + source);
    }

    /** Each table's columns from the DDL, as DuckDB names their types. */
    private static Map<String, List<String>> ddlColumns(String ddl) {
        Map<String, List<String>> tables = new TreeMap<>();
        java.util.regex.Matcher table = java.util.regex.Pattern.compile(
                        "CREATE EXTERNAL TABLE IF NOT EXISTS `streamwarden`\\.`(\\w+)` \\((.*?)\\n\\)",
                        java.util.regex.Pattern.DOTALL)
                .matcher(ddl);
        while (table.find()) {
            List<String> columns = new ArrayList<>();
            for (String line : table.group(2).strip().split(",\n")) {
                java.util.regex.Matcher column =
                        java.util.regex.Pattern.compile("`(\\w+)` (.*)").matcher(line.strip());
                assertTrue(column.matches(), line);
                columns.add(column.group(1) + " " + duckType(column.group(2)));
            }
            tables.put(table.group(1), columns);
        }
        return tables;
    }

    private static String duckType(String athena) {
        if (athena.startsWith("array<")) {
            return duckType(athena.substring(6, athena.length() - 1)) + "[]";
        }
        if (athena.startsWith("struct<")) {
            StringBuilder struct = new StringBuilder("STRUCT(");
            String separator = "";
            for (String field : topLevel(athena.substring(7, athena.length() - 1))) {
                int colon = field.indexOf(':');
                struct.append(separator)
                        .append(field, 0, colon)
                        .append(' ')
                        .append(duckType(field.substring(colon + 1)));
                separator = ", ";
            }
            return struct.append(')').toString();
        }
        switch (athena) {
            case "string":
                return "VARCHAR";
            case "bigint":
                return "BIGINT";
            case "int":
                return "INTEGER";
            case "double":
                return "DOUBLE";
            case "boolean":
                return "BOOLEAN";
            case "timestamp":
                return "TIMESTAMP WITH TIME ZONE";
            default:
                throw new IllegalArgumentException("unmapped Athena type " + athena);
        }
    }

    /** A struct's fields, split at the commas that are not inside a nested type. */
    private static List<String> topLevel(String fields) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < fields.length(); i++) {
            char c = fields.charAt(i);
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(fields.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(fields.substring(start));
        return parts;
    }

    private static byte[] resource(String path) throws IOException {
        try (java.io.InputStream in = ReplayPipelineTest.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    /** Most records in one get-records dump (base64, as the CLI prints it), the last five as raw payload files. */
    private static List<String> writeReplayFiles(List<byte[]> records, Path dir) throws IOException {
        return writeReplayFiles(records, dir, 5);
    }

    private static List<String> writeReplayFiles(List<byte[]> records, Path dir, int raw) throws IOException {
        Files.createDirectories(dir);
        List<String> files = new ArrayList<>();
        ObjectNode dump = MAPPER.createObjectNode();
        ArrayNode dumped = dump.putArray("Records");
        for (int i = 0; i < records.size(); i++) {
            if (i < records.size() - raw) {
                dumped.addObject()
                        .put("SequenceNumber", String.format("4968%020d", i))
                        .put("ApproximateArrivalTimestamp", 1795860000.5 + i) // 2026-11-28T10:00:00.5Z, as the sample
                        .put("Data", Base64.getEncoder().encodeToString(records.get(i)))
                        .put("PartitionKey", "pk-" + i);
            } else {
                Path file = dir.resolve("payload-" + i + ".bin");
                Files.write(file, records.get(i));
                files.add(file.toUri().toString());
            }
        }
        dump.put("NextShardIterator", "AAAA");
        dump.put("MillisBehindLatest", 0);
        Path dumpFile = dir.resolve("get-records.json");
        Files.writeString(dumpFile, dump.toPrettyString());
        files.add(dumpFile.toUri().toString());
        return files;
    }

    private static void assertLake(Path lake, SampleData sample) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            sql.execute("CREATE VIEW lake AS SELECT log_type, dt, hour, event_time, record, meta.*, normalized.* FROM "
                    + "read_parquet('" + lake + "/**/*.parquet', hive_partitioning = true, union_by_name = true)");
            String table = "lake";
            Map<String, Integer> perType = new TreeMap<>();
            try (ResultSet rs = sql.executeQuery("SELECT log_type, count(*) FROM " + table + " GROUP BY 1")) {
                while (rs.next()) {
                    perType.put(rs.getString(1), rs.getInt(2));
                }
            }
            assertEquals(sample.eventsPerLogType, perType);
            try (ResultSet rs =
                    sql.executeQuery("SELECT count(*), count(DISTINCT (sequence_number, record)) FROM " + table)) {
                rs.next();
                assertEquals(sample.goodEvents(), rs.getInt(1));
                assertEquals(rs.getInt(1), rs.getInt(2), "duplicate events in the lake");
            }
            try (ResultSet rs = sql.executeQuery("SELECT count(DISTINCT dst_port), min(action), max(action), "
                    + "typeof(min(event_time)), min(dt) FROM " + table + " WHERE src_addr = '" + SampleData.SCANNER
                    + "'")) {
                rs.next();
                assertEquals(SampleData.SCANNED_PORTS, rs.getInt(1));
                assertEquals("REJECT", rs.getString(2));
                assertEquals("REJECT", rs.getString(3));
                assertEquals("TIMESTAMP WITH TIME ZONE", rs.getString(4), "UTC instants");
                assertEquals("2026-11-28", rs.getString(5));
            }
            try (ResultSet rs = sql.executeQuery("SELECT user_type, json_extract_string(record, '$.eventSource') FROM "
                    + table + " WHERE event_name = 'ConsoleLogin'")) {
                rs.next();
                assertEquals("Root", rs.getString(1));
                assertEquals("signin.amazonaws.com", rs.getString(2));
            }
        }
        assertTypedColumns(lake, sample);
        try (Stream<Path> parts = Files.walk(lake)) {
            for (Path part : parts.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String relative = lake.relativize(part).toString();
                assertTrue(
                        relative.matches("log_type=[a-z_]+/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/part-.*\\.parquet"),
                        relative);
            }
        }
    }

    /** Each log type's own fields are typed columns named as the DDL names them. */
    private static void assertTypedColumns(Path lake, SampleData sample) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT count(*), typeof(min(dstport)), typeof(min(start)), "
                    + "count(DISTINCT dstport) FILTER (WHERE srcaddr = '" + SampleData.SCANNER + "'), "
                    + "count(*) FILTER (WHERE log_status = 'NODATA' AND srcaddr IS NULL) FROM read_parquet('" + lake
                    + "/log_type=vpc_flow/**/*.parquet')")) {
                rs.next();
                assertEquals(sample.eventsPerLogType.get("vpc_flow"), rs.getInt(1));
                assertEquals("BIGINT", rs.getString(2));
                assertEquals("TIMESTAMP WITH TIME ZONE", rs.getString(3));
                assertEquals(SampleData.SCANNED_PORTS, rs.getInt(4));
                assertEquals(1, rs.getInt(5), "NODATA line: absent values stay null");
            }
            try (ResultSet rs = sql.executeQuery("SELECT event_source, typeof(read_only), "
                    + "json_extract_string(user_identity, '$.type'), normalized.user_type FROM read_parquet('" + lake
                    + "/log_type=cloudtrail/**/*.parquet') WHERE event_name = 'ConsoleLogin'")) {
                rs.next();
                assertEquals("signin.amazonaws.com", rs.getString(1));
                assertEquals("BOOLEAN", rs.getString(2));
                assertEquals("Root", rs.getString(3));
                assertEquals("Root", rs.getString(4));
            }
        }
    }

    private static List<JsonNode> jsonLines(Path dir) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(MAPPER.readTree(line));
                }
            }
        }
        return lines;
    }

    private static Map<String, Integer> countBy(List<JsonNode> lines, String field) {
        Map<String, Integer> counts = new TreeMap<>();
        lines.forEach(l -> counts.merge(l.path(field).asText(), 1, Integer::sum));
        return counts;
    }
}
