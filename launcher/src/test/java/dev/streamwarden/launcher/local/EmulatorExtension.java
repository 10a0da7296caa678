package dev.streamwarden.launcher.local;

import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The Kinesis emulator for one test class ({@code @RegisterExtension static final EmulatorExtension KINESIS}):
 * started before its tests, with a client, and stopped after them.
 */
public final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback {
    private KinesisEmulator emulator;
    private KinesisClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        emulator = TestEmulator.start();
        client = KinesisEmulator.client(emulator.endpoint());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    public String endpoint() {
        return emulator.endpoint();
    }

    /** A job configuration reading {@code stream} from this emulator from its start, one reader per shard. */
    public StreamwardenConfig.Builder reading(String stream, int readers) {
        return reading(endpoint(), stream, readers);
    }

    /** The same through another address (a relay in front of the emulator). */
    public static StreamwardenConfig.Builder reading(String endpoint, String stream, int readers) {
        return StreamwardenConfig.builder()
                .set(ConfigKeys.KINESIS_STREAM, stream)
                .set(ConfigKeys.KINESIS_ENDPOINT, endpoint)
                .set(ConfigKeys.KINESIS_INITIAL_POSITION, StreamwardenConfig.InitialPosition.TRIM_HORIZON)
                .set(ConfigKeys.KINESIS_SOURCE_PARALLELISM, readers)
                .consumerProperties(KinesisEmulator.consumerProperties());
    }

    public KinesisClient client() {
        return client;
    }
}
