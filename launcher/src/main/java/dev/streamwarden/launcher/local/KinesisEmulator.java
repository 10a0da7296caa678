package dev.streamwarden.launcher.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * A local Kinesis API (npm {@code kinesis-local}, i.e. kinesis-mock) run as a child {@code node} process
 * on free ports, for tests and local runs. Streams live in memory and vanish on {@link #close()}.
 */
public final class KinesisEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisEmulator.class);

    private static final String NPM_PACKAGE = "kinesis-local@0.6.2";
    private static final long INSTALL_TIMEOUT_SECONDS = 180;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final int plainPort;
    private final Path logFile;
    private final Thread shutdownHook;

    private KinesisEmulator(Process process, int plainPort, Path logFile) {
        this.process = process;
        this.plainPort = plainPort;
        this.logFile = logFile;
        // Ctrl-C of a build must not leave a 200 MB node process holding the ports.
        this.shutdownHook = new Thread(this::destroyTree, "kinesis-emulator-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Installs the emulator into {@code workDir} unless already there, starts it and waits until it answers; gives
     * up after 30 s.
     */
    public static KinesisEmulator start(Path workDir) throws IOException, InterruptedException {
        return start(workDir, START_TIMEOUT);
    }

    /**
     * As {@link #start(Path)}, giving up after {@code readyWithin}: tests allow far longer than a busy machine takes,
     * so that only their own {@code @Timeout} decides that the emulator hangs.
     */
    public static KinesisEmulator start(Path workDir, Duration readyWithin) throws IOException, InterruptedException {
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        Path pkg = dir.resolve("node_modules").resolve("kinesis-local");
        if (!Files.exists(pkg.resolve("main.js"))) {
            install(dir);
        }

        // Both ports are held open together so the two picks cannot collide.
        int plainPort;
        int tlsPort;
        try (ServerSocket plain = new ServerSocket(0);
                ServerSocket tls = new ServerSocket(0)) {
            plainPort = plain.getLocalPort();
            tlsPort = tls.getLocalPort();
        }

        Path log = dir.resolve("kinesis-local.log");
        ProcessBuilder pb = new ProcessBuilder("node", pkg.resolve("main.js").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // Without the certificate path the emulator exits at once (server.json ENOENT).
        env.put("KINESIS_MOCK_CERT_PATH", pkg.resolve("server.json").toString());
        env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort));
        env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
        env.put("AWS_REGION", "us-east-1");
        // Several tests may share one emulator; the limit counts shards of all streams.
        env.put("SHARD_LIMIT", "200");

        long started = System.nanoTime();
        KinesisEmulator emulator = new KinesisEmulator(pb.start(), plainPort, log);
        try {
            emulator.awaitReady(readyWithin);
        } catch (IOException | InterruptedException | RuntimeException e) {
            emulator.close();
            throw e;
        }
        LOG.info(
                "Kinesis emulator ready at {} in {} ms (log: {})",
                emulator.endpoint(),
                (System.nanoTime() - started) / 1_000_000,
                log);
        return emulator;
    }

    /** Plain HTTP: over TLS the Flink connector would need its relocated cert-check property. */
    public String endpoint() {
        return "http://127.0.0.1:" + plainPort;
    }

    /** An SDK v2 client for the emulator (or any endpoint) with the fake credentials it accepts. */
    public static KinesisClient client(String endpoint) {
        return clientBuilder(endpoint).build();
    }

    /** FlinkKinesisConsumer settings for the emulator: its fake credentials and quick polling. */
    public static Properties consumerProperties() {
        Properties p = new Properties();
        p.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
        p.setProperty(AWSConfigConstants.AWS_ACCESS_KEY_ID, "fakeKey");
        p.setProperty(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, "fakeSecret");
        p.setProperty(ConsumerConfigConstants.SHARD_GETRECORDS_INTERVAL_MILLIS, "200");
        p.setProperty(ConsumerConfigConstants.SHARD_DISCOVERY_INTERVAL_MILLIS, "1000");
        return p;
    }

    private static KinesisClientBuilder clientBuilder(String endpoint) {
        // url-connection-client is not on the classpath; the SDK's default sync client (Apache) is.
        return KinesisClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("fakeKey", "fakeSecret")))
                .endpointOverride(URI.create(endpoint));
    }

    @Override
    public void close() {
        destroyTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or will run; it only repeats the destroy above.
        }
        LOG.info("Kinesis emulator on port {} stopped", plainPort);
    }

    private static void install(Path dir) throws IOException, InterruptedException {
        Path npmLog = dir.resolve("npm-install.log");
        LOG.info("Installing {} into {}", NPM_PACKAGE, dir);
        long started = System.nanoTime();
        // Output goes to a file: a full, unread pipe would block npm.
        Process npm = new ProcessBuilder(
                        "npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(), NPM_PACKAGE)
                .redirectErrorStream(true)
                .redirectOutput(npmLog.toFile())
                .start();
        boolean finished = npm.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            npm.destroyForcibly().waitFor();
        }
        if (!finished || npm.exitValue() != 0) {
            throw new IOException("npm install " + NPM_PACKAGE + " failed ("
                    + (finished ? "exit " + npm.exitValue() : "timed out after " + INSTALL_TIMEOUT_SECONDS + " s")
                    + "); npm output:\n" + Files.readString(npmLog));
        }
        LOG.info("Installed {} in {} ms", NPM_PACKAGE, (System.nanoTime() - started) / 1_000_000);
    }

    private void awaitReady(Duration readyWithin) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + readyWithin.toNanos();
        // A short call timeout keeps a hung probe from overrunning the start deadline.
        try (KinesisClient client = clientBuilder(endpoint())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(2)))
                .build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("Kinesis emulator exited with code " + process.exitValue() + "; log "
                            + logFile + ":\n" + logTail());
                }
                // The port answers before the API does; ListStreams proves requests are served.
                if (portOpen()) {
                    try {
                        client.listStreams();
                        return;
                    } catch (SdkException notYet) {
                        LOG.debug("Kinesis emulator not ready yet: {}", notYet.toString());
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("Kinesis emulator not ready after " + readyWithin.toSeconds() + " s; log " + logFile
                + ":\n" + logTail());
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", plainPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private void destroyTree() {
        // Descendants first: once the parent is gone they are re-parented and harder to find.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
