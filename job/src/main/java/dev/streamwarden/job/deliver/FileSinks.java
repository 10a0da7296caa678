package dev.streamwarden.job.deliver;

import java.time.ZoneOffset;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.DateTimeBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The JSON-line file outputs (alerts, dead letters, failed alerts). Exactly-once: part files become visible when the
 * checkpoint that covers them completes, on any Flink file system (file:// locally, s3:// on AWS).
 */
public final class FileSinks {
    private FileSinks() {}

    /** JSON lines partitioned by the hour they were written ({@code dt=YYYY-MM-DD/hour=HH}). */
    public static <T> FileSink<T> jsonLines(String path, SerializableFunction<T, String> toJson) {
        return FileSink.forRowFormat(new Path(path), new JsonLines<>(toJson))
                .withBucketAssigner(new DateTimeBucketAssigner<>("'dt='yyyy-MM-dd'/hour='HH", ZoneOffset.UTC))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(
                        OutputFileConfig.builder().withPartSuffix(".jsonl").build())
                .build();
    }
}
