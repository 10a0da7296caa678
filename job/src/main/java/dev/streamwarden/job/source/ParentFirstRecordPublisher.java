package dev.streamwarden.job.source;

import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.kinesis.shaded.com.amazonaws.services.kinesis.model.Shard;
import org.apache.flink.streaming.connectors.kinesis.internals.publisher.RecordPublisher;
import org.apache.flink.streaming.connectors.kinesis.model.StreamShardHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's record publisher that reads nothing until each of the shard's parents is finished, and announces the
 * shard finished when it has been read to its end. The shard consumer runs the publisher in a loop until it is
 * complete, so waiting is returning {@code INCOMPLETE} after a pause.
 *
 * <p>A parent the stream no longer lists has expired (past the retention period): there is nothing left to wait for.
 * Only a listing that holds the waiting shard itself says so — ListShards answers an empty list when it fails (the
 * stream UPDATING during a reshard, throttling): then nothing is concluded and the listing is asked again later.
 * Every listed shard is read by one of the readers (the consumer subscribes each shard it lists, from the start when a
 * snapshot does not know it), so a listed parent is finished eventually.
 */
final class ParentFirstRecordPublisher implements RecordPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ParentFirstRecordPublisher.class);
    /** How often a waiting shard asks whether its parents are finished: the delay a child adds after its parent. */
    static final long PARENT_POLL_MILLIS = 200;
    /** Polls between two listings of the stream while parents are awaited (about every 10 s): expiry is rare. */
    private static final int POLLS_PER_LISTING = 50;

    private final RecordPublisher delegate;
    private final StreamShardHandle shard;
    private final FinishedShards finished;
    private final ShardListing listing;
    /** Parents not known to be finished; null until the first check. */
    private Set<String> waitingFor;
    /** Polls since the stream was last listed. */
    private int pollsSinceListing;

    ParentFirstRecordPublisher(
            RecordPublisher delegate, StreamShardHandle shard, FinishedShards finished, ShardListing listing) {
        this.delegate = delegate;
        this.shard = shard;
        this.finished = finished;
        this.listing = listing;
    }

    @Override
    public RecordPublisherRunResult run(RecordBatchConsumer consumer) throws InterruptedException {
        if (!parentsFinished()) {
            Thread.sleep(PARENT_POLL_MILLIS);
            return RecordPublisherRunResult.INCOMPLETE;
        }
        RecordPublisherRunResult result = delegate.run(consumer);
        if (result == RecordPublisherRunResult.COMPLETE) {
            // Every record of the shard has been emitted: the consumer emits in this thread, before run returns.
            finished.announce(Set.of(FinishedShards.key(shard)));
            LOG.info("Shard {} read to its end", FinishedShards.key(shard));
        }
        return result;
    }

    private boolean parentsFinished() throws InterruptedException {
        String key = FinishedShards.key(shard);
        boolean first = waitingFor == null;
        if (first) {
            waitingFor = parentsOf(shard);
        }
        if (waitingFor.isEmpty()) {
            return true;
        }
        waitingFor.removeAll(finished.all());
        if (!waitingFor.isEmpty() && (first || ++pollsSinceListing >= POLLS_PER_LISTING)) {
            pollsSinceListing = 0;
            dropExpiredParents();
        }
        if (first && !waitingFor.isEmpty()) {
            LOG.info("Shard {} waits until its parents {} are read to their end", key, waitingFor);
        } else if (!first && waitingFor.isEmpty()) {
            LOG.info("Shard {}: its parents are read to their end, reading it", key);
        }
        return waitingFor.isEmpty();
    }

    /** Parents a listing that holds this shard does not hold have expired; any other listing says nothing. */
    private void dropExpiredParents() throws InterruptedException {
        Set<String> listed = listing.shardsOf(shard.getStreamName());
        if (!listed.contains(FinishedShards.key(shard))) {
            return;
        }
        Set<String> expired = new TreeSet<>(waitingFor);
        expired.removeAll(listed);
        if (!expired.isEmpty()) {
            LOG.info("Shard {}: parents {} have expired, nothing to wait for", FinishedShards.key(shard), expired);
            waitingFor.removeAll(expired);
        }
    }

    private static Set<String> parentsOf(StreamShardHandle handle) {
        Set<String> parents = new TreeSet<>();
        Shard shard = handle.getShard();
        if (shard.getParentShardId() != null) {
            parents.add(FinishedShards.key(handle.getStreamName(), shard.getParentShardId()));
        }
        if (shard.getAdjacentParentShardId() != null) {
            parents.add(FinishedShards.key(handle.getStreamName(), shard.getAdjacentParentShardId()));
        }
        return parents;
    }
}
