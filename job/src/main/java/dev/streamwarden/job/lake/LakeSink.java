package dev.streamwarden.job.lake;

import dev.streamwarden.api.Event;
import java.util.Map;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/**
 * The lake: every normalized event as Parquet with typed columns per log type, partitioned by log type and event
 * hour. Exactly-once: part files become visible when the checkpoint that covers them completes, on any Flink file
 * system (file:// locally, s3:// on AWS).
 */
public final class LakeSink {
    private LakeSink() {}

    public static FileSink<Event> of(String path, Map<String, LakeTable> tables) {
        return FileSink.forBulkFormat(new Path(path), new LakeParquet(tables))
                .withBucketAssigner(new EventPartitions())
                .withOutputFileConfig(
                        OutputFileConfig.builder().withPartSuffix(".parquet").build())
                .build();
    }
}
