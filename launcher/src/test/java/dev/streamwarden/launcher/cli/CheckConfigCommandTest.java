package dev.streamwarden.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigCommandTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final CheckConfigCommand command =
            new CheckConfigCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), Map.of());

    @Test
    void aValidFileSaysWhatItConfigures(@TempDir Path dir) throws Exception {
        Path file = write(
                dir,
                "[{\"PropertyGroupId\":\"kinesis\",\"PropertyMap\":{\"stream\":\"flows\",\"source-parallelism\":\"4\"}},"
                        + "{\"PropertyGroupId\":\"output\",\"PropertyMap\":{\"lake\":\"s3://b/lake\","
                        + "\"alerts\":\"s3://b/alerts\",\"dead-letter\":\"s3://b/dead-letter\"}}]");

        assertEquals(0, command.run(List.of(file.toString())));
        assertEquals(
                file + ": valid (StreamwardenConfig{source=KINESIS:flows, stream=flows, region=us-east-1, "
                        + "endpoint=null, initialPosition=LATEST, sourceParallelism=4, replayFiles=0, parallelism=0, "
                        + "lake=s3://b/lake, alerts=s3://b/alerts, deadLetter=s3://b/dead-letter, failedAlerts=null, "
                        + "slack=off, webhooks=[]})\n"
                        + "Secrets given as Secrets Manager ARNs were not read (check-config calls no AWS service).\n",
                printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyProblemIsListedAtOnceAndTheExitCodeIsTwo(@TempDir Path dir) throws Exception {
        Path file = write(
                dir,
                "[{\"PropertyGroupId\":\"kinesis\",\"PropertyMap\":{\"stream\":\"flows\",\"initial-position\":\"NOW\","
                        + "\"source-paralelism\":\"4\"}},"
                        + "{\"PropertyGroupId\":\"processing\",\"PropertyMap\":{\"max-out-of-orderness\":\"soon\"}},"
                        + "{\"PropertyGroupId\":\"output\",\"PropertyMap\":{\"lake\":\"s3://b/lake\","
                        + "\"alerts\":\"s3://b/alerts\",\"dead-letter\":\"s3://b/dead-letter\"}},"
                        + "{\"PropertyGroupId\":\"slack\",\"PropertyMap\":{\"webhook-url\":\"https://hooks.slack.com/x\"}},"
                        + "{\"PropertyGroupId\":\"rules\",\"PropertyMap\":{\"disabled\":\"ssh_brute_forse\"}}]");

        assertEquals(2, command.run(List.of(file.toString())));
        assertEquals(
                file + ": 5 problems\n"
                        + "  unknown key 'kinesis.source-paralelism' (known in this group: endpoint, initial-position, "
                        + "initial-timestamp, region, source-parallelism, stream)\n"
                        + "  kinesis.initial-position: 'NOW' is not one of LATEST, TRIM_HORIZON, AT_TIMESTAMP\n"
                        + "  processing.max-out-of-orderness: 'soon' is not a duration (e.g. 500ms, 30s, 5m, 1h, PT5M)\n"
                        + "  output.failed-alerts is required\n"
                        + "  rules.disabled: no rule named ssh_brute_forse\n",
                printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingFileIsNotFound(@TempDir Path dir) {
        Args.UsageException e = assertThrows(
                Args.UsageException.class,
                () -> command.run(List.of(dir.resolve("none.json").toString())));
        assertEquals(dir.resolve("none.json") + " not found", e.getMessage());
    }

    private static Path write(Path dir, String json) throws Exception {
        Path file = dir.resolve("properties.json");
        Files.writeString(file, json);
        return file;
    }
}
