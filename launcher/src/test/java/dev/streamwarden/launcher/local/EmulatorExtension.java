package dev.streamwarden.launcher.local;

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

    public KinesisClient client() {
        return client;
    }
}
