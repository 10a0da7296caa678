package dev.streamwarden.job.source;

import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.RawRecord;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

/** The two ways records enter the job: a Kinesis stream (unbounded) or replayed files (bounded). */
public final class Sources {
    public static final String UID = "source";

    private Sources() {}

    public static DataStream<RawRecord> from(StreamExecutionEnvironment env, StreamwardenConfig config) {
        return config.sourceType() == StreamwardenConfig.SourceType.KINESIS
                ? kinesis(env, config)
                : replay(env, config);
    }

    /** One reader per shard is all Kinesis allows; parallelism here should equal the shard count. */
    static DataStream<RawRecord> kinesis(StreamExecutionEnvironment env, StreamwardenConfig config) {
        ParentFirstKinesisConsumer<RawRecord> consumer = new ParentFirstKinesisConsumer<>(
                config.kinesisStream(), new KinesisRecordSchema(config.sourceName()), consumerProperties(config));
        return env.addSource(consumer)
                .uid(UID)
                .name("Kinesis " + config.kinesisStream())
                .setParallelism(config.sourceParallelism());
    }

    static Properties consumerProperties(StreamwardenConfig config) {
        Properties p = new Properties();
        p.setProperty(AWSConfigConstants.AWS_REGION, config.kinesisRegion());
        if (config.kinesisEndpoint() != null) {
            p.setProperty(AWSConfigConstants.AWS_ENDPOINT, config.kinesisEndpoint());
        }
        p.setProperty(
                ConsumerConfigConstants.STREAM_INITIAL_POSITION,
                config.initialPosition().name());
        if (config.initialTimestamp() != null) {
            p.setProperty(
                    ConsumerConfigConstants.STREAM_INITIAL_TIMESTAMP,
                    String.valueOf(config.initialTimestamp().toEpochMilli() / 1000.0));
        }
        // Expert settings (credentials provider, polling intervals, EFO) pass through and win.
        p.putAll(config.consumerProperties());
        return p;
    }

    static DataStream<RawRecord> replay(StreamExecutionEnvironment env, StreamwardenConfig config) {
        Path[] paths = config.replayFiles().stream().map(Path::new).toArray(Path[]::new);
        FileSource<RawRecord> files = FileSource.forBulkFileFormat(
                        new ReplayFileFormat(config.sourceName(), config.maxRecordBytes()), paths)
                .build();
        return env.fromSource(files, WatermarkStrategy.noWatermarks(), "Replay files")
                .uid(UID)
                .setParallelism(Math.min(config.replayFiles().size(), Math.max(1, env.getParallelism())));
    }
}
