package dev.streamwarden.job.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every configuration key, defined once: name, default as documented, meaning (which says when a value is a
 * secret), old name. The unknown-key check and the reader take the names from here, and the README's configuration
 * table is {@link #markdownTable()} (ConfigKeysTest fails when they differ, when a documented default is not the real
 * one, and when a key is defined but never read).
 */
public final class ConfigKeys {
    private ConfigKeys() {}

    public static final ConfigKey SOURCE_TYPE = plain("source", "type", "`kinesis`", "`kinesis` or `replay`");
    public static final ConfigKey SOURCE_NAME = plain(
            "source",
            "name",
            "stream name / `replay`",
            "logical source name carried by every event, from Kinesis or replay: picks the log types it is classified against (`sources.yaml`), is part of every stateful key, and names the `records_<source>` counter");
    public static final ConfigKey KINESIS_STREAM =
            plain("kinesis", "stream", "— (required for kinesis)", "stream to read");
    public static final ConfigKey KINESIS_REGION = plain("kinesis", "region", "`us-east-1`", "AWS region");
    public static final ConfigKey KINESIS_ENDPOINT =
            plain("kinesis", "endpoint", "—", "endpoint override (emulators, VPC endpoints)");
    public static final ConfigKey KINESIS_INITIAL_POSITION =
            plain("kinesis", "initial-position", "`LATEST`", "`LATEST`, `TRIM_HORIZON` or `AT_TIMESTAMP`");
    public static final ConfigKey KINESIS_INITIAL_TIMESTAMP =
            plain("kinesis", "initial-timestamp", "—", "ISO-8601 instant, required with `AT_TIMESTAMP`");
    public static final ConfigKey KINESIS_SOURCE_PARALLELISM = plain(
            "kinesis",
            "source-parallelism",
            "`1`",
            "source readers; set it to the shard count (one reader per shard is all Kinesis allows)");
    private static final ConfigKey KINESIS_CONSUMER_PROPERTIES = pattern(
            "`kinesis.consumer.*` (group `kinesis.consumer`)",
            "—",
            "passed verbatim to `FlinkKinesisConsumer`, e.g. `aws.credentials.provider`, `flink.stream.recordpublisher=EFO`, `flink.shard.getrecords.intervalmillis`");
    public static final ConfigKey REPLAY_FILES =
            plain("replay", "files", "—", "comma-separated files to replay (`source.type=replay`)");
    public static final ConfigKey PROCESSING_PARALLELISM = plain(
            "processing",
            "parallelism",
            "environment default",
            "parallelism of unpack, classify, rules and sinks, independent of shards");
    public static final ConfigKey PROCESSING_MAX_RECORD_BYTES =
            plain("processing", "max-record-bytes", "`10485760`", "larger records are dead-lettered");
    public static final ConfigKey PROCESSING_MAX_DECOMPRESSED_BYTES = plain(
            "processing", "max-decompressed-bytes", "`67108864`", "gzip output cap (gzip bombs are dead-lettered)");
    public static final ConfigKey PROCESSING_MAX_EVENT_BYTES =
            plain("processing", "max-event-bytes", "`1048576`", "larger single events are dead-lettered");
    public static final ConfigKey PROCESSING_MAX_OUT_OF_ORDERNESS =
            plain("processing", "max-out-of-orderness", "`5m`", "watermark delay behind the newest event time");
    public static final ConfigKey PROCESSING_IDLE_TIMEOUT =
            plain("processing", "idle-timeout", "`1m`", "a subtask without events stops holding back the watermark");
    public static final ConfigKey PROCESSING_STATE_TTL = plain(
            "processing",
            "state-ttl",
            "`2h`",
            "backstop TTL of stateful-rule state (must exceed window + out-of-orderness)");
    public static final ConfigKey OUTPUT_LAKE =
            plain("output", "lake", "— (required)", "Parquet lake root, e.g. `s3://bucket/lake`");
    public static final ConfigKey OUTPUT_ALERTS =
            plain("output", "alerts", "— (required)", "alert archive root (JSON lines, `dt=/hour=` partitions)");
    public static final ConfigKey OUTPUT_DEAD_LETTER =
            plain("output", "dead-letter", "— (required)", "dead-letter root (JSON lines)");
    public static final ConfigKey OUTPUT_FAILED_ALERTS = plain(
            "output",
            "failed-alerts",
            "— (required with Slack)",
            "alerts whose delivery finally failed, with the error");
    public static final ConfigKey OUTPUT_PRINT_ALERTS = plain(
            "output",
            "print-alerts",
            "`false`",
            "also print alerts to stdout (`true` or `false`, any case; anything else fails at start-up)");
    public static final ConfigKey OUTPUT_DELIVERY_LEDGER = plain(
            "output",
            "delivery-ledger",
            "`<output.alerts>/_delivered`",
            "where each Slack/webhook output records the ids it delivered (one empty object per alert under `OUTPUT/dt=YYYY-MM-DD/`; today's and yesterday's are read, older days removed at start-up), so alerts sent after the last checkpoint are not sent again after a restore");
    public static final ConfigKey OUTPUT_DEDUP_HORIZON = plain(
            "output",
            "dedup-horizon",
            "`24h`",
            "an alert id is sent once within this span (processing time, survives restarts); one small state entry per alert id");
    public static final ConfigKey SLACK_WEBHOOK_URL = plain(
            "slack",
            "webhook-url",
            "env `STREAMWARDEN_SLACK_WEBHOOK_URL`",
            "the default incoming webhook (secret): serves every `slack:*` output without a webhook of its own");
    private static final ConfigKey SLACK_BOTS = pattern(
            "`slack.bot-tokens.NAME`, `slack.bot-channels.NAME` (groups)",
            "token: env `STREAMWARDEN_SLACK_BOT_TOKEN_NAME`",
            "serve `slack:NAME` through the Web API `chat.postMessage` with a bot token (secret) to a channel, instead of a webhook");
    public static final ConfigKey SLACK_API_URL = plain(
            "slack", "api-url", "`https://slack.com/api/chat.postMessage`", "the Web API endpoint (proxies, tests)");
    private static final ConfigKey WEBHOOK_OUTPUTS = pattern(
            "`webhook.outputs.NAME` (group `webhook.outputs`)",
            "env `STREAMWARDEN_WEBHOOK_URL_NAME`",
            "URL of a generic HTTPS webhook output `webhook:NAME` (secret): the alert as archived (JSON) is POSTed");
    private static final ConfigKey WEBHOOK_HMAC_KEYS = pattern(
            "`webhook.hmac-keys.NAME` (group `webhook.hmac-keys`)",
            "env `STREAMWARDEN_WEBHOOK_HMAC_KEY_NAME`",
            "signing key of `webhook:NAME` (secret): adds `X-Streamwarden-Timestamp: <unix seconds>` and `X-Streamwarden-Signature: sha256=<hex HMAC-SHA256 of \"TIMESTAMP.BODY\">`, signed anew for each attempt; a receiver recomputes it and rejects timestamps more than a few minutes old (replays)");
    private static final ConfigKey SLACK_OUTPUTS = pattern(
            "`slack.outputs.NAME` (group `slack.outputs`)",
            "env `STREAMWARDEN_SLACK_WEBHOOK_URL_NAME`",
            "the webhook of output `slack:NAME` (secret). A rule output (static or declared dynamic) with no webhook fails at start-up when Slack is configured; without any webhook (local runs) alerts are archived and printed only");
    public static final ConfigKey DELIVERY_MAX_ATTEMPTS = plain(
                    "delivery",
                    "max-attempts",
                    "`50`",
                    "attempts per alert and output, Slack and `webhook:*` alike (5xx, timeouts, connection errors, 429); this and the five keys below were `slack.*` keys, and the old names (`slack.max-attempts`...) are still read (setting both is an error)")
            .oldName("slack.max-attempts");
    public static final ConfigKey DELIVERY_DEADLINE = plain(
                    "delivery",
                    "deadline",
                    "`15m`",
                    "no retry starts later than this after an alert's first attempt (whichever of attempts and deadline ends first); then the alert goes to `output.failed-alerts`")
            .oldName("slack.deadline");
    public static final ConfigKey DELIVERY_QUEUE_CAPACITY = plain(
                    "delivery",
                    "queue-capacity",
                    "`1000`",
                    "alerts each output holds while they wait for the rate limit or a retry (checkpointed); when full, the job slows down (backpressure) rather than drop one")
            .oldName("slack.queue-capacity");
    public static final ConfigKey DELIVERY_INITIAL_BACKOFF = plain(
                    "delivery", "initial-backoff", "`500ms`", "first retry delay ceiling (exponential, full jitter)")
            .oldName("slack.initial-backoff");
    public static final ConfigKey DELIVERY_MAX_BACKOFF =
            plain("delivery", "max-backoff", "`30s`", "retry delay ceiling").oldName("slack.max-backoff");
    public static final ConfigKey DELIVERY_REQUEST_TIMEOUT =
            plain("delivery", "request-timeout", "`10s`", "per request").oldName("slack.request-timeout");
    public static final ConfigKey SLACK_MESSAGES_PER_SECOND = plain(
            "slack",
            "messages-per-second",
            "`1`",
            "sends per second to the webhook (one sender for the webhook; excess alerts queue, never dropped; a 429's Retry-After pauses all sends)");
    public static final ConfigKey SLACK_BURST =
            plain("slack", "burst", "`3`", "sends allowed at once after a quiet spell");
    public static final ConfigKey SECRETS_ENDPOINT =
            plain("secrets", "endpoint", "the ARN's region", "Secrets Manager endpoint override (VPC endpoint, tests)");
    public static final ConfigKey RULES_PROMOTED = plain(
            "rules",
            "promoted",
            "—",
            "comma-separated staged rules promoted to their real outputs (staged rules otherwise send only to `staging`)");
    public static final ConfigKey RULES_DISABLED =
            plain("rules", "disabled", "—", "comma-separated rules switched off; an unknown name fails at start-up");

    /** In the README's order. */
    public static final List<ConfigKey> ALL = List.of(
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
            PROCESSING_STATE_TTL,
            OUTPUT_LAKE,
            OUTPUT_ALERTS,
            OUTPUT_DEAD_LETTER,
            OUTPUT_FAILED_ALERTS,
            OUTPUT_PRINT_ALERTS,
            OUTPUT_DELIVERY_LEDGER,
            OUTPUT_DEDUP_HORIZON,
            SLACK_WEBHOOK_URL,
            SLACK_BOTS,
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

    private static ConfigKey plain(String group, String name, String shownDefault, String meaning) {
        return new ConfigKey(group, name, "`" + group + "." + name + "`", shownDefault, meaning);
    }

    /** A row for keys whose names are made by the user (NAME) or passed through (kinesis.consumer.*). */
    private static ConfigKey pattern(String shownKey, String shownDefault, String meaning) {
        return new ConfigKey(null, null, shownKey, shownDefault, meaning);
    }

    /** The keys each group may hold (old names included), for the unknown-key check. */
    static Map<String, Set<String>> byGroup() {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (ConfigKey key : ALL) {
            if (key.group != null) {
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

    /** The README's configuration table. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| Key | Default | Meaning |\n|---|---|---|\n");
        for (ConfigKey key : ALL) {
            table.append("| ")
                    .append(key.shownKey)
                    .append(" | ")
                    .append(key.shownDefault)
                    .append(" | ")
                    .append(key.meaning)
                    .append(" |\n");
        }
        return table.toString();
    }
}
