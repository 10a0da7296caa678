package dev.streamwarden.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.PropertyGroups;
import dev.streamwarden.job.config.StreamwardenConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandTest {
    @Test
    void theConfigurationItWritesIsOneRunAccepts(@TempDir Path dir) throws Exception {
        Path file = LocalCommand.writeConfig(dir, "flows", 3, "http://127.0.0.1:4567");

        StreamwardenConfig config = StreamwardenConfig.fromPropertyGroups(PropertyGroups.read(file), Map.of());
        StreamwardenJob.check(config);

        assertEquals("flows", config.kinesisStream());
        assertEquals("http://127.0.0.1:4567", config.kinesisEndpoint());
        assertEquals(3, config.sourceParallelism());
        assertEquals(StreamwardenConfig.InitialPosition.TRIM_HORIZON, config.initialPosition());
        assertEquals("BASIC", config.consumerProperties().getProperty("aws.credentials.provider"));
        assertEquals(dir.resolve("out").resolve("lake").toAbsolutePath().toUri().toString(), config.lakePath());
        assertEquals(true, config.printAlerts());
    }
}
