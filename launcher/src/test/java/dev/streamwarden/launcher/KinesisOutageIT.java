package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.launcher.local.EmulatorExtension;
import dev.streamwarden.launcher.local.KinesisEmulator;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.SampleData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kinesis unreachable for a minute while the job runs (the job reads through a TCP relay that drops every connection
 * meanwhile; producers keep writing to the emulator): the job fails over and retries with backoff, then resumes
 * from its checkpoint once Kinesis answers again. The lake holds every event exactly once (no gap, no duplicate),
 * and the relay counts how often the job knocked while Kinesis was away.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class KinesisOutageIT {
    private static final String STREAM = "outage-it";
    private static final Duration OUTAGE = Duration.ofMinutes(1);

    @RegisterExtension
    static final EmulatorExtension KINESIS = new EmulatorExtension();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startEmulator() throws Exception {
        new KinesisWriter(KINESIS.client()).createStream(STREAM, 2);
    }

    @Test
    void aMinuteWithoutKinesisLosesAndRepeatsNothing() throws Exception {
        SampleData sample = SampleData.generate(SampleData.Kind.VPC_FLOW, Instant.parse("2026-11-28T10:00:00Z"), 11L);
        List<byte[]> before = sample.records.subList(0, 6);
        List<byte[]> during = sample.records.subList(6, sample.records.size());
        long expected = sample.eventsPerLogType.get("vpc_flow");
        URI target = URI.create(KINESIS.endpoint());
        try (Relay relay = new Relay(target.getPort())) {
            KinesisWriter writer = new KinesisWriter(KINESIS.client());
            writer.putAll(STREAM, before);
            JobClient job = start(relay.port());
            LakeCounts.await(tmp.resolve("lake"), "vpc_flow", 1); // the job is reading: its first events are committed

            relay.down();
            writer.putAll(STREAM, during);
            long outageStarted = System.nanoTime();
            // The outage lasts its minute whatever the job does; nothing is decided by this wait.
            Thread.sleep(OUTAGE.toMillis());
            int knocks = relay.refused.get();
            relay.up();
            long outageSeconds = (System.nanoTime() - outageStarted) / 1_000_000_000L;

            LakeCounts.await(tmp.resolve("lake"), "vpc_flow", expected); // every event, after the outage
            job.stopWithSavepoint(true, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(2, TimeUnit.MINUTES);

            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    Statement sql = duck.createStatement();
                    ResultSet rs = sql.executeQuery("SELECT count(*), count(DISTINCT record) FROM "
                            + LakeCounts.table(tmp.resolve("lake"), "vpc_flow"))) {
                rs.next();
                assertEquals(expected, rs.getLong(1), "flow events in the lake: none lost");
                assertEquals(expected, rs.getLong(2), "distinct flow events: none twice");
            }
            System.out.printf(
                    "KinesisOutageIT: %d connections refused in %d s of outage (%.1f/s)%n",
                    knocks, outageSeconds, knocks / (double) Math.max(1, outageSeconds));
            // Backoff, not a hot loop: a retrying client without it opens thousands of connections a minute.
            assertTrue(knocks < 20 * outageSeconds, knocks + " connections in " + outageSeconds + " s");
            assertTrue(knocks > 0, "the job tried to read during the outage");
        }
    }

    private JobClient start(int relayPort) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", "1s");
        conf.setString("restart-strategy.type", "exponential-delay");
        conf.setString("restart-strategy.exponential-delay.initial-backoff", "1s");
        conf.setString("restart-strategy.exponential-delay.max-backoff", "10s");
        conf.setString("parallelism.default", "2");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.getConfig().disableGenericTypes();
        StreamwardenConfig config = StreamwardenConfig.builder()
                .set(ConfigKeys.KINESIS_STREAM, STREAM)
                .set(ConfigKeys.KINESIS_ENDPOINT, "http://127.0.0.1:" + relayPort)
                .set(ConfigKeys.KINESIS_INITIAL_POSITION, StreamwardenConfig.InitialPosition.TRIM_HORIZON)
                .set(ConfigKeys.KINESIS_SOURCE_PARALLELISM, 2)
                .consumerProperties(KinesisEmulator.consumerProperties())
                .set(ConfigKeys.OUTPUT_LAKE, tmp.resolve("lake").toUri().toString())
                .set(ConfigKeys.OUTPUT_ALERTS, tmp.resolve("alerts").toUri().toString())
                .set(
                        ConfigKeys.OUTPUT_DEAD_LETTER,
                        tmp.resolve("dead-letter").toUri().toString())
                .build(Map.of());
        StreamwardenJob.build(env, config);
        return env.executeAsync("kinesis-outage-it");
    }

    /**
     * A TCP relay in front of the emulator. Down, it drops every open connection and closes each new one as it
     * arrives (counting them): Kinesis unreachable, as a network outage looks to the consumer.
     */
    static final class Relay implements AutoCloseable {
        final AtomicInteger refused = new AtomicInteger();
        private final ServerSocket server;
        private final int target;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile boolean down;

        Relay(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "relay-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void down() {
            down = true;
            open.forEach(Relay::closeQuietly);
            open.clear();
        }

        void up() {
            down = false;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (down) {
                        refused.incrementAndGet();
                        closeQuietly(client);
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed, or one connection failed: keep accepting
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[65536];
                try (InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, n);
                    }
                } catch (IOException closed) {
                    // either side went away
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                    open.remove(from);
                    open.remove(to);
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            down();
        }
    }
}
