package dev.streamwarden.launcher.bench;

import dev.streamwarden.job.classify.schema.ClasspathFiles;
import dev.streamwarden.launcher.local.SampleData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic benchmark input: Kinesis record payloads as they arrive (a seed gives the same bytes on every
 * machine), and how many events they hold.
 */
final class BenchWorkload {
    enum Kind {
        /** gzip'd CloudWatch Logs payloads of VPC flow log lines (version 2, 14 fields). */
        VPC_FLOW,
        /** CloudTrail {@code Records[]} batches, uncompressed JSON (as a CloudTrail file's content). */
        CLOUDTRAIL
    }

    final String name;
    /** A file name for its dump: kind and records' size, e.g. vpc_flow-2000. */
    final String key;

    final Kind kind;
    final List<byte[]> records;
    final long events;

    private BenchWorkload(String name, String key, Kind kind, List<byte[]> records, long events) {
        this.name = name;
        this.key = key;
        this.kind = kind;
        this.records = records;
        this.events = events;
    }

    /** The workload's first record alone. */
    BenchWorkload first() {
        return new BenchWorkload(name, key + "-one", kind, List.of(records.get(0)), events / records.size());
    }

    long bytes() {
        return records.stream().mapToLong(r -> r.length).sum();
    }

    /** {@code records} payloads of {@code lines} flow-log lines each (a hot source/destination mix, 10 % REJECT). */
    static BenchWorkload flowLogs(int records, int lines) {
        SplittableRandom random = new SplittableRandom(1);
        List<byte[]> payloads = new ArrayList<>(records);
        for (int p = 0; p < records; p++) {
            StringBuilder payload = new StringBuilder(lines * 130)
                    .append("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"")
                    .append(SampleData.ACCOUNT)
                    .append("\",\"logGroup\":\"flows\",\"logStream\":\"eni-0a1b2c3d4e5f6a7b8-all\",")
                    .append("\"subscriptionFilters\":[\"to-kinesis\"],\"logEvents\":[");
            long window = 1_764_324_000L + p * 60L;
            for (int i = 0; i < lines; i++) {
                // Flow logs aggregate per interval: many lines of a record share their start and end.
                long start = window + random.nextInt(60);
                payload.append(i == 0 ? "" : ",")
                        .append("{\"id\":\"3780")
                        .append(p)
                        .append('0')
                        .append(i)
                        .append("\",\"timestamp\":")
                        .append(start * 1000)
                        .append(",\"message\":\"2 ")
                        .append(SampleData.ACCOUNT)
                        .append(" eni-0a1b2c3d4e5f6a7b8 10.0.")
                        .append(random.nextInt(4))
                        .append('.')
                        .append(1 + random.nextInt(250))
                        .append(" 10.1.0.")
                        .append(1 + random.nextInt(250))
                        .append(' ')
                        .append(1024 + random.nextInt(60000))
                        .append(' ')
                        .append(random.nextBoolean() ? 443 : 22)
                        .append(" 6 ")
                        .append(1 + random.nextInt(50))
                        .append(' ')
                        .append(40 + random.nextInt(9000))
                        .append(' ')
                        .append(start)
                        .append(' ')
                        .append(start + 60)
                        .append(random.nextInt(10) == 0 ? " REJECT OK\"}" : " ACCEPT OK\"}");
            }
            payload.append("]}");
            payloads.add(SampleData.gzip(payload.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return new BenchWorkload(
                "vpc_flow: CWL payloads of " + String.format("%,d", lines) + " lines",
                "vpc_flow-" + lines,
                Kind.VPC_FLOW,
                payloads,
                (long) records * lines);
    }

    /** {@code batches} Records[] batches of {@code perBatch} CloudTrail events drawn from the sample events. */
    static BenchWorkload cloudTrail(int batches, int perBatch) throws IOException {
        String[] templates = {
            "cloudtrail-root-console-login.json",
            "cloudtrail-sg-ingress-anywhere.json",
            "cloudtrail-describe-instances.json",
            "cloudtrail-root-by-service.json"
        };
        List<String> samples = new ArrayList<>();
        for (String template : templates) {
            samples.add(new String(ClasspathFiles.read("samples/" + template), StandardCharsets.UTF_8)
                    .strip()
                    .replace("${time}", "2026-11-28T10:00:00Z"));
        }
        List<byte[]> records = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            StringBuilder batch = new StringBuilder("{\"Records\":[");
            for (int i = 0; i < perBatch; i++) {
                batch.append(i == 0 ? "" : ",").append(samples.get((b + i) % samples.size()));
            }
            records.add(batch.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return new BenchWorkload(
                "cloudtrail: Records[] of " + perBatch,
                "cloudtrail-" + perBatch,
                Kind.CLOUDTRAIL,
                records,
                (long) batches * perBatch);
    }
}
