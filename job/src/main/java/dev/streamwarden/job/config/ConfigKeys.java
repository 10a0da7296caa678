package dev.streamwarden.job.config;

import dev.streamwarden.job.config.StreamwardenConfig.InitialPosition;
import dev.streamwarden.job.config.StreamwardenConfig.SourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every configuration key, defined once: name, type, default, meaning, whether it is a secret, old name. The
 * unknown-key check, the reader, its error messages and secret resolution take them from here, and the README's
 * configuration table is {@link #markdownTable()} (ConfigKeysTest fails when they differ and when a key is defined
 * but never read).
 */
public final class ConfigKeys {
    private ConfigKeys() {}

    public static final ConfigKey<SourceType> SOURCE_TYPE = ConfigKey.of(
            "source",
            "type",
            ValueType.enumeration(SourceType.class, true),
            SourceType.KINESIS,
            "`kinesis` or `replay`");
    public static final ConfigKey<String> SOURCE_NAME = ConfigKey.of(
                    "source",
                    "name",
                    ValueType.STRING,
                    null,
                    "logical source name carried by every event, from Kinesis or replay: picks the log types it is classified against (`sources.yaml`), is part of every stateful key, and names the `records_<source>` counter")
            .describedDefault("stream name / `replay`");
    public static final ConfigKey<String> KINESIS_STREAM = ConfigKey.of(
                    "kinesis", "stream", ValueType.STRING, null, "stream to read")
            .describedDefault("— (required for kinesis)");
    public static final ConfigKey<String> KINESIS_REGION =
            ConfigKey.of("kinesis", "region", ValueType.STRING, "us-east-1", "AWS region");
    public static final ConfigKey<String> KINESIS_ENDPOINT =
            ConfigKey.of("kinesis", "endpoint", ValueType.STRING, null, "endpoint override (emulators, VPC endpoints)");
    public static final ConfigKey<InitialPosition> KINESIS_INITIAL_POSITION = ConfigKey.of(
            "kinesis",
            "initial-position",
            ValueType.enumeration(InitialPosition.class, false),
            InitialPosition.LATEST,
            "`LATEST`, `TRIM_HORIZON` or `AT_TIMESTAMP`");
    public static final ConfigKey<Instant> KINESIS_INITIAL_TIMESTAMP = ConfigKey.of(
            "kinesis", "initial-timestamp", ValueType.INSTANT, null, "ISO-8601 instant, required with `AT_TIMESTAMP`");
    public static final ConfigKey<Integer> KINESIS_SOURCE_PARALLELISM = ConfigKey.of(
            "kinesis",
            "source-parallelism",
            ValueType.POSITIVE_INT,
            1,
            "source readers; set it to the shard count (one reader per shard is all Kinesis allows)");
    /** Passed through verbatim to FlinkKinesisConsumer (e.g. aws.credentials.provider). */
    static final ConfigKey<String> KINESIS_CONSUMER_PROPERTIES = ConfigKey.family(
            "kinesis.consumer",
            "—",
            "passed verbatim to `FlinkKinesisConsumer`, e.g. `aws.credentials.provider`, `flink.stream.recordpublisher=EFO`, `flink.shard.getrecords.intervalmillis`",
            false);

    public static final ConfigKey<List<String>> REPLAY_FILES = ConfigKey.of(
                    "replay",
                    "files",
                    ValueType.LIST,
                    List.of(),
                    "comma-separated files to replay (`source.type=replay`)")
            .describedDefault("—");
    public static final ConfigKey<Integer> PROCESSING_PARALLELISM = ConfigKey.of(
                    "processing",
                    "parallelism",
                    ValueType.POSITIVE_INT,
                    null,
                    "parallelism of unpack, classify, rules and sinks, independent of shards")
            .describedDefault("environment default");
    public static final ConfigKey<Long> PROCESSING_MAX_RECORD_BYTES = ConfigKey.of(
            "processing", "max-record-bytes", ValueType.POSITIVE_LONG, 10L << 20, "larger records are dead-lettered");
    public static final ConfigKey<Long> PROCESSING_MAX_DECOMPRESSED_BYTES = ConfigKey.of(
            "processing",
            "max-decompressed-bytes",
            ValueType.POSITIVE_LONG,
            64L << 20,
            "gzip output cap (gzip bombs are dead-lettered)");
    public static final ConfigKey<Integer> PROCESSING_MAX_EVENT_BYTES = ConfigKey.of(
            "processing", "max-event-bytes", ValueType.POSITIVE_INT, 1 << 20, "larger single events are dead-lettered");
    public static final ConfigKey<Duration> PROCESSING_MAX_OUT_OF_ORDERNESS = ConfigKey.of(
            "processing",
            "max-out-of-orderness",
            ValueType.DURATION,
            Duration.ofMinutes(5),
            "watermark delay behind the newest event time");
    public static final ConfigKey<Duration> PROCESSING_IDLE_TIMEOUT = ConfigKey.of(
            "processing",
            "idle-timeout",
            ValueType.DURATION,
            Duration.ofMinutes(1),
            "a subtask without events stops holding back the watermark");
    public static final ConfigKey<Duration> PROCESSING_BUFFER_TIMEOUT = ConfigKey.of(
            "processing",
            "buffer-timeout",
            ValueType.DURATION,
            Duration.ofMillis(5),
            "longest a network buffer waits to fill before it is sent on (Flink's default, 100 ms, is paid at every hop"
                    + " of a sparse stream such as alerts)");
    public static final ConfigKey<Duration> PROCESSING_STATE_TTL = ConfigKey.of(
            "processing",
            "state-ttl",
            ValueType.DURATION,
            Duration.ofHours(2),
            "backstop TTL of stateful-rule state (must exceed window + out-of-orderness)");
    public static final ConfigKey<String> OUTPUT_LAKE = ConfigKey.of(
                    "output", "lake", ValueType.STRING, null, "Parquet lake root, e.g. `s3://bucket/lake`")
            .describedDefault("— (required)");
    public static final ConfigKey<String> OUTPUT_ALERTS = ConfigKey.of(
                    "output",
                    "alerts",
                    ValueType.STRING,
                    null,
                    "alert archive root (JSON lines, `dt=/hour=` partitions)")
            .describedDefault("— (required)");
    public static final ConfigKey<String> OUTPUT_DEAD_LETTER = ConfigKey.of(
                    "output", "dead-letter", ValueType.STRING, null, "dead-letter root (JSON lines)")
            .describedDefault("— (required)");
    public static final ConfigKey<String> OUTPUT_FAILED_ALERTS = ConfigKey.of(
                    "output",
                    "failed-alerts",
                    ValueType.STRING,
                    null,
                    "alerts whose delivery finally failed, with the error")
            .describedDefault("— (required with Slack)");
    public static final ConfigKey<Boolean> OUTPUT_PRINT_ALERTS = ConfigKey.of(
            "output",
            "print-alerts",
            ValueType.BOOLEAN,
            false,
            "also print alerts to stdout (`true` or `false`, any case; anything else fails at start-up)");
    public static final ConfigKey<String> OUTPUT_DELIVERY_LEDGER = ConfigKey.of(
                    "output",
                    "delivery-ledger",
                    ValueType.STRING,
                    null,
                    "where each Slack/webhook output records the ids it delivered (one empty object per alert under `OUTPUT/dt=YYYY-MM-DD/`; today's and yesterday's are read, older days removed at start-up), so alerts sent after the last checkpoint are not sent again after a restore")
            .describedDefault("`<output.alerts>/_delivered`");
    public static final ConfigKey<Duration> OUTPUT_DEDUP_HORIZON = ConfigKey.of(
            "output",
            "dedup-horizon",
            ValueType.DURATION,
            Duration.ofHours(24),
            "an alert id is sent once within this span (processing time, survives restarts); one small state entry per alert id");
    public static final ConfigKey<String> SLACK_WEBHOOK_URL = ConfigKey.of(
                    "slack",
                    "webhook-url",
                    ValueType.STRING,
                    null,
                    "the default incoming webhook (secret): serves every `slack:*` output without a webhook of its own")
            .describedDefault("env `STREAMWARDEN_SLACK_WEBHOOK_URL`")
            .secret();
    static final ConfigKey<String> SLACK_BOT_TOKENS = ConfigKey.family(
            "slack.bot-tokens",
            "env `STREAMWARDEN_SLACK_BOT_TOKEN_NAME`",
            "the bot token (secret) that serves `slack:NAME` through the Web API `chat.postMessage` instead of a webhook",
            true);
    static final ConfigKey<String> SLACK_BOT_CHANNELS = ConfigKey.family(
            "slack.bot-channels",
            "—",
            "the channel `slack:NAME` posts to with its bot token (required with `slack.bot-tokens.NAME`)",
            false);
    public static final ConfigKey<String> SLACK_API_URL = ConfigKey.of(
            "slack",
            "api-url",
            ValueType.STRING,
            "https://slack.com/api/chat.postMessage",
            "the Web API endpoint (proxies, tests)");
    static final ConfigKey<String> WEBHOOK_OUTPUTS = ConfigKey.family(
            "webhook.outputs",
            "env `STREAMWARDEN_WEBHOOK_URL_NAME`",
            "URL of a generic HTTPS webhook output `webhook:NAME` (secret): the alert as archived (JSON) is POSTed",
            true);
    static final ConfigKey<String> WEBHOOK_HMAC_KEYS = ConfigKey.family(
            "webhook.hmac-keys",
            "env `STREAMWARDEN_WEBHOOK_HMAC_KEY_NAME`",
            "signing key of `webhook:NAME` (secret): adds `X-Streamwarden-Timestamp: <unix seconds>` and `X-Streamwarden-Signature: sha256=<hex HMAC-SHA256 of \"TIMESTAMP.BODY\">`, signed anew for each attempt; a receiver recomputes it and rejects timestamps more than a few minutes old (replays)",
            true);
    static final ConfigKey<String> SLACK_OUTPUTS = ConfigKey.family(
            "slack.outputs",
            "env `STREAMWARDEN_SLACK_WEBHOOK_URL_NAME`",
            "the webhook of output `slack:NAME` (secret). A rule output (static or declared dynamic) with no webhook fails at start-up when Slack is configured; without any webhook (local runs) alerts are archived and printed only",
            true);
    public static final ConfigKey<Integer> DELIVERY_MAX_ATTEMPTS = ConfigKey.of(
                    "delivery",
                    "max-attempts",
                    ValueType.POSITIVE_INT,
                    50,
                    "attempts per alert and output, Slack and `webhook:*` alike (5xx, timeouts, connection errors, 429); this and the five keys below were `slack.*` keys, and the old names (`slack.max-attempts`...) are still read (setting both is an error)")
            .oldName("slack.max-attempts");
    public static final ConfigKey<Duration> DELIVERY_DEADLINE = ConfigKey.of(
                    "delivery",
                    "deadline",
                    ValueType.DURATION,
                    Duration.ofMinutes(15),
                    "no retry starts later than this after an alert's first attempt (whichever of attempts and deadline ends first); then the alert goes to `output.failed-alerts`")
            .oldName("slack.deadline");
    public static final ConfigKey<Integer> DELIVERY_QUEUE_CAPACITY = ConfigKey.of(
                    "delivery",
                    "queue-capacity",
                    ValueType.POSITIVE_INT,
                    1000,
                    "alerts each output holds while they wait for the rate limit or a retry (checkpointed); when full, the job slows down (backpressure) rather than drop one")
            .oldName("slack.queue-capacity");
    public static final ConfigKey<Duration> DELIVERY_INITIAL_BACKOFF = ConfigKey.of(
                    "delivery",
                    "initial-backoff",
                    ValueType.DURATION,
                    Duration.ofMillis(500),
                    "first retry delay ceiling (exponential, full jitter)")
            .oldName("slack.initial-backoff");
    public static final ConfigKey<Duration> DELIVERY_MAX_BACKOFF = ConfigKey.of(
                    "delivery", "max-backoff", ValueType.DURATION, Duration.ofSeconds(30), "retry delay ceiling")
            .oldName("slack.max-backoff");
    public static final ConfigKey<Duration> DELIVERY_REQUEST_TIMEOUT = ConfigKey.of(
                    "delivery", "request-timeout", ValueType.DURATION, Duration.ofSeconds(10), "per request")
            .oldName("slack.request-timeout");
    public static final ConfigKey<Double> SLACK_MESSAGES_PER_SECOND = ConfigKey.of(
            "slack",
            "messages-per-second",
            ValueType.POSITIVE_NUMBER,
            1.0,
            "sends per second to the webhook (one sender for the webhook; excess alerts queue, never dropped; a 429's Retry-After pauses all sends)");
    public static final ConfigKey<Integer> SLACK_BURST =
            ConfigKey.of("slack", "burst", ValueType.POSITIVE_INT, 3, "sends allowed at once after a quiet spell");
    public static final ConfigKey<String> SECRETS_ENDPOINT = ConfigKey.of(
                    "secrets",
                    "endpoint",
                    ValueType.STRING,
                    null,
                    "Secrets Manager endpoint override (VPC endpoint, tests)")
            .describedDefault("the ARN's region");
    public static final ConfigKey<List<String>> RULES_PROMOTED = ConfigKey.of(
                    "rules",
                    "promoted",
                    ValueType.LIST,
                    List.of(),
                    "comma-separated staged rules promoted to their real outputs (staged rules otherwise send only to `staging`)")
            .describedDefault("—");
    public static final ConfigKey<List<String>> RULES_DISABLED = ConfigKey.of(
                    "rules",
                    "disabled",
                    ValueType.LIST,
                    List.of(),
                    "comma-separated rules switched off; an unknown name fails at start-up")
            .describedDefault("—");

    /** In the README's order. */
    public static final List<ConfigKey<?>> ALL = List.of(
            SOURCE_TYPE,
            SOURCE_NAME,
            KINESIS_STREAM,
            KINESIS_REGION,
            KINESIS_ENDPOINT,
            KINESIS_INITIAL_POSITION,
            KINESIS_INITIAL_TIMESTAMP,
            KINESIS_SOURCE_PARALLELISM,
            KINESIS_CONSUMER_PROPERTIES,
            REPLAY_FILES,
            PROCESSING_PARALLELISM,
            PROCESSING_MAX_RECORD_BYTES,
            PROCESSING_MAX_DECOMPRESSED_BYTES,
            PROCESSING_MAX_EVENT_BYTES,
            PROCESSING_MAX_OUT_OF_ORDERNESS,
            PROCESSING_IDLE_TIMEOUT,
            PROCESSING_BUFFER_TIMEOUT,
            PROCESSING_STATE_TTL,
            OUTPUT_LAKE,
            OUTPUT_ALERTS,
            OUTPUT_DEAD_LETTER,
            OUTPUT_FAILED_ALERTS,
            OUTPUT_PRINT_ALERTS,
            OUTPUT_DELIVERY_LEDGER,
            OUTPUT_DEDUP_HORIZON,
            SLACK_WEBHOOK_URL,
            SLACK_BOT_TOKENS,
            SLACK_BOT_CHANNELS,
            SLACK_API_URL,
            WEBHOOK_OUTPUTS,
            WEBHOOK_HMAC_KEYS,
            SLACK_OUTPUTS,
            DELIVERY_MAX_ATTEMPTS,
            DELIVERY_DEADLINE,
            DELIVERY_QUEUE_CAPACITY,
            DELIVERY_INITIAL_BACKOFF,
            DELIVERY_MAX_BACKOFF,
            DELIVERY_REQUEST_TIMEOUT,
            SLACK_MESSAGES_PER_SECOND,
            SLACK_BURST,
            SECRETS_ENDPOINT,
            RULES_PROMOTED,
            RULES_DISABLED);

    /** The keys each group may hold (old names included), for the unknown-key check; families are not here. */
    static Map<String, Set<String>> byGroup() {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (ConfigKey<?> key : ALL) {
            if (!key.isFamily()) {
                groups.computeIfAbsent(key.group, g -> new TreeSet<>()).add(key.name);
                if (key.oldName != null) {
                    int dot = key.oldName.indexOf('.');
                    groups.computeIfAbsent(key.oldName.substring(0, dot), g -> new TreeSet<>())
                            .add(key.oldName.substring(dot + 1));
                }
            }
        }
        return groups;
    }

    /** The families of keys the user names, by group. */
    static Map<String, ConfigKey<?>> families() {
        Map<String, ConfigKey<?>> families = new TreeMap<>();
        for (ConfigKey<?> key : ALL) {
            if (key.isFamily()) {
                families.put(key.group, key);
            }
        }
        return families;
    }

    /** The README's configuration table. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| Key | Default | Meaning |\n|---|---|---|\n");
        for (ConfigKey<?> key : ALL) {
            table.append("| ")
                    .append(key.shownKey)
                    .append(" | ")
                    .append(key.shownDefault())
                    .append(" | ")
                    .append(key.meaning)
                    .append(" |\n");
        }
        return table.toString();
    }
}
