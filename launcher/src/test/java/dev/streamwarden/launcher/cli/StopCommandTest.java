package dev.streamwarden.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StopCommandTest {
    @Test
    void stopSignalsTheRunningRunAndPrintsItsSavepoint(@TempDir Path home) throws Exception {
        Path state = Files.createDirectories(home.resolve(".streamwarden"));
        // Stands in for run: on SIGTERM it records a savepoint, as run does, and ends.
        Process run = new ProcessBuilder(
                        "bash",
                        "-c",
                        "trap 'echo file:/tmp/savepoint-1 > " + state.resolve("last-savepoint")
                                + "; exit 0' TERM; echo started; while true; do sleep 0.1; done")
                .start();
        run.getInputStream().read(); // "started": the trap is in place
        Files.writeString(state.resolve("run.pid"), Long.toString(run.pid()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exitCode = new StopCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), RunFiles.under(home))
                .run(List.of("--savepoint"));

        assertEquals(0, exitCode);
        assertFalse(run.isAlive());
        assertEquals(
                "Stopping run (process " + run.pid() + ") with a savepoint...\n"
                        + "Stopped with savepoint file:/tmp/savepoint-1\n"
                        + "Resume: bin/streamwarden run --config FILE --from-savepoint file:/tmp/savepoint-1\n",
                printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutARunningRunItSaysSo(@TempDir Path home) {
        Args.UsageException e = assertThrows(
                Args.UsageException.class, () -> new StopCommand(System.out, RunFiles.under(home)).run(List.of()));
        assertEquals("no run of this checkout is running (.streamwarden/run.pid)", e.getMessage());
    }
}
