package dev.streamwarden.job.deliver;

import dev.streamwarden.api.Event;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.DateTimeBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The file outputs. All are exactly-once: part files become visible when the checkpoint that covers them
 * completes, on any Flink file system (file:// locally, s3:// on AWS).
 */
public final class FileSinks {
    private FileSinks() {}

    /** Normalized events as Parquet with typed columns per log type, partitioned by log type and event hour. */
    public static FileSink<Event> lake(String path, Map<String, LakeTable> tables) {
        return FileSink.forBulkFormat(new Path(path), new LakeParquet(tables))
                .withBucketAssigner(new EventPartitions())
                .withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(".parquet").build())
                .build();
    }

    /** JSON lines partitioned by the hour they were written ({@code dt=YYYY-MM-DD/hour=HH}). */
    public static <T> FileSink<T> jsonLines(String path, SerializableFunction<T, String> toJson) {
        return FileSink.forRowFormat(new Path(path), new JsonLines<>(toJson))
                .withBucketAssigner(new DateTimeBucketAssigner<>("'dt='yyyy-MM-dd'/hour='HH", ZoneOffset.UTC))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(".jsonl").build())
                .build();
    }
}
