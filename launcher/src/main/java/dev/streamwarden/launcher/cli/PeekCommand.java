package dev.streamwarden.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.config.Durations;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.unpack.Unpacker;
import dev.streamwarden.launcher.local.KinesisReader;
import dev.streamwarden.launcher.local.PollClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@code peek --stream NAME [--region R] [--endpoint URL] [--from latest|trim-horizon|ISO-INSTANT] [--limit N]
 * [--wait DURATION] [--raw]}: what is actually in a stream, read from every shard with the default AWS
 * credentials. Each record is shown as the job sees it (one JSON line per event, see {@link EventPrinter}), or
 * with {@code --raw} as it is stored: shard, sequence number, partition key, arrival time, size, and the data
 * (gunzipped; text, or base64 when it is not UTF-8).
 */
final class PeekCommand {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_DATA_BYTES = 64 * 1024;

    private final PrintStream out;
    private final PollClock clock;

    PeekCommand(PrintStream out) {
        this(out, PollClock.SYSTEM);
    }

    /** Waits for {@code --wait} on {@code clock}: tests pass one they move themselves. */
    PeekCommand(PrintStream out, PollClock clock) {
        this.out = out;
        this.clock = clock;
    }

    int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("stream", "region", "endpoint", "from", "limit", "wait"), Set.of("raw"));
        String stream = args.get("stream", null);
        if (stream == null || !args.positional.isEmpty()) {
            throw new Args.UsageException("peek needs --stream NAME and no other arguments");
        }
        String from = args.get("from", "latest");
        ShardIteratorType position;
        Instant timestamp = null;
        if (from.equalsIgnoreCase("latest") || from.equalsIgnoreCase("trim-horizon")) {
            position = ShardIteratorType.valueOf(from.toUpperCase(Locale.ROOT).replace('-', '_'));
        } else {
            position = ShardIteratorType.AT_TIMESTAMP;
            try {
                timestamp = Instant.parse(from);
            } catch (DateTimeParseException e) {
                throw new Args.UsageException("--from is latest, trim-horizon or an ISO-8601 instant, not " + from);
            }
        }
        int limit;
        try {
            limit = Integer.parseInt(args.get("limit", "10"));
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit <= 0) {
            throw new Args.UsageException("--limit is a positive number of records");
        }
        Duration wait = Durations.parse("--wait", args.get("wait", "10s"));
        boolean raw = args.options.containsKey("raw");

        EventPrinter events = new EventPrinter(out);
        int read;
        try (KinesisClient client = KinesisClients.of(args)) {
            read = new KinesisReader(client, clock).read(stream, position, timestamp, limit, wait, record -> {
                if (raw) {
                    out.println(rawLine(record));
                } else {
                    events.print(record);
                }
            });
        }
        System.err.println(read + " record(s) from " + stream + (raw ? "" : "; " + events.summary()));
        return 0;
    }

    static String rawLine(RawRecord record) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("origin", record.envelope.origin);
        line.put("sequence_number", record.envelope.sequenceNumber);
        line.put("partition_key", record.partitionKey);
        line.put(
                "arrival_time",
                Instant.ofEpochMilli(record.envelope.arrivalTime).toString());
        line.put("bytes", record.data.length);
        byte[] data = record.data;
        boolean gzip = Unpacker.isGzip(data);
        line.put("gzip", gzip);
        if (gzip) {
            data = gunzipPrefix(data, line);
        }
        boolean cut = data.length > MAX_DATA_BYTES;
        byte[] shown = cut ? Arrays.copyOf(data, MAX_DATA_BYTES) : data;
        try {
            line.put(
                    "data",
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(shown))
                            .toString());
        } catch (CharacterCodingException notText) {
            line.put("data_base64", Base64.getEncoder().encodeToString(shown));
        }
        if (cut) {
            line.put("data_truncated_at", MAX_DATA_BYTES);
        }
        return line.toString();
    }

    /** Enough of the decompressed data to show (a gzip bomb is not inflated further); errors are reported. */
    private static byte[] gunzipPrefix(byte[] data, ObjectNode line) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readNBytes(MAX_DATA_BYTES + 1);
        } catch (IOException e) {
            line.put("gzip_error", String.valueOf(e.getMessage()));
            return data;
        }
    }
}
