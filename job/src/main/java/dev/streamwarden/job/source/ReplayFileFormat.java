package dev.streamwarden.job.source;

import dev.streamwarden.job.model.RawRecord;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.Path;
import org.apache.flink.util.Preconditions;

/**
 * Replays captured data from files instead of Kinesis:
 * {@code FileSource.forBulkFileFormat(new ReplayFileFormat(sourceName, maxRecordBytes), paths).build()}.
 *
 * <p>Each file is one of two shapes:
 * <ul>
 *   <li>A dump as {@code aws kinesis get-records} prints it, several such dumps appended to one file, or a
 *       JSON array of them: one record per Records element (see {@link KinesisDumpReader}). A file is a dump
 *       when its first Records element has a Data field (a CloudTrail file's elements have none), or when it
 *       holds no elements at all (empty dumps from a polling loop on a quiet stream, an empty file); those
 *       yield nothing.
 *   <li>Anything else (a gzip'd CloudWatch Logs payload, a CloudTrail file, NDJSON, log lines): the whole file
 *       is one record with the file's bytes unchanged, as if it had arrived on the stream.
 * </ul>
 *
 * <p>A raw file larger than maxRecordBytes is not read whole: its record carries only the first
 * maxRecordBytes + 1 bytes, so the unpack stage, which caps record sizes, dead-letters it as oversized rather
 * than this reader failing the job. A malformed dump instead fails the job with the file and byte offset: a
 * bad replay file is an operator error and should be loud.
 *
 * <p>This is a BulkFormat, not a SimpleStreamFormat: a stream format is never told the file's path (needed for
 * origin, modification time and error messages), and the stream adapter would gunzip files named *.gz.
 */
public class ReplayFileFormat implements BulkFormat<RawRecord, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    /** Data bytes per batch handed to the source reader: amortises the hand-over without holding much. */
    private static final long BATCH_BYTES = 1 << 20;

    private final String sourceName;
    private final int maxRecordBytes;

    public ReplayFileFormat(String sourceName, long maxRecordBytes) {
        Preconditions.checkArgument(
                maxRecordBytes > 0 && maxRecordBytes < Integer.MAX_VALUE - 8,
                "maxRecordBytes must be positive and fit a byte array: %s",
                maxRecordBytes);
        this.sourceName = Preconditions.checkNotNull(sourceName);
        this.maxRecordBytes = (int) maxRecordBytes;
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new Batches(open(split), 0);
    }

    /** Positions are counts of records emitted from the file, so a restore re-reads it and skips that many. */
    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long emitted = split.getReaderPosition()
                .map(CheckpointedPosition::getRecordsAfterOffset)
                .orElse(0L);
        return new Batches(open(split), emitted);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    private RecordSource open(FileSourceSplit split) throws IOException {
        Path file = split.path();
        InputStream in = new BufferedInputStream(file.getFileSystem().open(file));
        KinesisDumpReader dump = null;
        try {
            if (!startsWithGzipMagic(in)) {
                dump = KinesisDumpReader.openIfDump(in, file, sourceName);
            }
        } finally {
            if (dump == null) {
                in.close();
            }
        }
        return dump != null ? dump : new RawFile(split);
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip;
    }

    /** Records of one file, in order; null once it is exhausted. */
    public interface RecordSource extends Closeable {
        RawRecord next() throws IOException;
    }

    /** The whole file as one record, read from a fresh stream since detection consumed the first. */
    private final class RawFile implements RecordSource {
        private final FileSourceSplit split;
        private boolean done;

        RawFile(FileSourceSplit split) {
            this.split = split;
        }

        @Override
        public RawRecord next() throws IOException {
            if (done) {
                return null;
            }
            done = true;
            Path file = split.path();
            try (InputStream in = file.getFileSystem().open(file)) {
                byte[] data = in.readNBytes(maxRecordBytes + 1);
                // The split knows the modification time from listing the file; 0 when the file system did not say.
                return new RawRecord(
                        sourceName, file.getName(), null, null, Math.max(0, split.fileModificationTime()), data);
            }
        }

        @Override
        public void close() {}
    }

    /** Hands records over in batches, dropping those a restored checkpoint says were already emitted. */
    private static final class Batches implements BulkFormat.Reader<RawRecord> {
        private final RecordSource records;
        private final long alreadyEmitted;
        private long emitted;

        Batches(RecordSource records, long alreadyEmitted) {
            this.records = records;
            this.alreadyEmitted = alreadyEmitted;
        }

        @Override
        public RecordIterator<RawRecord> readBatch() throws IOException {
            List<RawRecord> batch = new ArrayList<>();
            long bytes = 0;
            RawRecord record;
            while (bytes < BATCH_BYTES && (record = records.next()) != null) {
                if (++emitted > alreadyEmitted) {
                    batch.add(record);
                    bytes += record.data.length;
                }
            }
            return batch.isEmpty()
                    ? null
                    : new IteratorResultIterator<>(
                            batch.iterator(), CheckpointedPosition.NO_OFFSET, emitted - batch.size());
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }
}
