package dev.streamwarden.launcher.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.launcher.local.KinesisEmulator;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.SampleData;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Alert latency through the Kinesis emulator: the whole job (2 shards, parallelism 2, checkpoints every 5 s) reads
 * flow-log traffic put at a steady rate, and every two seconds one record carries a port scan (one new source
 * rejected on 100 distinct ports, the threshold of {@code vpc_flow_port_scan}). A scan's latency runs from the
 * PutRecord call of the record holding its 100th port to the moment a local HTTP server standing in for Slack
 * receives the alert naming that source; every clock read is this process's.
 */
final class LatencyBench {
    private static final String STREAM = "streamwarden-latency";
    /** Records put per second; their lines make up the event rate. */
    private static final int RECORDS_PER_SECOND = 10;

    private static final long SCAN_EVERY_MILLIS = 2_000;
    /** Records put between two scans' starts. */
    private static final int RECORDS_PER_SCAN = (int) (SCAN_EVERY_MILLIS * RECORDS_PER_SECOND / 1000);

    private static final int SCAN_PORTS = 100;
    /** Measured scans come from 10.250.x.y, warm-up scans from 10.251.0.x; ordinary traffic uses neither. */
    private static final Pattern SCANNER = Pattern.compile("10\\.25[01]\\.\\d{1,3}\\.\\d{1,3}");

    private static final String WARM_UP = "10.251.";

    /** What a run measured. */
    static final class Result {
        final int eventsPerSecond;
        final int scans;
        /** Sorted latencies in milliseconds of the scans that alerted. */
        final long[] millis;

        Result(int eventsPerSecond, int scans, long[] millis) {
            this.eventsPerSecond = eventsPerSecond;
            this.scans = scans;
            this.millis = millis;
        }

        int alerted() {
            return millis.length;
        }

        long percentile(double p) {
            return millis.length == 0
                    ? -1
                    : millis[(int) Math.min(millis.length - 1, Math.ceil(p * millis.length) - 1)];
        }
    }

    private final Path workDir;
    /** How long to wait for the first alert (warm-up) and for the last scans' alerts: a lost one shows as missing. */
    private final Duration patience;

    LatencyBench(Path workDir, Duration patience) {
        this.workDir = workDir;
        this.patience = patience;
    }

    /** {@code eventsPerSecond} flow events for {@code scans} scans (two seconds each), after a warm-up. */
    Result run(int eventsPerSecond, int scans, Path outputs) throws Exception {
        int linesPerRecord = Math.max(SCAN_PORTS, eventsPerSecond / RECORDS_PER_SECOND);
        Map<String, Long> putNanos = new ConcurrentHashMap<>();
        Map<String, Long> alertNanos = new ConcurrentHashMap<>();
        CountDownLatch allAlerted = new CountDownLatch(scans);
        CountDownLatch warmedUp = new CountDownLatch(1);
        HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/", exchange -> {
            long received = System.nanoTime();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher scanner = SCANNER.matcher(body);
            if (scanner.find() && alertNanos.putIfAbsent(scanner.group(), received) == null) {
                (scanner.group().startsWith(WARM_UP) ? warmedUp : allAlerted).countDown();
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        slack.start();
        try (KinesisEmulator emulator = KinesisEmulator.start(workDir.resolve("kinesis-local"));
                KinesisClient kinesis = KinesisEmulator.client(emulator.endpoint())) {
            new KinesisWriter(kinesis).createStream(STREAM, 2);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink());
            StreamwardenJob.build(
                    env,
                    jobConfig(
                            emulator.endpoint(),
                            "http://127.0.0.1:" + slack.getAddress().getPort(),
                            outputs));
            JobClient job = env.executeAsync("streamwarden-latency-bench");
            try {
                Producer producer = new Producer(kinesis, linesPerRecord, putNanos);
                // Warm-up: the job reads, classifies and alerts before anything is measured.
                if (!producer.warmUp(warmedUp, patience)) {
                    throw new IllegalStateException(
                            "no alert reached the Slack stand-in within " + patience + " of traffic with port scans");
                }
                for (int scan = 0; scan < scans; scan++) {
                    producer.scanPeriod(scan);
                }
                allAlerted.await(patience.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                job.cancel().get();
            }
        } finally {
            slack.stop(0);
        }
        List<Long> latencies = new ArrayList<>();
        putNanos.forEach((scanner, put) -> {
            Long alerted = alertNanos.get(scanner);
            if (alerted != null) {
                latencies.add((alerted - put) / 1_000_000);
            }
        });
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Result(linesPerRecord * RECORDS_PER_SECOND, scans, sorted);
    }

    /** Steady traffic, one record every 100 ms; every two seconds one of them carries a scan. */
    private static final class Producer {
        private final KinesisClient kinesis;
        private final int linesPerRecord;
        private final Map<String, Long> putNanos;
        private final SplittableRandom random = new SplittableRandom(7);
        private long next = System.nanoTime();
        private int records;

        Producer(KinesisClient kinesis, int linesPerRecord, Map<String, Long> putNanos) {
            this.kinesis = kinesis;
            this.linesPerRecord = linesPerRecord;
            this.putNanos = putNanos;
        }

        /**
         * Traffic with an unmeasured scan every two seconds until one alerts: the readers start at LATEST, so the
         * first records may be put before they read, and the job is up end to end only once an alert is out.
         */
        boolean warmUp(CountDownLatch warmedUp, Duration patience) throws InterruptedException {
            long giveUp = System.nanoTime() + patience.toNanos();
            for (int i = 0; warmedUp.getCount() > 0; i++) {
                if (System.nanoTime() > giveUp) {
                    return false;
                }
                put(
                        i % RECORDS_PER_SCAN == 0
                                ? payload(
                                        WARM_UP + "0." + (i / RECORDS_PER_SCAN % 250 + 1), linesPerRecord - SCAN_PORTS)
                                : payload(null, 0));
            }
            return true;
        }

        void scanPeriod(int scan) throws InterruptedException {
            for (int i = 0; i < RECORDS_PER_SCAN; i++) {
                String scanner = i == RECORDS_PER_SCAN / 2 ? "10.250." + (scan >>> 8 & 255) + '.' + (scan & 255) : null;
                long put = put(payload(scanner, linesPerRecord - SCAN_PORTS));
                if (scanner != null) {
                    putNanos.put(scanner, put);
                }
            }
        }

        /** Puts at the steady rate; returns when the call started. */
        private long put(byte[] data) throws InterruptedException {
            next += TimeUnit.SECONDS.toNanos(1) / RECORDS_PER_SECOND;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long started = System.nanoTime();
            kinesis.putRecord(r -> r.streamName(STREAM)
                    .partitionKey(Integer.toString(records++))
                    .data(SdkBytes.fromByteArrayUnsafe(data)));
            return started;
        }

        /** A CloudWatch Logs payload of flow lines; with a scanner, its 100 rejected ports come first. */
        private byte[] payload(String scanner, int otherLines) {
            long now = System.currentTimeMillis();
            long start = now / 1000 - 5;
            ObjectNode payload = SampleData.cloudWatchLogsPayload(
                    SampleData.ACCOUNT, "vpc-flow-logs", "eni-0a1b2c3d4e5f6a7b8-all", "to-kinesis");
            ArrayNode events = (ArrayNode) payload.get("logEvents");
            int lines = scanner == null ? linesPerRecord : otherLines;
            if (scanner != null) {
                for (int port = 1; port <= SCAN_PORTS; port++) {
                    line(
                            events,
                            now,
                            SampleData.flowLine(scanner, "10.1.0.9", 40000 + port, port, 6, 1, 40, start, "REJECT"));
                }
            }
            for (int i = 0; i < lines; i++) {
                line(
                        events,
                        now,
                        SampleData.flowLine(
                                "10.0." + random.nextInt(4) + '.' + (1 + random.nextInt(250)),
                                "10.1.0." + (1 + random.nextInt(250)),
                                1024 + random.nextInt(60000),
                                random.nextBoolean() ? 443 : 22,
                                6,
                                1,
                                40,
                                start,
                                "ACCEPT"));
            }
            return SampleData.gzip(payload.toString().getBytes(StandardCharsets.UTF_8));
        }

        private static void line(ArrayNode events, long now, String message) {
            ObjectNode event = events.addObject();
            event.put("id", Long.toString(events.size()));
            event.put("timestamp", now);
            event.put("message", message);
        }
    }

    private static Configuration flink() {
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", "5 s");
        conf.setString("restart-strategy.type", "none");
        conf.setString("parallelism.default", "2");
        conf.setString("rest.bind-port", "0");
        return conf;
    }

    private static StreamwardenConfig jobConfig(String kinesisEndpoint, String slackUrl, Path outputs) {
        StreamwardenConfig.Builder config = StreamwardenConfig.builder();
        config.set(ConfigKeys.SOURCE_TYPE, StreamwardenConfig.SourceType.KINESIS);
        config.set(ConfigKeys.KINESIS_STREAM, STREAM);
        config.set(ConfigKeys.SOURCE_NAME, "bench");
        config.set(ConfigKeys.KINESIS_ENDPOINT, kinesisEndpoint);
        config.set(ConfigKeys.KINESIS_INITIAL_POSITION, StreamwardenConfig.InitialPosition.LATEST);
        config.set(ConfigKeys.KINESIS_SOURCE_PARALLELISM, 2);
        config.consumerProperties(KinesisEmulator.consumerProperties());
        config.set(ConfigKeys.PROCESSING_PARALLELISM, 2);
        config.set(ConfigKeys.OUTPUT_LAKE, outputs.resolve("lake").toUri().toString());
        config.set(ConfigKeys.OUTPUT_ALERTS, outputs.resolve("alerts").toUri().toString());
        config.set(
                ConfigKeys.OUTPUT_DEAD_LETTER,
                outputs.resolve("dead-letter").toUri().toString());
        config.set(
                ConfigKeys.OUTPUT_FAILED_ALERTS,
                outputs.resolve("failed-alerts").toUri().toString());
        config.set(ConfigKeys.SLACK_WEBHOOK_URL, slackUrl + "/services/T0/B0/BENCH");
        config.set(ConfigKeys.DELIVERY_REQUEST_TIMEOUT, Duration.ofSeconds(30));
        return config.build(Map.of());
    }
}
