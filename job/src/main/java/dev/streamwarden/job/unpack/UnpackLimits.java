package dev.streamwarden.job.unpack;

import dev.streamwarden.job.config.StreamwardenConfig;
import java.io.Serializable;

/** Size caps that keep one hostile or broken record from exhausting a worker. */
public final class UnpackLimits implements Serializable {
    private static final long serialVersionUID = 1L;

    public final long maxRecordBytes;
    public final long maxDecompressedBytes;
    public final int maxEventBytes;

    public UnpackLimits(long maxRecordBytes, long maxDecompressedBytes, int maxEventBytes) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.maxEventBytes = maxEventBytes;
    }

    /** The limits a configuration sets (processing.max-*-bytes). */
    public static UnpackLimits of(StreamwardenConfig config) {
        return new UnpackLimits(config.maxRecordBytes(), config.maxDecompressedBytes(), config.maxEventBytes());
    }

    /** The limits of a configuration that sets none. */
    public static UnpackLimits defaults() {
        return of(StreamwardenConfig.builder().buildUnchecked());
    }
}
