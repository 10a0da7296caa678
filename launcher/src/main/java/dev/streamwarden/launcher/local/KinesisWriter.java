package dev.streamwarden.launcher.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Creates streams and writes records with PutRecords: batches within the API's limits, random partition keys,
 * only the failed entries of a partial failure sent again, exponential backoff with full jitter on throttling, and
 * the batch size adapted to the stream like Flink's own Kinesis sink (AIMD: halved when a call is throttled, grown
 * by 10 records after a clean one). A record is never dropped: what cannot be written after the attempts fails the
 * call, naming how many.
 */
public final class KinesisWriter {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisWriter.class);

    // PutRecords limits: 500 records and 5 MiB (data plus partition keys) per call.
    private static final int MAX_BATCH_RECORDS = 500;
    private static final long MAX_BATCH_BYTES = 5L * 1024 * 1024;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);
    /** AIMD: the batch limit grows by this after a clean call and halves after a throttled one. */
    private static final int BATCH_INCREASE = 10;

    private final KinesisClient client;
    private final int maxAttempts;
    private final long baseBackoffMillis;
    private int batchLimit = MAX_BATCH_RECORDS;
    private final Map<String, Long> writtenPerShard = new TreeMap<>();
    private long written;
    private long throttledEntries;
    private long calls;

    public KinesisWriter(KinesisClient client) {
        this(client, 8, 100);
    }

    /** {@code maxAttempts} per batch; tests shorten the backoff so retry paths run in milliseconds. */
    public KinesisWriter(KinesisClient client, int maxAttempts, long baseBackoffMillis) {
        this.client = client;
        this.maxAttempts = maxAttempts;
        this.baseBackoffMillis = baseBackoffMillis;
    }

    /** Creates the stream and returns once it is ACTIVE (records can only be written then). */
    public void createStream(String name, int shards) throws InterruptedException {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        awaitActive(name);
        LOG.info("Stream {} is ACTIVE with {} shards", name, shards);
    }

    /** Returns once the stream is ACTIVE: after a create or a reshard (UPDATING), the next change needs it. */
    public void awaitActive(String name) throws InterruptedException {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        StreamStatus status;
        while ((status = client.describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary()
                        .streamStatus())
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Stream " + name + " still " + status + " after " + ACTIVE_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /** Writes all records, each under a random partition key so shards stay balanced; returns the count. */
    public int putAll(String stream, List<byte[]> records) throws InterruptedException {
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        long batchBytes = 0;
        for (byte[] data : records) {
            String key = UUID.randomUUID().toString();
            long size = data.length + key.length(); // a UUID string is ASCII: one byte per char
            if (batch.size() >= batchLimit || (!batch.isEmpty() && batchBytes + size > MAX_BATCH_BYTES)) {
                putBatch(stream, batch);
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(PutRecordsRequestEntry.builder()
                    .partitionKey(key)
                    .data(SdkBytes.fromByteArray(data))
                    .build());
            batchBytes += size;
        }
        if (!batch.isEmpty()) {
            putBatch(stream, batch);
        }
        LOG.info("Wrote {} records to {}", records.size(), stream);
        return records.size();
    }

    /**
     * One PutRecords call, then calls for only the entries that failed, with backoff between tries. Resends are cut
     * to the current batch limit too, so a throttled stream gets smaller calls, as new batches do.
     */
    private void putBatch(String stream, List<PutRecordsRequestEntry> entries) throws InterruptedException {
        List<PutRecordsRequestEntry> pending = entries;
        int attempt = 1;
        while (!pending.isEmpty()) {
            List<PutRecordsRequestEntry> sent = pending.subList(0, Math.min(pending.size(), batchLimit));
            List<PutRecordsRequestEntry> rest = pending.subList(sent.size(), pending.size());
            Set<String> errorCodes = new TreeSet<>();
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            try {
                calls++;
                PutRecordsResponse response =
                        client.putRecords(b -> b.streamName(stream).records(sent));
                // Result entries are in request order; a failed one carries an ErrorCode, a written one its shard.
                for (int i = 0; i < response.records().size(); i++) {
                    PutRecordsResultEntry result = response.records().get(i);
                    if (result.errorCode() != null) {
                        failed.add(sent.get(i));
                        errorCodes.add(result.errorCode());
                    } else if (result.shardId() != null) {
                        writtenPerShard.merge(result.shardId(), 1L, Long::sum);
                    }
                }
            } catch (AwsServiceException e) {
                if (!isThrottling(e)) {
                    throw e;
                }
                failed.addAll(sent);
                errorCodes.add(
                        e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : "HTTP " + e.statusCode());
            }
            written += sent.size() - failed.size();
            if (failed.isEmpty()) {
                batchLimit = Math.min(MAX_BATCH_RECORDS, batchLimit + BATCH_INCREASE);
                pending = rest;
                attempt = 1;
                continue;
            }
            throttledEntries += failed.size();
            batchLimit = Math.max(1, batchLimit / 2);
            failed.addAll(rest);
            pending = failed;
            if (attempt == maxAttempts) {
                throw new IllegalStateException("PutRecords to " + stream + ": " + pending.size() + " of "
                        + entries.size() + " records still failing after " + attempt + " attempts: " + errorCodes);
            }
            long backoff = fullJitterBackoffMillis(attempt);
            LOG.warn(
                    "PutRecords to {}: {} of {} records not written ({}), retry {} in {} ms",
                    stream,
                    pending.size(),
                    entries.size(),
                    errorCodes,
                    attempt,
                    backoff);
            Thread.sleep(backoff);
            attempt++;
        }
    }

    /** Records written per shard (from the shard ids PutRecords answered with), by shard id. */
    public Map<String, Long> writtenPerShard() {
        return Collections.unmodifiableMap(writtenPerShard);
    }

    /** Records written so far. */
    public long written() {
        return written;
    }

    /** Entries refused (throttled or failed) and sent again. */
    public long throttledEntries() {
        return throttledEntries;
    }

    /** PutRecords calls made. */
    public long calls() {
        return calls;
    }

    /** The current batch limit (500 until a call is throttled). */
    int batchLimit() {
        return batchLimit;
    }

    // These pass once the shard's or account's budget refills: worth a longer wait than the SDK's quick retries.
    private static boolean isThrottling(AwsServiceException e) {
        return e.isThrottlingException() || e instanceof LimitExceededException || e instanceof KmsThrottlingException;
    }

    /** "Full jitter": uniform in [0, min(cap, base * 2^(attempt-1))], so retrying writers spread out. */
    private long fullJitterBackoffMillis(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, baseBackoffMillis << Math.min(attempt - 1, 20));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}
