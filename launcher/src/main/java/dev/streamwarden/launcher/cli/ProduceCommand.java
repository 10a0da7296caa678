package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.config.Durations;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.source.KinesisDumpReader;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.SampleData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code produce --stream S [--endpoint URL] [--region R] FILE...} or {@code --sample KIND [--rate N] [--duration
 * D]}: writes records to a stream as a well-behaved producer does (KinesisWriter: PutRecords within the limits,
 * random partition keys, only failed entries sent again, backoff with jitter, batch size adapted on throttling) and
 * prints how many records each shard got. A FILE is a get-records dump (its records) or one raw record (a
 * CloudWatch Logs payload, a CloudTrail file), as replay reads them.
 */
final class ProduceCommand {
    /** Attempts per batch: about four minutes of a stream refusing everything before produce gives up, loudly. */
    private static final int MAX_ATTEMPTS = 50;
    /** Samples are sent in calls this far apart, each with what the rate made due meanwhile. */
    private static final long SEND_EVERY_MILLIS = 200;

    private final PrintStream out;

    ProduceCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("stream", "endpoint", "region", "sample", "rate", "duration"));
        String stream = args.get("stream", null);
        if (stream == null) {
            throw new Args.UsageException("produce needs --stream NAME");
        }
        boolean sample = args.options.containsKey("sample");
        if (sample == !args.positional.isEmpty()) {
            throw new Args.UsageException("produce takes FILE... or --sample KIND, one of them");
        }
        for (String name : args.positional) {
            if (!Files.isRegularFile(Path.of(name))) {
                throw new Args.UsageException(name + " not found");
            }
        }
        try (KinesisClient client = KinesisClients.of(args)) {
            KinesisWriter writer = new KinesisWriter(client, MAX_ATTEMPTS, 100);
            long wanted;
            try {
                wanted = sample ? produceSamples(writer, stream, args) : produceFiles(writer, stream, args.positional);
            } catch (RuntimeException e) {
                // Throttled past the attempts, or Kinesis refused (5xx after the SDK's retries, no such stream...):
                // say how far it got, so a rerun can start from there instead of writing duplicates.
                out.println("Wrote " + writer.written() + " records; the rest were not written: " + e.getMessage());
                return 1;
            }
            out.printf(
                    Locale.ROOT,
                    "Wrote %d of %d records to %s in %d PutRecords calls (%d entries sent again after throttling)%n",
                    writer.written(),
                    wanted,
                    stream,
                    writer.calls(),
                    writer.throttledEntries());
            for (Map.Entry<String, Long> shard : writer.writtenPerShard().entrySet()) {
                out.printf(Locale.ROOT, "  %s  %d%n", shard.getKey(), shard.getValue());
            }
            return writer.written() == wanted ? 0 : 1;
        }
    }

    private static long produceFiles(KinesisWriter writer, String stream, List<String> files)
            throws IOException, InterruptedException {
        List<byte[]> records = new ArrayList<>();
        for (String name : files) {
            records.addAll(records(Path.of(name)));
        }
        writer.putAll(stream, records);
        return records.size();
    }

    /** A dump's records, or the whole file as one record. */
    private static List<byte[]> records(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<RawRecord> dump =
                KinesisDumpReader.readAllIfDump(bytes, new org.apache.flink.core.fs.Path(file.toUri()), "produce");
        if (dump == null) {
            return List.of(bytes);
        }
        List<byte[]> records = new ArrayList<>();
        dump.forEach(record -> records.add(record.data));
        return records;
    }

    /** Sample records (the demo's generator) at about {@code --rate} records a second for {@code --duration}. */
    private long produceSamples(KinesisWriter writer, String stream, Args args) throws InterruptedException {
        SampleData.Kind kind;
        try {
            kind = SampleData.Kind.valueOf(
                    args.get("sample", "").toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--sample is one of mixed, vpc-flow, cloudtrail");
        }
        double rate = Args.positive(args.get("rate", "100"), "--rate");
        Duration duration = Durations.parse("--duration", args.get("duration", "10s"));
        long start = System.nanoTime();
        long sent = 0;
        long seed = 1;
        List<byte[]> generated = new ArrayList<>();
        while (System.nanoTime() - start < duration.toNanos()) {
            // What is due by now goes in one call or a few (5 a second at most), not one call per record.
            long due = (long) Math.ceil(rate * (System.nanoTime() - start) / 1e9) - sent;
            while (generated.size() < due) {
                generated.addAll(SampleData.generate(kind, Instant.now(), seed++).records);
            }
            if (due > 0) {
                List<byte[]> batch = generated.subList(0, (int) due);
                writer.putAll(stream, batch);
                sent += due;
                batch.clear();
            }
            Thread.sleep(SEND_EVERY_MILLIS);
        }
        return sent;
    }
}
