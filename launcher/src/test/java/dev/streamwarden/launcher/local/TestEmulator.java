package dev.streamwarden.launcher.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Kinesis emulator as tests start it: installed under target/ (reused by later runs until mvn clean) and waited
 * for far longer than a loaded machine takes, so only a test's own {@code @Timeout} decides that it hangs.
 */
public final class TestEmulator {
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);

    private TestEmulator() {}

    public static KinesisEmulator start() throws IOException, InterruptedException {
        return KinesisEmulator.start(Path.of("target", "kinesis-local"), READY_WITHIN);
    }
}
