package dev.streamwarden.launcher.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Kinesis records built from the fixtures' events in the shapes the job reads — one event, NDJSON, text lines,
 * CloudTrail {@code Records[]}, gzip'd CloudWatch Logs payloads, files with a header line — a share of them mutated
 * ({@link Mutation}). Record {@code i} depends only on the seed and {@code i}, so a generator on every subtask and a
 * checker afterwards agree on every record without sharing anything.
 */
public final class FuzzRecords implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String SOURCE = "fuzz";
    /** Arrival times start here, after every fixture's event time: the events' own times are plausible. */
    static final long FIRST_ARRIVAL = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MIB = 1 << 20;
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern SYSLOG_TIME = Pattern.compile("[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d");
    private static final Pattern EPOCH = Pattern.compile("\\b1\\d{9}(\\d{3})?\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(\\.\\d+)?(?![\\w.])");
    private static final Pattern STRING_VALUE = Pattern.compile(":\\s*\"");
    private static final String[] IMPOSSIBLE = {
        "2017-09-31T22:23:07",
        "2025-02-30T10:00:00",
        "2026-11-28T25:61:61",
        "0000-00-00T00:00:00",
        "0000-01-01T00:00:00",
        "9999999-01-01T00:00:00",
        "2026-13-01T00:00:00"
    };

    enum Shape {
        SINGLE,
        NDJSON,
        TEXT_LINES,
        RECORDS,
        CLOUDWATCH,
        HEADER_FILE
    }

    private final FuzzCorpus corpus;
    private final long seed;
    private final double mutatedShare;
    private final List<FuzzCorpus.Sample> json = new ArrayList<>();
    private final List<FuzzCorpus.Sample> text = new ArrayList<>();

    /** {@code mutatedShare}: the fraction of records that are mutated (0 to 1). */
    public FuzzRecords(FuzzCorpus corpus, long seed, double mutatedShare) {
        this.corpus = corpus;
        this.seed = seed;
        this.mutatedShare = mutatedShare;
        corpus.standalone.forEach(s -> (s.json ? json : text).add(s));
    }

    /** The samples the records are made of. */
    public FuzzCorpus corpus() {
        return corpus;
    }

    public static String sequenceNumber(long index) {
        return String.format("49%028d", index);
    }

    public FuzzRecord record(long index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        Shape shape = Shape.values()[random.nextInt(Shape.values().length)];
        List<FuzzCorpus.Sample> samples = samples(shape, random);
        List<Mutation> mutations = random.nextDouble() < mutatedShare ? mutations(shape, random) : List.of();
        List<String> texts = new ArrayList<>();
        samples.forEach(s -> texts.add(s.text));
        for (Mutation m : mutations) {
            if (m.onEvent()) {
                int which = random.nextInt(texts.size());
                texts.set(which, mutate(m, texts.get(which), samples.get(which).json, random));
            }
        }
        long arrival = FIRST_ARRIVAL + index * 10;
        byte[] data = utf8(
                assemble(shape, samples, texts, mutations.contains(Mutation.CLOUDWATCH_ENVELOPE), arrival, random));
        if (mutations.contains(Mutation.INVALID_UTF8)) {
            data = insert(
                    data,
                    random.nextInt(data.length + 1),
                    random.nextBoolean()
                            ? new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}
                            : new byte[] {(byte) 0xff});
        }
        if (shape == Shape.CLOUDWATCH || random.nextInt(5) == 0) {
            data = gzip(data);
        }
        if (mutations.contains(Mutation.BIT_FLIP)) {
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        if (mutations.contains(Mutation.TRUNCATE)) {
            data = java.util.Arrays.copyOf(data, random.nextInt(data.length));
        }
        RawRecord record = new RawRecord(
                SOURCE, "shardId-00000000000" + (index % 4), "pk-" + index, sequenceNumber(index), arrival, data);
        return new FuzzRecord(
                record, mutations, samples.stream().mapToInt(s -> s.events).sum());
    }

    private List<FuzzCorpus.Sample> samples(Shape shape, SplittableRandom random) {
        List<FuzzCorpus.Sample> chosen = new ArrayList<>();
        switch (shape) {
            case SINGLE:
                boolean whole = !corpus.wholeRecords.isEmpty() && random.nextInt(10) == 0;
                chosen.add(pick(whole ? corpus.wholeRecords : corpus.standalone, random));
                break;
            case NDJSON:
                pickSome(json, 2 + random.nextInt(7), random, chosen);
                break;
            case TEXT_LINES:
                pickSome(text, 2 + random.nextInt(7), random, chosen);
                break;
            case RECORDS:
                pickSome(corpus.cloudTrail, 1 + random.nextInt(8), random, chosen);
                break;
            case CLOUDWATCH:
                // One log group carries one log type.
                String logType = pick(corpus.standalone, random).logType;
                List<FuzzCorpus.Sample> ofType = new ArrayList<>();
                corpus.standalone.stream()
                        .filter(s -> s.logType.equals(logType))
                        .forEach(ofType::add);
                pickSome(ofType, 1 + random.nextInt(10), random, chosen);
                break;
            case HEADER_FILE:
                String header = pick(corpus.withHeader, random).header;
                List<FuzzCorpus.Sample> ofFile = new ArrayList<>();
                corpus.withHeader.stream().filter(s -> s.header.equals(header)).forEach(ofFile::add);
                pickSome(ofFile, 1 + random.nextInt(ofFile.size()), random, chosen);
                break;
            default:
                throw new IllegalStateException(shape.name());
        }
        return chosen;
    }

    private static List<Mutation> mutations(Shape shape, SplittableRandom random) {
        EnumSet<Mutation> chosen = EnumSet.noneOf(Mutation.class);
        int count = random.nextInt(20) == 0 ? 3 : random.nextInt(4) == 0 ? 2 : 1;
        while (chosen.size() < count) {
            Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
            // 1 MiB strings are costly to carry a million times over: one in ten times as often as the rest.
            if ((m == Mutation.CLOUDWATCH_ENVELOPE && shape != Shape.CLOUDWATCH)
                    || (m == Mutation.HUGE_STRING && random.nextInt(10) != 0)) {
                continue;
            }
            chosen.add(m);
        }
        return new ArrayList<>(chosen);
    }

    private String mutate(Mutation m, String event, boolean isJson, SplittableRandom random) {
        switch (m) {
            case TYPE_SWAP:
                return isJson && tree(event) instanceof ObjectNode
                        ? swapJsonType(event, random)
                        : swapToken(event, random);
            case IMPOSSIBLE_TIME:
                return impossibleTime(event, random);
            case HUGE_NUMBER:
                return replaceOne(
                        NUMBER,
                        event,
                        random.nextBoolean() ? "9".repeat(400) : random.nextBoolean() ? "1e400" : "-" + "9".repeat(25),
                        random);
            case LONE_SURROGATE:
                return intoString(event, isJson, random.nextBoolean() ? "\\ud800" : "\\udfff", random);
            case NUL_BYTE:
                return intoString(event, isJson, isJson ? "\\u0000" : "\u0000", random);
            case HUGE_STRING:
                // 1 MiB exceeds the default event cap (a too_large dead letter); half a MiB reaches the lake.
                return intoString(event, isJson, "A".repeat(random.nextBoolean() ? MIB : MIB / 2), random);
            case DEEP_NESTING:
                return deepNesting(event, isJson && tree(event) instanceof ObjectNode, random);
            case DUPLICATE_KEY:
                return isJson && tree(event) instanceof ObjectNode
                        ? duplicateKey(event, random)
                        : event + " " + event.substring(0, event.indexOf(' ') + 1);
            case CONCATENATED:
                // Two events without a line between them, as concatenating writers leave JSON ({...}{...}).
                return event + event;
            default:
                throw new IllegalStateException(m.name());
        }
    }

    private static String swapJsonType(String event, SplittableRandom random) {
        JsonNode tree = tree(event);
        List<ObjectNode> parents = new ArrayList<>();
        collectObjects(tree, parents);
        ObjectNode parent = pick(parents, random);
        List<String> names = new ArrayList<>();
        parent.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            return "[]";
        }
        parent.set(pick(names, random), otherValue(random));
        return tree.toString();
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node.isObject()) {
            into.add((ObjectNode) node);
        }
        node.forEach(child -> collectObjects(child, into));
    }

    private static JsonNode otherValue(SplittableRandom random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (random.nextInt(7)) {
            case 0:
                return f.textNode("swapped");
            case 1:
                return f.numberNode(random.nextLong());
            case 2:
                return f.objectNode().put("swapped", true);
            case 3:
                return f.arrayNode().add(1).add("two");
            case 4:
                return f.nullNode();
            case 5:
                return f.booleanNode(random.nextBoolean());
            default:
                return f.numberNode(random.nextDouble() * 1e6);
        }
    }

    private static String swapToken(String line, SplittableRandom random) {
        String[] tokens = line.split(" ", -1);
        int i = random.nextInt(tokens.length);
        String[] others = {"swapped", "12345", "-7", "3.5", "{}", "[]", "null", "-", "\"quoted\"", ""};
        tokens[i] = pick(others, random);
        return String.join(" ", tokens);
    }

    private static String impossibleTime(String event, SplittableRandom random) {
        if (ISO_TIME.matcher(event).find()) {
            return replaceOne(ISO_TIME, event, pick(IMPOSSIBLE, random), random);
        }
        if (SYSLOG_TIME.matcher(event).find()) {
            return replaceOne(SYSLOG_TIME, event, random.nextBoolean() ? "Feb 30 25:61:61" : "Xyz 99 99:99:99", random);
        }
        return replaceOne(EPOCH, event, pick(new String[] {"99999999999999999", "-1", "1e300", "0"}, random), random);
    }

    private static String replaceOne(Pattern pattern, String event, String replacement, SplittableRandom random) {
        Matcher m = pattern.matcher(event);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return event + " " + replacement;
        }
        int[] span = pick(spans, random);
        return event.substring(0, span[0]) + replacement + event.substring(span[1]);
    }

    /** Inserts {@code what} inside a JSON string value (or anywhere in a text line). */
    private static String intoString(String event, boolean isJson, String what, SplittableRandom random) {
        if (!isJson) {
            int at = random.nextInt(event.length() + 1);
            return event.substring(0, at) + what + event.substring(at);
        }
        Matcher m = STRING_VALUE.matcher(event);
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(m.end());
        }
        int at = starts.isEmpty() ? 1 : pick(starts, random);
        return event.substring(0, at) + what + event.substring(at);
    }

    private static String deepNesting(String event, boolean isJson, SplittableRandom random) {
        boolean arrays = random.nextBoolean();
        String deep =
                arrays ? "[".repeat(5_000) + "]".repeat(5_000) : "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        if (!isJson) {
            return deep + " " + event;
        }
        ObjectNode tree = (ObjectNode) tree(event);
        String key = tree.fieldNames().hasNext() ? tree.fieldNames().next() : "deep";
        tree.put(key, "\u0000DEEP\u0000");
        return tree.toString().replace("\"\\u0000DEEP\\u0000\"", deep);
    }

    private static String duplicateKey(String event, SplittableRandom random) {
        JsonNode tree = tree(event);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        String key = names.isEmpty() ? "k" : pick(names, random);
        int end = event.lastIndexOf('}');
        return event.substring(0, end) + ",\"" + key + "\":" + otherValue(random) + event.substring(end);
    }

    private String assemble(
            Shape shape,
            List<FuzzCorpus.Sample> samples,
            List<String> texts,
            boolean brokenEnvelope,
            long arrival,
            SplittableRandom random) {
        switch (shape) {
            case SINGLE:
            case NDJSON:
            case TEXT_LINES:
                return String.join("\n", texts);
            case HEADER_FILE:
                return samples.get(0).header + "\n" + String.join("\n", texts);
            case RECORDS:
                return "{\"Records\":[" + String.join(",", texts) + "]}";
            case CLOUDWATCH:
                return cloudWatchPayload(samples, texts, brokenEnvelope, arrival, random);
            default:
                throw new IllegalStateException(shape.name());
        }
    }

    private static String cloudWatchPayload(
            List<FuzzCorpus.Sample> samples,
            List<String> texts,
            boolean broken,
            long arrival,
            SplittableRandom random) {
        ObjectNode payload = MAPPER.createObjectNode()
                .put("messageType", "DATA_MESSAGE")
                .put("owner", "123456789012")
                .put("logGroup", "/fuzz/" + samples.get(0).logType)
                .put("logStream", "stream-" + random.nextInt(100));
        payload.putArray("subscriptionFilters").add("fuzz");
        ArrayNode logEvents = payload.putArray("logEvents");
        for (int i = 0; i < texts.size(); i++) {
            logEvents
                    .addObject()
                    .put("id", Long.toString(arrival + i))
                    .put("timestamp", arrival - 1_000 + i)
                    .put("message", texts.get(i));
        }
        if (broken) {
            breakEnvelope(payload, logEvents, random);
        }
        return payload.toString();
    }

    private static void breakEnvelope(ObjectNode payload, ArrayNode logEvents, SplittableRandom random) {
        ObjectNode logEvent = (ObjectNode) logEvents.get(random.nextInt(logEvents.size()));
        switch (random.nextInt(9)) {
            case 0:
                payload.putNull("logEvents");
                break;
            case 1:
                payload.put("logEvents", "not a list");
                break;
            case 2:
                payload.set("logEvents", MAPPER.createObjectNode().set("0", logEvents.get(0)));
                break;
            case 3:
                logEvent.set(
                        "message",
                        MAPPER.createObjectNode()
                                .put("message", logEvent.path("message").asText()));
                break;
            case 4:
                logEvent.put("message", random.nextLong());
                break;
            case 5:
                logEvent.putNull("message");
                break;
            case 6:
                logEvent.put("timestamp", pick(new String[] {"soon", "1e300", "", "-1"}, random));
                break;
            case 7:
                logEvent.put("timestamp", 1e300);
                break;
            default:
                payload.put("messageType", 42);
                break;
        }
    }

    private static <T> T pick(List<T> items, SplittableRandom random) {
        return items.get(random.nextInt(items.size()));
    }

    private static <T> T pick(T[] items, SplittableRandom random) {
        return items[random.nextInt(items.length)];
    }

    private static void pickSome(
            List<FuzzCorpus.Sample> from, int count, SplittableRandom random, List<FuzzCorpus.Sample> into) {
        for (int i = 0; i < count; i++) {
            into.add(pick(from, random));
        }
    }

    /** The event as JSON, or null once an earlier mutation made it something JSON cannot read. */
    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] insert(byte[] data, int at, byte[] what) {
        byte[] out = new byte[data.length + what.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(data, at, out, at + what.length, data.length - at);
        return out;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
