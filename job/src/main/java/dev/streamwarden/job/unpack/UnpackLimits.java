package dev.streamwarden.job.unpack;

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
}
