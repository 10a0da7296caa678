package dev.streamwarden.launcher.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.classify.schema.ClasspathFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * The demo's traffic, in the formats AWS delivers to Kinesis: gzip'd CloudWatch Logs subscription payloads of VPC
 * Flow Logs (with a port scan inside) and of CloudTrail events, a CloudTrail {@code Records[]} batch, EventBridge
 * events, a control message, and broken records. Alongside it keeps what a correct pipeline must make of it.
 */
public final class SampleData {
    public static final String SCANNER = "198.51.100.23";
    public static final String SLOW_PROBER = "203.0.113.77";
    public static final int SCANNED_PORTS = 130;
    /** The account of every sample event. */
    public static final String ACCOUNT = "123456789012";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The records, each one Kinesis record's data. */
    public final List<byte[]> records = new ArrayList<>();
    /** Events that must reach the lake, per log type. */
    public final Map<String, Integer> eventsPerLogType = new TreeMap<>();
    /** Alerts that must fire, per rule. */
    public final Map<String, Integer> alertsPerRule = new TreeMap<>();
    /** Dead letters that must be written (each broken record or broken event inside a record). */
    public int deadLetters;

    public int controlMessages;

    private final Random random;
    private final long baseSeconds;
    private long sequence;

    private SampleData(Instant base, long seed) {
        this.random = new Random(seed);
        this.baseSeconds = base.getEpochSecond();
    }

    /** Which records: the demo's mix, or one log type's records only. */
    public enum Kind {
        /** Flow logs with a port scan, CloudTrail, broken records: what the demo writes. */
        MIXED,
        /** CloudWatch Logs payloads of VPC flow log lines (and one control message). */
        VPC_FLOW,
        CLOUDTRAIL
    }

    public static SampleData generate(Instant base, long seed) {
        return generate(Kind.MIXED, base, seed);
    }

    public static SampleData generate(Kind kind, Instant base, long seed) {
        SampleData data = new SampleData(base, seed);
        if (kind != Kind.CLOUDTRAIL) {
            data.flowLogs();
        }
        if (kind != Kind.VPC_FLOW) {
            data.cloudTrail();
        }
        if (kind == Kind.MIXED) {
            data.brokenRecords();
        }
        return data;
    }

    public int goodEvents() {
        return eventsPerLogType.values().stream().mapToInt(Integer::intValue).sum();
    }

    private void flowLogs() {
        int payloads = 12;
        List<List<String>> lines = new ArrayList<>();
        for (int i = 0; i < payloads; i++) {
            lines.add(new ArrayList<>());
        }
        // The scan: one source rejected on 130 distinct ports within 50 seconds, spread over many payloads.
        for (int port = 0; port < SCANNED_PORTS; port++) {
            long start = baseSeconds + port * 50L / SCANNED_PORTS;
            lines.get(port % payloads).add(flow(SCANNER, "10.0.1.15", 40000 + port, 1000 + port, 6, "REJECT", start));
        }
        // Below the threshold: another source rejected on 20 ports. Not a scan.
        for (int port = 0; port < 20; port++) {
            lines.get(port % payloads)
                    .add(flow(SLOW_PROBER, "10.0.1.16", 50000 + port, 8000 + port, 6, "REJECT", baseSeconds + port));
        }
        // Ordinary accepted traffic.
        int[] ports = {443, 22, 53, 80, 5432};
        for (int i = 0; i < 200; i++) {
            String src = "10.0." + random.nextInt(4) + "." + (2 + random.nextInt(200));
            String dst = "10.0." + random.nextInt(4) + "." + (2 + random.nextInt(200));
            int port = ports[random.nextInt(ports.length)];
            lines.get(i % payloads)
                    .add(flow(
                            src,
                            dst,
                            32768 + random.nextInt(28000),
                            port,
                            port == 53 ? 17 : 6,
                            "ACCEPT",
                            baseSeconds + random.nextInt(60)));
        }
        lines.get(3)
                .add("2 " + ACCOUNT + " eni-0f1e2d3c4b5a69788 - - - - - - - " + baseSeconds + " " + (baseSeconds + 60)
                        + " - NODATA");
        int flowEvents = lines.stream().mapToInt(List::size).sum();
        // One broken line inside an otherwise good payload: it alone goes to the dead-letter output.
        lines.get(5)
                .add("2 " + ACCOUNT + " eni-0a1b2c3d4e5f6a7b8 10.0.0.1 10.0.0.2 notaport 80 6 1 40 " + baseSeconds + " "
                        + (baseSeconds + 60) + " REJECT OK");
        deadLetters++;
        for (int i = 0; i < payloads; i++) {
            // Two payloads come through a subscription filter pattern, which adds extractedFields.
            records.add(gzip(cloudWatchLogs("vpc-flow-logs", "eni-0a1b2c3d4e5f6a7b8-all", lines.get(i), i < 2)));
        }
        count("vpc_flow", flowEvents);
        alertsPerRule.merge("vpc_flow_port_scan", 1, Integer::sum);

        records.add(gzip(controlMessage()));
        controlMessages++;
    }

    private void cloudTrail() {
        // Through a CloudWatch Logs subscription: each message is one CloudTrail event.
        List<String> trail = new ArrayList<>();
        trail.add(resource("cloudtrail-root-console-login.json", 5));
        trail.add(resource("cloudtrail-sg-ingress-anywhere.json", 6));
        trail.add(resource("cloudtrail-sg-ingress-internal.json", 7));
        trail.add(resource("cloudtrail-describe-instances.json", 8));
        trail.add(resource("cloudtrail-root-by-service.json", 9));
        records.add(gzip(
                cloudWatchLogs("aws-cloudtrail-logs-" + ACCOUNT, ACCOUNT + "_CloudTrail_us-east-1", trail, false)));
        // A trail file's shape: {"Records": [...]}, sent as one record.
        records.add(utf8("{\"Records\":[" + resource("cloudtrail-describe-instances.json", 20) + ","
                + resource("cloudtrail-describe-instances.json", 21) + ","
                + resource("cloudtrail-sg-ingress-internal.json", 22) + "]}"));
        // EventBridge: a CloudTrail API call (classified as CloudTrail) and a GuardDuty finding (its own type).
        records.add(utf8(resource("eventbridge-cloudtrail-create-user.json", 30)));
        records.add(utf8(resource("eventbridge-guardduty-finding.json", 31)));
        count("cloudtrail", trail.size() + 3 + 1);
        count("guardduty", 1);
        alertsPerRule.merge("cloudtrail_root_account_usage", 2, Integer::sum);
        alertsPerRule.merge("cloudtrail_security_group_ingress_anywhere", 1, Integer::sum);
        // The root console login used no MFA; the EventBridge CreateUser created IAM credentials.
        alertsPerRule.merge("cloudtrail_console_login_no_mfa", 1, Integer::sum);
        alertsPerRule.merge("cloudtrail_iam_credentials_created", 1, Integer::sum);
        // guard_duty_all passes on every (live, non-sample) GuardDuty finding.
        alertsPerRule.merge("guard_duty_all", 1, Integer::sum);
    }

    private void brokenRecords() {
        byte[] payload = gzip(cloudWatchLogs(
                "vpc-flow-logs",
                "truncated",
                List.of(flow("10.0.0.1", "10.0.0.2", 1234, 443, 6, "ACCEPT", baseSeconds)),
                false));
        records.add(Arrays.copyOf(payload, payload.length / 2));
        byte[] binary = new byte[64];
        random.nextBytes(binary);
        binary[0] = (byte) 0xff;
        binary[1] = (byte) 0xfe;
        records.add(binary);
        records.add(utf8("{\"hello\":\"world\"}"));
        records.add(utf8("{\"Records\": [{\"eventVersion\": \"1.08\","));
        records.add(utf8("GET /index.html HTTP/1.1 200 1043"));
        deadLetters += 5;
    }

    private String flow(String src, String dst, int srcPort, int dstPort, int protocol, String action, long start) {
        return flowLine(
                src, dst, srcPort, dstPort, protocol, 1 + random.nextInt(20), 40 + random.nextInt(4000), start, action);
    }

    /**
     * A VPC flow log line of the default format (version 2) of this data's account and interface, for a one-minute
     * aggregation interval from {@code start} (epoch seconds), status OK.
     */
    public static String flowLine(
            String src,
            String dst,
            int srcPort,
            int dstPort,
            int protocol,
            int packets,
            int bytes,
            long start,
            String action) {
        return "2 " + ACCOUNT + " eni-0a1b2c3d4e5f6a7b8 " + src + " " + dst + " " + srcPort + " " + dstPort + " "
                + protocol + " " + packets + " " + bytes + " " + start + " " + (start + 60) + " " + action + " OK";
    }

    /**
     * A CloudWatch Logs subscription payload (DATA_MESSAGE) of account {@code owner} with no log events yet: its
     * {@code logEvents} array is {@code payload.get("logEvents")}.
     */
    public static ObjectNode cloudWatchLogsPayload(String owner, String logGroup, String logStream, String filter) {
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("messageType", "DATA_MESSAGE");
        payload.put("owner", owner);
        payload.put("logGroup", logGroup);
        payload.put("logStream", logStream);
        payload.putArray("subscriptionFilters").add(filter);
        payload.putArray("logEvents");
        return payload;
    }

    private byte[] cloudWatchLogs(String logGroup, String logStream, List<String> messages, boolean extracted) {
        ObjectNode payload = cloudWatchLogsPayload(ACCOUNT, logGroup, logStream, "streamwarden-demo");
        ArrayNode events = (ArrayNode) payload.get("logEvents");
        for (String message : messages) {
            ObjectNode event = events.addObject();
            event.put("id", Long.toString(++sequence));
            event.put("timestamp", baseSeconds * 1000 + 60_000);
            event.put("message", message);
            if (extracted) {
                String[] names = {
                    "version",
                    "account",
                    "eni",
                    "source",
                    "destination",
                    "srcport",
                    "destport",
                    "protocol",
                    "packets",
                    "bytes",
                    "windowstart",
                    "windowend",
                    "action",
                    "flowlogstatus"
                };
                String[] values = message.split(" ");
                ObjectNode fields = event.putObject("extractedFields");
                for (int i = 0; i < names.length && i < values.length; i++) {
                    fields.put(names[i], values[i]);
                }
            }
        }
        return utf8(payload.toString());
    }

    private byte[] controlMessage() {
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("messageType", "CONTROL_MESSAGE");
        payload.put("owner", "CloudwatchLogs");
        payload.put("logGroup", "");
        payload.put("logStream", "");
        payload.putArray("subscriptionFilters");
        payload.putArray("logEvents")
                .addObject()
                .put("id", "")
                .put("timestamp", baseSeconds * 1000)
                .put("message", "CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.");
        return utf8(payload.toString());
    }

    /** A bundled event with its time set {@code offsetSeconds} after the base. */
    private String resource(String name, int offsetSeconds) {
        try {
            String template = new String(ClasspathFiles.read("samples/" + name), StandardCharsets.UTF_8).strip();
            return template.replace(
                    "${time}",
                    Instant.ofEpochSecond(baseSeconds + offsetSeconds).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void count(String logType, int n) {
        eventsPerLogType.merge(logType, n, Integer::sum);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
