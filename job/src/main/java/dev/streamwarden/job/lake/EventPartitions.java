package dev.streamwarden.job.lake;

import dev.streamwarden.api.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Hive-style lake partitions by log type and the event's UTC hour: {@code log_type=T/dt=YYYY-MM-DD/hour=HH}. */
public final class EventPartitions implements BucketAssigner<Event, String> {
    private static final long serialVersionUID = 1L;
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);

    // Events arrive in bursts of the same hour: format each hour once.
    private transient long cachedHour = Long.MIN_VALUE;
    private transient String cachedHourPath;

    @Override
    public String getBucketId(Event event, Context context) {
        long hour = Math.floorDiv(event.eventTime, HOUR_MILLIS);
        if (hour != cachedHour || cachedHourPath == null) {
            cachedHourPath = HOUR.format(Instant.ofEpochMilli(hour * HOUR_MILLIS));
            cachedHour = hour;
        }
        return "log_type=" + event.logType + "/" + cachedHourPath;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
