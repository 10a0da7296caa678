package dev.streamwarden.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's operators, their uids and which of them keep keyed state, against a reviewed golden file. A savepoint
 * restores state by uid: a uid that changes, or a keyed operator that appears or goes, is a decision to make (with a
 * migration note), never an accident of refactoring.
 */
class OperatorUidsTest {
    private static final String GOLDEN = "golden/operator-uids.txt";

    @Test
    void operatorUidsAndKeyedStateMatchTheGoldenFile(@TempDir Path dir) throws IOException {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamwardenJob.build(env, config(dir).build(Map.of()));

        List<String> operators = new ArrayList<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            operators.add(String.format(
                    "%-32s %-6s %s",
                    node.getTransformationUID(),
                    node.getStateKeySerializer() != null ? "keyed" : "-",
                    node.getOperatorName()));
        }
        operators.sort(null);
        String actual = String.join("\n", operators) + "\n";

        assertEquals(golden(), actual, () -> "operators differ from " + GOLDEN + "; now:\n" + actual);
    }

    @Test
    void everyOperatorSendsOnWithinTheConfiguredBufferTimeout(@TempDir Path dir) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamwardenJob.build(
                env,
                config(dir)
                        .set(ConfigKeys.PROCESSING_BUFFER_TIMEOUT, Duration.ofMillis(7))
                        .build(Map.of()));
        Map<Long, List<String>> byTimeout = new TreeMap<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            byTimeout
                    .computeIfAbsent(node.getBufferTimeout(), t -> new ArrayList<>())
                    .add(node.getOperatorName());
        }
        assertEquals(List.of(7L), List.copyOf(byTimeout.keySet()), byTimeout::toString);
    }

    private static StreamwardenConfig.Builder config(Path dir) {
        StreamwardenConfig.Builder config = StreamwardenConfig.builder();
        config.set(ConfigKeys.SOURCE_TYPE, StreamwardenConfig.SourceType.KINESIS);
        config.set(ConfigKeys.SOURCE_NAME, "flows");
        config.set(ConfigKeys.KINESIS_STREAM, "flows");
        config.set(ConfigKeys.OUTPUT_LAKE, dir.resolve("lake").toUri().toString());
        config.set(ConfigKeys.OUTPUT_ALERTS, dir.resolve("alerts").toUri().toString());
        config.set(
                ConfigKeys.OUTPUT_DEAD_LETTER,
                dir.resolve("dead-letter").toUri().toString());
        config.set(
                ConfigKeys.OUTPUT_FAILED_ALERTS,
                dir.resolve("failed-alerts").toUri().toString());
        config.set(ConfigKeys.SLACK_WEBHOOK_URL, "https://hooks.slack.com/services/T/B/x")
                .slackWebhook("security", "https://hooks.slack.com/services/T/B/y")
                .slackBot("oncall", "xoxb-1", "#oncall")
                .webhook("soar", "https://soar.example/alerts", "key");
        return config;
    }

    private static String golden() throws IOException {
        try (InputStream in = OperatorUidsTest.class.getClassLoader().getResourceAsStream(GOLDEN)) {
            return in == null ? "(no " + GOLDEN + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
