package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ParseResult;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bundled VPC and Transit Gateway Flow Logs schemas against the formats AWS documents: the table of available
 * fields below is the docs' (flow-log-records.html, tgw-flow-logs.html), so the schemas are held to it. Lines are
 * generated with a fixed seed: any documented subset in any order behind a header, every "all fields up to version N"
 * format without one.
 */
class FlowLogFormatsTest {
    /** VPC Flow Logs' available fields, in the docs' order, by the version that introduced them. */
    private static final Map<String, Integer> VPC_FIELDS = table(
            2,
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action "
                    + "log-status",
            3,
            "vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr",
            4,
            "region az-id sublocation-type sublocation-id",
            5,
            "pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path",
            7,
            "ecs-cluster-arn ecs-cluster-name ecs-container-instance-arn ecs-container-instance-id ecs-container-id "
                    + "ecs-second-container-id ecs-service-name ecs-task-definition-arn ecs-task-arn ecs-task-id",
            8,
            "reject-reason",
            9,
            "resource-id",
            10,
            "encryption-status",
            11,
            "instance-tag instance-tag-2 interface-tag interface-tag-2 asg-tag asg-tag-2 interface-type "
                    + "next-hop-interface-id next-hop-subnet-id next-hop-az-id next-hop-vpc-id next-hop-interface-type");
    /** Transit Gateway Flow Logs' available fields in the docs' order (their default format), with versions. */
    private static final Map<String, Integer> TGW_FIELDS = tgwTable();

    private static final Classifier CLASSIFIER = Classifier.standard();
    private static final long SEED = 20261128L;

    @Test
    void everyVersionsAllFieldsLineIsReadWithoutAHeader() {
        Random random = new Random(SEED);
        for (int version : List.of(3, 4, 5, 7, 8, 9, 10, 11)) {
            List<String> format = VPC_FIELDS.keySet().stream()
                    .filter(f -> VPC_FIELDS.get(f) <= version)
                    .collect(Collectors.toList());
            for (int i = 0; i < 50; i++) {
                Map<String, String> line = line(format, VPC_FIELDS, random);
                Event event = classified(null, String.join(" ", line.values()));
                assertEquals("vpc_flow_custom", event.logType, line.toString());
                assertRecordHolds(line, event);
                assertEquals(format.size(), event.json().size(), "only the format's fields: " + event.json());
            }
        }
    }

    @Test
    void anyDocumentedFieldsInAnyOrderAreReadBehindTheirHeader() {
        Random random = new Random(SEED);
        List<String> all = new ArrayList<>(VPC_FIELDS.keySet());
        List<String> version2 = all.subList(0, 14);
        int defaultFormat = 0;
        for (int i = 0; i < 3000; i++) {
            // Every tenth format has version 2 fields only: the default format's, if it has those vpc_flow requires.
            List<String> names = new ArrayList<>(i % 10 == 0 ? version2 : all);
            Collections.shuffle(names, random);
            List<String> format = names.subList(0, 1 + random.nextInt(names.size()));
            String header = String.join(" ", format);
            ParseResult headerLine = CLASSIFIER.classify(raw(header, header));
            assertTrue(headerLine.matched() && headerLine.events().isEmpty(), "the header is no event: " + header);
            for (int lines = 0; lines < 2; lines++) {
                Map<String, String> line = line(format, VPC_FIELDS, random);
                Event event = classified(header, String.join(" ", line.values()));
                String expected = isDefaultFormat(line) ? "vpc_flow" : "vpc_flow_custom";
                defaultFormat += expected.equals("vpc_flow") ? 1 : 0;
                assertEquals(expected, event.logType, header + "\n" + line.values());
                assertRecordHolds(line, event);
                for (String absent : VPC_FIELDS.keySet()) {
                    if (!format.contains(absent)) {
                        assertTrue(
                                event.json().path(field(absent)).isMissingNode(),
                                absent + " is not in the header, so not in the record: " + event.json());
                    }
                }
            }
        }
        assertTrue(defaultFormat > 0, "some subsets were the default format's fields");
    }

    @Test
    void transitGatewayDefaultFormatAndAnyHeaderAreTgwFlow() {
        Random random = new Random(SEED);
        for (int i = 0; i < 50; i++) {
            Map<String, String> line = line(new ArrayList<>(TGW_FIELDS.keySet()), TGW_FIELDS, random);
            Event event = classified(null, String.join(" ", line.values()));
            assertEquals("tgw_flow", event.logType);
            assertRecordHolds(line, event);
        }
        List<String> names = new ArrayList<>(TGW_FIELDS.keySet());
        for (int i = 0; i < 1000; i++) {
            Collections.shuffle(names, random);
            List<String> format = new ArrayList<>(names.subList(0, 1 + random.nextInt(names.size())));
            if (format.stream().noneMatch(f -> TGW_FIELDS.get(f) == 6)) {
                format.add("tgw-id"); // shared fields alone read as a VPC flow log
            }
            Map<String, String> line = line(format, TGW_FIELDS, random);
            Event event = classified(String.join(" ", format), String.join(" ", line.values()));
            assertEquals("tgw_flow", event.logType, format.toString());
            assertRecordHolds(line, event);
        }
    }

    @Test
    void theDefaultFormatIsVpcFlowWithOrWithoutItsHeader() {
        String header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start "
                + "end action log-status";
        String line = "2 123456789012 eni-0a1b2c3d4e5f60718 192.0.2.7 10.0.0.5 443 50000 6 10 840 1795860000 "
                + "1795860060 ACCEPT OK";
        assertEquals("vpc_flow", classified(null, line).logType);
        assertEquals("vpc_flow", classified(header, line).logType);
        assertEquals(
                "vpc_flow_custom",
                classified("version srcaddr dstaddr", "2 192.0.2.7 10.0.0.5").logType,
                "a subset of the default fields is a custom format");
    }

    @Test
    void aHeaderNamingAnUndocumentedFieldIsNoFlowLog() {
        assertMiss("header names undocumented field 'foo-bar'", "version srcaddr foo-bar", "2 192.0.2.1 x");
        assertMiss("header names undocumented field 'foo-bar'", "version srcaddr foo-bar", "version srcaddr foo-bar");
        assertMiss("header names field 'srcaddr' twice", "version srcaddr srcaddr", "2 192.0.2.1 1");
    }

    @Test
    void aLineBehindAHeaderHasItsFieldCount() {
        assertMiss(
                "vpc_flow_custom: expected 3 fields as the header names, found 2",
                "version srcaddr vpc-id",
                "3 192.0.2.1");
    }

    @Test
    void aHeaderlessLineOfAnotherSizeSaysWhichSizesAreFlowLogs() {
        RawEvent nine = raw(null, "2 123456789012 eni-1 192.0.2.1 10.0.0.1 1 2 6 1");
        assertFalse(CLASSIFIER.classify(nine).matched());
        assertEquals("vpc_flow: expected 14 fields separated by ' ', found 9", missOf("vpc_flow", nine));
        assertEquals(
                "vpc_flow_custom: expected a header line or 6 fields (the format 'instance-id interface-id "
                        + "srcaddr …'), 17 (the format 'version interface-id account-id …'), 21 (v3 all fields), 25 (v4 all "
                        + "fields), 29 (v5 all fields), 39 (v7 all fields), 40 (v8 all fields), 41 (v9 all fields), 42 (v10 "
                        + "all fields) or 54 (v11 all fields), found 9",
                missOf("vpc_flow_custom", nine));
        assertEquals(
                "tgw_flow: expected a header line or 36 fields (v6 all fields), found 9", missOf("tgw_flow", nine));
    }

    @Test
    void numericColumnsDiscriminate() {
        Map<String, String> line = line(
                VPC_FIELDS.keySet().stream().filter(f -> VPC_FIELDS.get(f) <= 5).collect(Collectors.toList()),
                VPC_FIELDS,
                new Random(SEED));
        line.put("srcport", "abc");
        assertMiss("vpc_flow_custom: field srcport 'abc' is not an integer", null, String.join(" ", line.values()));
        assertEquals(
                "vpc_flow_custom: field srcport 'abc' is not an integer",
                missOf("vpc_flow_custom", raw("srcport dstport", "abc 22")));
    }

    @Test
    void aVersionNewerThanTheFormatsFieldsIsNoFlowLog() {
        Map<String, String> line = line(
                VPC_FIELDS.keySet().stream().filter(f -> VPC_FIELDS.get(f) <= 3).collect(Collectors.toList()),
                VPC_FIELDS,
                new Random(SEED));
        line.put("version", "5");
        assertMiss(
                "vpc_flow_custom: version 5 is newer than every field of v3 all fields (the newest came in "
                        + "version 3)",
                null,
                String.join(" ", line.values()));
        assertMiss(
                "vpc_flow_custom: version 7 is newer than every field of the header's format (the newest came in "
                        + "version 5)",
                "version flow-direction",
                "7 egress");
    }

    @Test
    void anOlderVersionThanTheFormatsFieldsIsStillRead() {
        // Other projects' samples write version 3 on lines with version 7 fields; the layout is still unambiguous.
        Map<String, String> line = line(
                VPC_FIELDS.keySet().stream().filter(f -> VPC_FIELDS.get(f) <= 7).collect(Collectors.toList()),
                VPC_FIELDS,
                new Random(SEED));
        line.put("version", "3");
        assertEquals("vpc_flow_custom", classified(null, String.join(" ", line.values())).logType);
    }

    @Test
    void aRunOfSpacesSeparatesOneField() {
        Event event = classified("version srcaddr  dstaddr", "2  192.0.2.1   192.0.2.2");
        assertEquals("192.0.2.2", event.text("dstaddr"));
    }

    @Test
    void aFilterPatternsNamesReadACustomFormat() {
        RawEvent raw = raw(null, "3 eni-0a1 192.0.2.9 2");
        raw.extractedFields = "{\"version\":\"3\",\"interface_id\":\"eni-0a1\",\"pkt-srcaddr\":\"192.0.2.9\","
                + "\"tcpFlags\":\"2\"}";
        Event event = classified(raw);
        assertEquals("vpc_flow_custom", event.logType);
        assertEquals("192.0.2.9", event.normalized.srcAddr);
        assertEquals(2, event.json().get("tcp_flags").asInt());
        raw.extractedFields = "{\"version\":\"3\",\"interface_id\":\"eni-0a1\",\"unknown\":\"192.0.2.9\",\"x\":\"2\"}";
        assertFalse(CLASSIFIER.classify(raw).matched(), "names that are no fields: the line alone, 4 fields, is none");
    }

    /** Random values of the fields' documented kinds, "-" now and then where AWS writes it. */
    private static Map<String, String> line(List<String> format, Map<String, Integer> table, Random random) {
        Map<String, String> line = new LinkedHashMap<>();
        int newest = format.stream().mapToInt(table::get).max().orElseThrow();
        for (String name : format) {
            line.put(
                    name,
                    name.equals("version")
                            ? Integer.toString(newest)
                            : random.nextInt(7) == 0 ? "-" : value(name, random));
        }
        return line;
    }

    private static String value(String name, Random random) {
        switch (name) {
            case "account-id":
            case "tgw-src-vpc-account-id":
            case "tgw-dst-vpc-account-id":
                return random.nextInt(10) == 0 ? "unknown" : String.format("%012d", random.nextInt(1_000_000_000));
            case "srcaddr":
            case "dstaddr":
            case "pkt-srcaddr":
            case "pkt-dstaddr":
                return random.nextBoolean()
                        ? "198.51.100." + random.nextInt(256)
                        : "2001:db8:" + Integer.toHexString(random.nextInt(65536)) + "::" + random.nextInt(100);
            case "srcport":
            case "dstport":
                return Integer.toString(random.nextInt(65536));
            case "protocol":
                return Integer.toString(random.nextInt(256));
            case "packets":
            case "bytes":
            case "packets-lost-no-route":
            case "packets-lost-blackhole":
            case "packets-lost-mtu-exceeded":
            case "packets-lost-ttl-expired":
                return Long.toString((long) (random.nextDouble() * 10_000_000_000L));
            case "start":
            case "end":
                return Long.toString(1_700_000_000L + random.nextInt(100_000_000));
            case "action":
                return random.nextBoolean() ? "ACCEPT" : "REJECT";
            case "log-status":
                return List.of("OK", "NODATA", "SKIPDATA").get(random.nextInt(3));
            case "tcp-flags":
                return Integer.toString(random.nextInt(64));
            case "type":
                return List.of("IPv4", "IPv6", "EFA").get(random.nextInt(3));
            case "sublocation-type":
                return List.of("wavelength", "outpost", "localzone").get(random.nextInt(3));
            case "pkt-src-aws-service":
            case "pkt-dst-aws-service":
                return List.of("AMAZON", "S3", "EC2", "ROUTE53_HEALTHCHECKS").get(random.nextInt(4));
            case "flow-direction":
                return random.nextBoolean() ? "ingress" : "egress";
            case "traffic-path":
                return Integer.toString(1 + random.nextInt(8));
            case "reject-reason":
                return random.nextBoolean() ? "BPA" : "EC";
            case "encryption-status":
                return Integer.toString(random.nextInt(4));
            case "resource-type":
                return random.nextBoolean() ? "TransitGateway" : "TransitGatewayAttachment";
            case "tgw-id":
                return "tgw-0" + Long.toHexString(random.nextLong() >>> 4);
            case "interface-id":
            case "next-hop-interface-id":
                return "eni-0" + Long.toHexString(random.nextLong() >>> 4);
            case "vpc-id":
            case "next-hop-vpc-id":
                return "vpc-0" + Long.toHexString(random.nextLong() >>> 4);
            case "subnet-id":
            case "next-hop-subnet-id":
                return "subnet-0" + Long.toHexString(random.nextLong() >>> 4);
            case "instance-id":
                return "i-0" + Long.toHexString(random.nextLong() >>> 4);
            case "region":
                return List.of("us-east-1", "ap-southeast-2", "us-gov-west-1", "eu-central-2")
                        .get(random.nextInt(4));
            default: // ids, names, ARNs, percent-encoded tags
                return name.replace("-", "") + "-" + Integer.toHexString(random.nextInt()) + "%2F" + random.nextInt(9);
        }
    }

    /** Each column's value is in its field: numbers as numbers, times as ISO-8601, "-" as null. */
    private static void assertRecordHolds(Map<String, String> line, Event event) {
        for (Map.Entry<String, String> column : line.entrySet()) {
            JsonNode value = event.json().path(field(column.getKey()));
            String expected = column.getValue();
            String where = column.getKey() + " in " + event.json();
            if (expected.equals("-")) {
                assertTrue(value.isNull(), where);
            } else if (column.getKey().equals("start") || column.getKey().equals("end")) {
                assertEquals(Instant.ofEpochSecond(Long.parseLong(expected)).toString(), value.asText(), where);
            } else if (value.isNumber()) {
                assertEquals(Long.parseLong(expected), value.asLong(), where);
            } else {
                assertEquals(expected, value.asText(), where);
            }
        }
    }

    /** The default format's reading: only version 2 fields, and those it requires present. */
    private static boolean isDefaultFormat(Map<String, String> line) {
        LogSchema vpcFlow = CLASSIFIER.registry().byLogType().get("vpc_flow");
        for (String name : line.keySet()) {
            if (VPC_FIELDS.get(name) != 2) {
                return false;
            }
        }
        for (FieldSpec required : vpcFlow.fields) {
            String value = line.get(required.name.replace('_', '-'));
            if (!required.optional && (value == null || value.equals("-"))) {
                return false;
            }
        }
        return true;
    }

    private static void assertMiss(String expectedReason, String header, String line) {
        ParseResult result = CLASSIFIER.classify(raw(header, line));
        assertFalse(result.matched(), () -> "matched: " + result.events());
        assertTrue(result.miss().endsWith(expectedReason), result.miss());
    }

    private static String missOf(String logType, RawEvent raw) {
        LogSchema schema = CLASSIFIER.registry().byLogType().get(logType);
        try {
            schema.parse(raw, null);
        } catch (Miss miss) {
            return miss.getMessage();
        }
        throw new AssertionError(logType + " read " + raw.payload);
    }

    private static Event classified(String header, String line) {
        return classified(raw(header, line));
    }

    private static Event classified(RawEvent raw) {
        ParseResult result = CLASSIFIER.classify(raw);
        assertTrue(result.matched(), () -> result.miss() + "\n  line: " + raw.payload);
        assertEquals(1, result.events().size());
        return result.event();
    }

    /** One line of a record whose first line is {@code header} (a headerless record's first line is the line). */
    private static RawEvent raw(String header, String line) {
        RawEvent raw = RawEvent.from(new RawRecord("flows", "shardId-0", "pk", "1", 1_000L, null), line);
        raw.firstLine = header == null ? line : header;
        return raw;
    }

    private static String field(String name) {
        return name.replace('-', '_');
    }

    private static Map<String, Integer> table(Object... versionsAndFields) {
        Map<String, Integer> table = new LinkedHashMap<>();
        for (int i = 0; i < versionsAndFields.length; i += 2) {
            for (String name : ((String) versionsAndFields[i + 1]).split(" ")) {
                table.put(name, (Integer) versionsAndFields[i]);
            }
        }
        return table;
    }

    private static Map<String, Integer> tgwTable() {
        Map<String, Integer> table = new LinkedHashMap<>();
        String[][] fields = {
            {"version", "2"},
            {"resource-type", "6"},
            {"account-id", "2"},
            {"tgw-id", "6"},
            {"tgw-attachment-id", "6"},
            {"tgw-src-vpc-account-id", "6"},
            {"tgw-dst-vpc-account-id", "6"},
            {"tgw-src-vpc-id", "6"},
            {"tgw-dst-vpc-id", "6"},
            {"tgw-src-subnet-id", "6"},
            {"tgw-dst-subnet-id", "6"},
            {"tgw-src-eni", "6"},
            {"tgw-dst-eni", "6"},
            {"tgw-src-az-id", "6"},
            {"tgw-dst-az-id", "6"},
            {"tgw-pair-attachment-id", "6"},
            {"srcaddr", "2"},
            {"dstaddr", "2"},
            {"srcport", "2"},
            {"dstport", "2"},
            {"protocol", "2"},
            {"packets", "2"},
            {"bytes", "2"},
            {"start", "2"},
            {"end", "2"},
            {"log-status", "2"},
            {"type", "3"},
            {"packets-lost-no-route", "6"},
            {"packets-lost-blackhole", "6"},
            {"packets-lost-mtu-exceeded", "6"},
            {"packets-lost-ttl-expired", "6"},
            {"tcp-flags", "3"},
            {"region", "4"},
            {"flow-direction", "5"},
            {"pkt-src-aws-service", "5"},
            {"pkt-dst-aws-service", "5"}
        };
        for (String[] field : fields) {
            table.put(field[0], Integer.valueOf(field[1]));
        }
        return table;
    }
}
