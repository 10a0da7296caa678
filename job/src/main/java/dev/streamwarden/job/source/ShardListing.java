package dev.streamwarden.job.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.streaming.connectors.kinesis.model.StreamShardHandle;
import org.apache.flink.streaming.connectors.kinesis.proxy.GetShardListResult;
import org.apache.flink.streaming.connectors.kinesis.proxy.KinesisProxyInterface;

/** The shards a stream lists now (ListShards through the consumer's own client and settings). */
final class ShardListing {
    private final Supplier<KinesisProxyInterface> clientFactory;
    private KinesisProxyInterface client;

    ShardListing(Supplier<KinesisProxyInterface> clientFactory) {
        this.clientFactory = clientFactory;
    }

    /** Keys ({@link FinishedShards#key}) of every shard of {@code stream}, open or closed, not yet expired. */
    synchronized Set<String> shardsOf(String stream) throws InterruptedException {
        if (client == null) {
            client = clientFactory.get();
        }
        Map<String, String> fromTheStart = new HashMap<>();
        fromTheStart.put(stream, null);
        GetShardListResult result = client.getShardList(fromTheStart);
        List<StreamShardHandle> shards = result.getRetrievedShardListOfStream(stream);
        return shards == null
                ? Set.of()
                : shards.stream().map(FinishedShards::key).collect(Collectors.toSet());
    }
}
