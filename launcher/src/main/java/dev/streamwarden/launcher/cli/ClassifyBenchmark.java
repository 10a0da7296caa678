package dev.streamwarden.launcher.cli;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ParseResult;
import dev.streamwarden.job.classify.schema.ClasspathFiles;
import dev.streamwarden.job.detect.RuleDispatcher;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.model.RuleInput;
import dev.streamwarden.job.unpack.UnpackLimits;
import dev.streamwarden.job.unpack.UnpackOutput;
import dev.streamwarden.job.unpack.Unpacker;
import dev.streamwarden.launcher.local.SampleData;
import dev.streamwarden.rules.RuleCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * {@code bench-classify [--seconds N]}: single-thread throughput of unpack + classify + normalize, the per-event
 * work of the pipeline before rules and sinks, on three workloads; and of the rules stage (every rule offered
 * every already classified event of the mixed workload). Prints a table; numbers are per core.
 */
final class ClassifyBenchmark {
    private static final String ACCOUNT = "123456789012";

    int run(List<String> argv) throws IOException {
        Args args = Args.parse(argv, Set.of("seconds"));
        double seconds = Double.parseDouble(args.get("seconds", "5"));
        Classifier classifier = Classifier.standard();
        Unpacker unpacker = new Unpacker(new UnpackLimits(64 << 20, 256 << 20, 1 << 20));
        List<String[]> rows = new ArrayList<>();
        rows.add(measure("vpc_flow: gzip'd CWL payloads, 1000 lines", flowPayloads(), unpacker, classifier, seconds));
        rows.add(measure("cloudtrail: Records[] batches of 100", trailBatches(), unpacker, classifier, seconds));
        rows.add(measure(
                "mixed: every fixture (" + classifier.registry().byLogType().size() + " log types)",
                fixtures(),
                unpacker,
                classifier,
                seconds));
        rows.add(measureRules(classified(fixtures(), unpacker, classifier), seconds));
        System.out.printf("%-45s %12s %12s %10s%n", "workload", "events/s", "MB/s in", "misses");
        for (String[] row : rows) {
            System.out.printf("%-45s %12s %12s %10s%n", (Object[]) row);
        }
        return 0;
    }

    private static String[] measure(
            String name, List<byte[]> records, Unpacker unpacker, Classifier classifier, double seconds) {
        long[] counts = new long[2];
        UnpackOutput out = new UnpackOutput() {
            @Override
            public void event(RawEvent raw) {
                ParseResult result = classifier.classify(raw);
                counts[result.matched() ? 0 : 1] +=
                        result.matched() ? result.events().size() : 1;
            }

            @Override
            public void deadLetter(DeadLetter.Cause cause, String reason, byte[] data) {
                counts[1]++;
            }

            @Override
            public void controlMessage() {}
        };
        // Warm up (JIT), then measure for the given time.
        long warmEnd = System.nanoTime() + (long) (seconds * 0.3e9);
        while (System.nanoTime() < warmEnd) {
            records.forEach(r -> unpacker.unpack(new RawRecord("bench", "b", null, "1", 0L, r), out));
        }
        counts[0] = 0;
        counts[1] = 0;
        long bytes = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (byte[] r : records) {
                unpacker.unpack(new RawRecord("bench", "b", null, "1", 0L, r), out);
                bytes += r.length;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new String[] {
            name,
            String.format("%,.0f", counts[0] / elapsed),
            String.format("%.1f", bytes / elapsed / 1e6),
            Long.toString(counts[1])
        };
    }

    /** The rules stage alone: dispatch by log type and evaluation of every rule, on classified events. */
    private static String[] measureRules(List<Event> events, double seconds) {
        List<Rule> rules = RuleCatalog.all();
        RuleDispatcher dispatcher = new RuleDispatcher(rules);
        long[] outputs = new long[2];
        RuleDispatcher.Results results = new RuleDispatcher.Results() {
            @Override
            public void alert(MatchRule rule, Alert alert) {
                outputs[0]++;
            }

            @Override
            public void counted(RuleInput input) {
                outputs[0]++;
            }

            @Override
            public void sequenced(RuleInput input) {
                outputs[0]++;
            }

            @Override
            public void failed(Rule rule, Throwable error) {
                outputs[1]++;
            }
        };
        long warmEnd = System.nanoTime() + (long) (seconds * 0.3e9);
        while (System.nanoTime() < warmEnd) {
            events.forEach(e -> dispatcher.dispatch(e, results));
        }
        outputs[1] = 0;
        long count = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (Event e : events) {
                dispatcher.dispatch(e, results);
                count++;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new String[] {
            "rules: all " + rules.size() + " rules, mixed classified events",
            String.format("%,.0f", count / elapsed),
            "-",
            Long.toString(outputs[1])
        };
    }

    private static List<Event> classified(List<byte[]> records, Unpacker unpacker, Classifier classifier) {
        List<Event> events = new ArrayList<>();
        for (byte[] r : records) {
            unpacker.unpack(new RawRecord("bench", "b", null, "1", 0L, r), new UnpackOutput() {
                @Override
                public void event(RawEvent raw) {
                    events.addAll(classifier.classify(raw).events());
                }

                @Override
                public void deadLetter(DeadLetter.Cause cause, String reason, byte[] data) {}

                @Override
                public void controlMessage() {}
            });
        }
        return events;
    }

    private static List<byte[]> flowPayloads() {
        Random random = new Random(1);
        List<byte[]> payloads = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                long start = 1764324000L + i;
                String line = "2 " + ACCOUNT + " eni-0a1b2c3d4e5f6a7b8 10.0." + random.nextInt(4) + "."
                        + (1 + random.nextInt(250)) + " 10.1.0." + (1 + random.nextInt(250)) + " "
                        + (1024 + random.nextInt(60000)) + " " + (random.nextBoolean() ? 443 : 22) + " 6 "
                        + (1 + random.nextInt(50)) + " " + (40 + random.nextInt(9000)) + " " + start + " "
                        + (start + 60) + " " + (random.nextInt(10) == 0 ? "REJECT" : "ACCEPT") + " OK";
                events.append(events.length() == 0 ? "" : ",")
                        .append("{\"id\":\"")
                        .append(i)
                        .append("\",\"timestamp\":")
                        .append(start * 1000)
                        .append(",\"message\":\"")
                        .append(line)
                        .append("\"}");
            }
            String payload = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"" + ACCOUNT + "\",\"logGroup\":\"flows\","
                    + "\"logStream\":\"eni\",\"subscriptionFilters\":[\"f\"],\"logEvents\":[" + events + "]}";
            payloads.add(SampleData.gzip(payload.getBytes(StandardCharsets.UTF_8)));
        }
        return payloads;
    }

    private static List<byte[]> trailBatches() throws IOException {
        String[] templates = {
            "cloudtrail-root-console-login.json",
            "cloudtrail-sg-ingress-anywhere.json",
            "cloudtrail-describe-instances.json",
            "cloudtrail-root-by-service.json"
        };
        List<String> events = new ArrayList<>();
        for (String template : templates) {
            events.add(read("samples/" + template).replace("${time}", "2026-11-28T10:00:00Z"));
        }
        List<byte[]> batches = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            StringBuilder batch = new StringBuilder("{\"Records\":[");
            for (int i = 0; i < 100; i++) {
                batch.append(i == 0 ? "" : ",").append(events.get((b + i) % events.size()));
            }
            batches.add(batch.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return batches;
    }

    private static List<byte[]> fixtures() throws IOException {
        List<byte[]> records = new ArrayList<>();
        for (String dir : ClasspathFiles.list("fixtures", "")) {
            for (String file : ClasspathFiles.list(dir, "")) {
                if (!file.endsWith(".expect.json")) {
                    records.add(read(file).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return records;
    }

    private static String read(String resource) throws IOException {
        return new String(ClasspathFiles.read(resource), StandardCharsets.UTF_8).strip();
    }
}
