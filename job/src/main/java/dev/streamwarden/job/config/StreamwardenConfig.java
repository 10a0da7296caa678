package dev.streamwarden.job.config;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything the job can be told, as one typed object. Loaded from Managed Flink runtime properties (property
 * groups) or the same JSON shape locally; every key is documented in the README. Unknown keys fail at start-up,
 * so a typo cannot silently fall back to a default.
 */
public final class StreamwardenConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the Slack webhook URL may come from instead of the properties (keeps it out of files). */
    public static final String SLACK_WEBHOOK_ENV = "STREAMWARDEN_SLACK_WEBHOOK_URL";

    private static final Map<String, Set<String>> KEYS = ConfigKeys.byGroup();
    /** Passed through verbatim to FlinkKinesisConsumer (e.g. aws.credentials.provider). */
    public static final String KINESIS_CONSUMER_GROUP = "kinesis.consumer";
    /** Webhooks of named Slack outputs: key NAME serves {@code slack:NAME} (secrets, like slack.webhook-url). */
    public static final String SLACK_OUTPUTS_GROUP = "slack.outputs";
    /** Slack bot tokens (Web API chat.postMessage): key NAME serves {@code slack:NAME} (secrets). */
    public static final String SLACK_BOT_TOKENS_GROUP = "slack.bot-tokens";
    /** The channel each bot-served {@code slack:NAME} posts to. */
    public static final String SLACK_BOT_CHANNELS_GROUP = "slack.bot-channels";
    /** URLs of generic webhook outputs: key NAME serves {@code webhook:NAME} (secrets). */
    public static final String WEBHOOK_OUTPUTS_GROUP = "webhook.outputs";
    /** HMAC-SHA256 signing keys of generic webhook outputs, by NAME (secrets). */
    public static final String WEBHOOK_KEYS_GROUP = "webhook.hmac-keys";

    public enum SourceType {
        KINESIS,
        REPLAY
    }

    public enum InitialPosition {
        LATEST,
        TRIM_HORIZON,
        AT_TIMESTAMP
    }

    public SourceType sourceType = SourceType.KINESIS;
    /** The logical source name events carry; defaults to the stream name, or "replay". */
    public String sourceName;

    public String kinesisStream;
    public String kinesisRegion = "us-east-1";
    public String kinesisEndpoint;
    public InitialPosition initialPosition = InitialPosition.LATEST;
    public Instant initialTimestamp;
    public int sourceParallelism = 1;
    public Properties consumerProperties = new Properties();

    public List<String> replayFiles = new ArrayList<>();

    /** Processing parallelism, independent of the shard count; 0 keeps the environment's default. */
    public int parallelism;

    public long maxRecordBytes = 10L << 20;
    public long maxDecompressedBytes = 64L << 20;
    public int maxEventBytes = 1 << 20;
    public Duration maxOutOfOrderness = Duration.ofMinutes(5);
    public Duration idleTimeout = Duration.ofMinutes(1);
    public Duration stateTtl = Duration.ofHours(2);

    public String lakePath;
    public String alertsPath;
    public String deadLetterPath;
    public String failedAlertsPath;
    public boolean printAlerts;
    /** How long a delivered alert id is remembered, so a replayed or re-put detection is not sent twice. */
    public Duration dedupHorizon = Duration.ofHours(24);
    /** Where each output records the alerts it delivered (default: {@code _delivered} under the alert archive). */
    public String deliveryLedgerPath;

    private String slackWebhookUrl;
    private final Map<String, String> slackWebhooks = new TreeMap<>();
    private final Map<String, String> webhooks = new TreeMap<>();
    private final Map<String, String> slackBotTokens = new TreeMap<>();
    private final Map<String, String> slackBotChannels = new TreeMap<>();
    /** Slack's chat.postMessage endpoint (overridable for tests and proxies). */
    public String slackApiUrl = "https://slack.com/api/chat.postMessage";

    private final Map<String, String> webhookHmacKeys = new TreeMap<>();
    public int deliveryMaxAttempts = 50;
    public Duration deliveryInitialBackoff = Duration.ofMillis(500);
    public Duration deliveryMaxBackoff = Duration.ofSeconds(30);
    public Duration deliveryRequestTimeout = Duration.ofSeconds(10);
    /** No retry starts later than this after an alert's first attempt; it then goes to failed-alerts. */
    public Duration deliveryDeadline = Duration.ofMinutes(15);
    /** Alerts each output holds (waiting for the rate limit or a retry) before it slows the job down. */
    public int deliveryQueueCapacity = 1000;

    public double slackMessagesPerSecond = 1.0;
    public int slackBurst = 3;

    /** Secrets Manager endpoint override (VPC endpoints, tests); secrets are read from the region in their ARN. */
    public String secretsEndpoint;

    /** Staged rules promoted to their real outputs (staging ends by configuration, not by a code change). */
    public Set<String> promotedRules = new HashSet<>();
    /** Rules switched off by configuration (a noisy rule can be silenced without a deployment of code). */
    public Set<String> disabledRules = new HashSet<>();

    public static StreamwardenConfig fromPropertyGroups(Map<String, Properties> groups, Map<String, String> env) {
        StreamwardenConfig c = new StreamwardenConfig();
        for (Map.Entry<String, Properties> group : groups.entrySet()) {
            if (group.getKey().equals(KINESIS_CONSUMER_GROUP)) {
                c.consumerProperties.putAll(group.getValue());
                continue;
            }
            Map<String, String> perOutput = c.perOutputGroups().get(group.getKey());
            if (perOutput != null) {
                group.getValue()
                        .stringPropertyNames()
                        .forEach(name -> perOutput.put(
                                name, group.getValue().getProperty(name).trim()));
                continue;
            }
            Set<String> known = KEYS.get(group.getKey());
            if (known == null) {
                throw new ConfigException("unknown property group '" + group.getKey() + "' (known: "
                        + String.join(", ", KEYS.keySet()) + ", " + KINESIS_CONSUMER_GROUP + ", "
                        + String.join(", ", c.perOutputGroups().keySet()) + ")");
            }
            for (String key : group.getValue().stringPropertyNames()) {
                if (!known.contains(key)) {
                    throw new ConfigException("unknown key '" + group.getKey() + "." + key + "' (known in this group: "
                            + String.join(", ", known) + ")");
                }
            }
        }
        Reader r = new Reader(groups);
        c.sourceType = r.enumValue(ConfigKeys.SOURCE_TYPE.key(), SourceType.class, c.sourceType);
        c.sourceName = r.string(ConfigKeys.SOURCE_NAME.key(), null);
        c.kinesisStream = r.string(ConfigKeys.KINESIS_STREAM.key(), null);
        c.kinesisRegion = r.string(ConfigKeys.KINESIS_REGION.key(), c.kinesisRegion);
        c.kinesisEndpoint = r.string(ConfigKeys.KINESIS_ENDPOINT.key(), null);
        c.initialPosition =
                r.enumValue(ConfigKeys.KINESIS_INITIAL_POSITION.key(), InitialPosition.class, c.initialPosition);
        String timestamp = r.string(ConfigKeys.KINESIS_INITIAL_TIMESTAMP.key(), null);
        if (timestamp != null) {
            try {
                c.initialTimestamp = Instant.parse(timestamp);
            } catch (DateTimeParseException e) {
                throw new ConfigException(ConfigKeys.KINESIS_INITIAL_TIMESTAMP.key() + ": '" + timestamp
                        + "' is not an ISO-8601 instant");
            }
        }
        c.sourceParallelism = r.positiveInt(ConfigKeys.KINESIS_SOURCE_PARALLELISM.key(), c.sourceParallelism);
        String files = r.string(ConfigKeys.REPLAY_FILES.key(), null);
        if (files != null) {
            for (String file : files.split(",")) {
                if (!file.isBlank()) {
                    c.replayFiles.add(file.trim());
                }
            }
        }
        c.parallelism = r.positiveInt(ConfigKeys.PROCESSING_PARALLELISM.key(), 0);
        c.maxRecordBytes = r.positiveLong(ConfigKeys.PROCESSING_MAX_RECORD_BYTES.key(), c.maxRecordBytes);
        c.maxDecompressedBytes =
                r.positiveLong(ConfigKeys.PROCESSING_MAX_DECOMPRESSED_BYTES.key(), c.maxDecompressedBytes);
        c.maxEventBytes = (int) r.positiveLong(ConfigKeys.PROCESSING_MAX_EVENT_BYTES.key(), c.maxEventBytes);
        c.maxOutOfOrderness = r.duration(ConfigKeys.PROCESSING_MAX_OUT_OF_ORDERNESS.key(), c.maxOutOfOrderness);
        c.idleTimeout = r.duration(ConfigKeys.PROCESSING_IDLE_TIMEOUT.key(), c.idleTimeout);
        c.stateTtl = r.duration(ConfigKeys.PROCESSING_STATE_TTL.key(), c.stateTtl);
        c.lakePath = r.string(ConfigKeys.OUTPUT_LAKE.key(), null);
        c.alertsPath = r.string(ConfigKeys.OUTPUT_ALERTS.key(), null);
        c.deadLetterPath = r.string(ConfigKeys.OUTPUT_DEAD_LETTER.key(), null);
        c.failedAlertsPath = r.string(ConfigKeys.OUTPUT_FAILED_ALERTS.key(), null);
        c.printAlerts = r.bool(ConfigKeys.OUTPUT_PRINT_ALERTS.key(), c.printAlerts);
        c.dedupHorizon = r.duration(ConfigKeys.OUTPUT_DEDUP_HORIZON.key(), c.dedupHorizon);
        c.deliveryLedgerPath = r.string(ConfigKeys.OUTPUT_DELIVERY_LEDGER.key(), null);
        c.slackWebhookUrl = r.string(ConfigKeys.SLACK_WEBHOOK_URL.key(), env.get(SLACK_WEBHOOK_ENV));
        Map<String, Map<String, String>> secretsByEnvPrefix = Map.of(
                SLACK_WEBHOOK_ENV + "_",
                c.slackWebhooks,
                "STREAMWARDEN_SLACK_BOT_TOKEN_",
                c.slackBotTokens,
                "STREAMWARDEN_WEBHOOK_URL_",
                c.webhooks,
                "STREAMWARDEN_WEBHOOK_HMAC_KEY_",
                c.webhookHmacKeys);
        env.forEach((name, value) -> secretsByEnvPrefix.forEach((prefix, secrets) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                // Properties win: the environment fills in what they leave out.
                String output =
                        name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                secrets.putIfAbsent(output, value);
            }
        }));
        c.deliveryMaxAttempts = r.positiveInt(r.aliased(ConfigKeys.DELIVERY_MAX_ATTEMPTS), c.deliveryMaxAttempts);
        c.deliveryInitialBackoff = r.duration(r.aliased(ConfigKeys.DELIVERY_INITIAL_BACKOFF), c.deliveryInitialBackoff);
        c.deliveryMaxBackoff = r.duration(r.aliased(ConfigKeys.DELIVERY_MAX_BACKOFF), c.deliveryMaxBackoff);
        c.deliveryRequestTimeout = r.duration(r.aliased(ConfigKeys.DELIVERY_REQUEST_TIMEOUT), c.deliveryRequestTimeout);
        c.deliveryDeadline = r.duration(r.aliased(ConfigKeys.DELIVERY_DEADLINE), c.deliveryDeadline);
        c.deliveryQueueCapacity = r.positiveInt(r.aliased(ConfigKeys.DELIVERY_QUEUE_CAPACITY), c.deliveryQueueCapacity);
        c.slackMessagesPerSecond =
                r.positiveDouble(ConfigKeys.SLACK_MESSAGES_PER_SECOND.key(), c.slackMessagesPerSecond);
        c.slackBurst = r.positiveInt(ConfigKeys.SLACK_BURST.key(), c.slackBurst);
        c.slackApiUrl = r.string(ConfigKeys.SLACK_API_URL.key(), c.slackApiUrl);
        c.secretsEndpoint = r.string(ConfigKeys.SECRETS_ENDPOINT.key(), null);
        c.promotedRules.addAll(r.names(ConfigKeys.RULES_PROMOTED.key()));
        c.disabledRules.addAll(r.names(ConfigKeys.RULES_DISABLED.key()));
        c.validate();
        return c;
    }

    /**
     * Checks what must hold before the job starts and fills defaults that depend on other keys. No AWS call: values
     * that name a Secrets Manager secret are checked once {@link #resolveSecrets} (called by the entry points) read
     * them.
     */
    public StreamwardenConfig validate() {
        if (sourceType == SourceType.KINESIS) {
            require(kinesisStream, ConfigKeys.KINESIS_STREAM.key());
            if (initialPosition == InitialPosition.AT_TIMESTAMP && initialTimestamp == null) {
                throw new ConfigException(
                        ConfigKeys.KINESIS_INITIAL_TIMESTAMP.key() + " is required with initial-position AT_TIMESTAMP");
            }
            if (sourceName == null) {
                sourceName = kinesisStream;
            }
        } else {
            if (replayFiles.isEmpty()) {
                throw new ConfigException(ConfigKeys.REPLAY_FILES.key() + ": name at least one file to replay");
            }
            if (sourceName == null) {
                sourceName = "replay";
            }
        }
        require(lakePath, ConfigKeys.OUTPUT_LAKE.key());
        require(alertsPath, ConfigKeys.OUTPUT_ALERTS.key());
        require(deadLetterPath, ConfigKeys.OUTPUT_DEAD_LETTER.key());
        if (deliveryLedgerPath == null) {
            // Under the archive, hidden from Athena and from *.jsonl globs by its leading underscore.
            deliveryLedgerPath = alertsPath.replaceAll("/+$", "") + "/_delivered";
        }
        if (deliveryEnabled()) {
            require(failedAlertsPath, ConfigKeys.OUTPUT_FAILED_ALERTS.key());
        }
        checkUrls();
        if (!slackBotTokens.keySet().equals(slackBotChannels.keySet())) {
            throw new ConfigException(SLACK_BOT_TOKENS_GROUP + " and " + SLACK_BOT_CHANNELS_GROUP
                    + " must name the same outputs: " + slackBotTokens.keySet() + " vs " + slackBotChannels.keySet());
        }
        for (String name : slackBotTokens.keySet()) {
            if (slackWebhooks.containsKey(name)) {
                throw new ConfigException("slack:" + name + " has both a webhook and a bot token; choose one");
            }
        }
        for (Map.Entry<String, String> key : webhookHmacKeys.entrySet()) {
            if (key.getValue() == null || key.getValue().isBlank()) {
                throw new ConfigException(WEBHOOK_KEYS_GROUP + "." + key.getKey() + " is empty");
            }
        }
        for (String name : webhookHmacKeys.keySet()) {
            if (!webhooks.containsKey(name)) {
                throw new ConfigException(WEBHOOK_KEYS_GROUP + "." + name + ": no webhook output of that name");
            }
        }
        return this;
    }

    /**
     * Replaces each secret given as a Secrets Manager reference by its value and checks the URLs that came from
     * there; no AWS call when there is none. The job's and the launcher's entry points call it after loading.
     */
    public StreamwardenConfig resolveSecrets() {
        Map<String, Map<String, String>> groups = perOutputGroups();
        groups.remove(SLACK_BOT_CHANNELS_GROUP); // channel names are not secrets
        boolean any = SecretReference.isOne(slackWebhookUrl)
                || groups.values().stream()
                        .anyMatch(secrets -> secrets.values().stream().anyMatch(SecretReference::isOne));
        if (!any) {
            return this;
        }
        try (SecretsManagerSecrets secretsManager =
                new SecretsManagerSecrets(secretsEndpoint == null ? null : URI.create(secretsEndpoint))) {
            if (SecretReference.isOne(slackWebhookUrl)) {
                slackWebhookUrl = secretsManager.resolve(ConfigKeys.SLACK_WEBHOOK_URL.key(), slackWebhookUrl);
            }
            groups.forEach((group, secrets) -> secrets.replaceAll((name, value) ->
                    SecretReference.isOne(value) ? secretsManager.resolve(group + "." + name, value) : value));
        }
        checkUrls();
        return this;
    }

    /** The groups whose keys are output names (NAME serves slack:NAME or webhook:NAME), by group id. */
    private Map<String, Map<String, String>> perOutputGroups() {
        return new TreeMap<>(Map.of(
                SLACK_OUTPUTS_GROUP,
                slackWebhooks,
                SLACK_BOT_TOKENS_GROUP,
                slackBotTokens,
                SLACK_BOT_CHANNELS_GROUP,
                slackBotChannels,
                WEBHOOK_OUTPUTS_GROUP,
                webhooks,
                WEBHOOK_KEYS_GROUP,
                webhookHmacKeys));
    }

    /** The default webhook: serves every slack:* output without a webhook of its own. */
    public String slackWebhookUrl() {
        return slackWebhookUrl;
    }

    /** Webhooks of named outputs (NAME serves slack:NAME). */
    public Map<String, String> slackWebhooks() {
        return Collections.unmodifiableMap(slackWebhooks);
    }

    public StreamwardenConfig withSlackWebhook(String name, String url) {
        slackWebhooks.put(name, url);
        return this;
    }

    public boolean slackEnabled() {
        return slackWebhookUrl != null || !slackWebhooks.isEmpty() || !slackBotTokens.isEmpty();
    }

    /** Bot tokens of Slack outputs served by chat.postMessage (NAME serves slack:NAME). */
    public Map<String, String> slackBotTokens() {
        return Collections.unmodifiableMap(slackBotTokens);
    }

    public Map<String, String> slackBotChannels() {
        return Collections.unmodifiableMap(slackBotChannels);
    }

    public StreamwardenConfig withSlackBot(String name, String token, String channel) {
        slackBotTokens.put(name, token);
        slackBotChannels.put(name, channel);
        return this;
    }

    /** Generic webhook outputs (NAME serves webhook:NAME). */
    public Map<String, String> webhooks() {
        return Collections.unmodifiableMap(webhooks);
    }

    /** Their HMAC-SHA256 signing keys, where they have one. */
    public Map<String, String> webhookHmacKeys() {
        return Collections.unmodifiableMap(webhookHmacKeys);
    }

    public StreamwardenConfig withWebhook(String name, String url, String hmacKey) {
        webhooks.put(name, url);
        if (hmacKey != null) {
            webhookHmacKeys.put(name, hmacKey);
        }
        return this;
    }

    /** True when any alert output leaves the job (so failed deliveries need somewhere to go). */
    public boolean deliveryEnabled() {
        return slackEnabled() || !webhooks.isEmpty();
    }

    /** The webhook URLs given as values (a secret's reference is checked once it is read). */
    private void checkUrls() {
        if (slackWebhookUrl != null && !SecretReference.isOne(slackWebhookUrl) && !isHttp(slackWebhookUrl)) {
            // Never echo the value: it is a secret.
            throw new ConfigException(ConfigKeys.SLACK_WEBHOOK_URL.key() + " is not an http(s) URL");
        }
        checkUrls(SLACK_OUTPUTS_GROUP, slackWebhooks);
        checkUrls(WEBHOOK_OUTPUTS_GROUP, webhooks);
    }

    private static void checkUrls(String group, Map<String, String> urls) {
        urls.forEach((name, url) -> {
            if (!name.matches("[a-z0-9_-]+")) {
                throw new ConfigException(group + "." + name + ": output names are [a-z0-9_-]+");
            }
            if (!SecretReference.isOne(url) && !isHttp(url)) {
                // Never echo the value: it is a secret.
                throw new ConfigException(group + "." + name + " is not an http(s) URL");
            }
        });
    }

    private static boolean isHttp(String url) {
        return url.startsWith("https://") || url.startsWith("http://");
    }

    public StreamwardenConfig withSlackWebhookUrl(String url) {
        this.slackWebhookUrl = url;
        return this;
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + " is required");
        }
    }

    @Override
    public String toString() {
        // No secrets here: this is logged at start-up.
        return "StreamwardenConfig{source=" + sourceType + ":" + sourceName + ", stream=" + kinesisStream
                + ", region=" + kinesisRegion + ", endpoint=" + kinesisEndpoint + ", initialPosition="
                + initialPosition + ", sourceParallelism=" + sourceParallelism + ", replayFiles=" + replayFiles.size()
                + ", parallelism=" + parallelism + ", lake=" + lakePath + ", alerts=" + alertsPath
                + ", deadLetter=" + deadLetterPath + ", failedAlerts=" + failedAlertsPath
                + ", slack="
                + (slackEnabled()
                        ? "default " + (slackWebhookUrl == null ? "off" : "on") + ", named " + slackWebhooks.keySet()
                                + ", bots " + slackBotTokens.keySet()
                        : "off")
                + ", webhooks=" + webhooks.keySet() + '}';
    }

    /** Typed look-ups of "group.key" names with error messages that name the key. */
    private static final class Reader {
        private final Map<String, Properties> groups;

        Reader(Map<String, Properties> groups) {
            this.groups = groups;
        }

        /**
         * Which of a key and its old name to read: the one that is set (the key when neither is); both set is an
         * error, since one would silently win.
         */
        String aliased(ConfigKey key) {
            if (string(key.oldName, null) == null) {
                return key.key();
            }
            if (string(key.key(), null) != null) {
                throw new ConfigException(
                        key.key() + " and its old name " + key.oldName + " are both set; keep " + key.key());
            }
            return key.oldName;
        }

        String string(String key, String fallback) {
            int dot = key.indexOf('.');
            Properties group = groups.get(key.substring(0, dot));
            String value = group == null ? null : group.getProperty(key.substring(dot + 1));
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        /** A comma-separated list of names. */
        List<String> names(String key) {
            List<String> names = new ArrayList<>();
            for (String name : string(key, "").split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
            return names;
        }

        /** {@code true} or {@code false} (any case); anything else is an error, never quietly false. */
        boolean bool(String key, boolean fallback) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new ConfigException(key + ": '" + value + "' is not true or false");
        }

        double positiveDouble(String key, double fallback) {
            return positive(key, fallback, Double::valueOf, "number").doubleValue();
        }

        int positiveInt(String key, int fallback) {
            return (int) Math.min(Integer.MAX_VALUE, positiveLong(key, fallback));
        }

        long positiveLong(String key, long fallback) {
            return positive(key, fallback, Long::valueOf, "integer").longValue();
        }

        private <N extends Number> Number positive(String key, N fallback, Function<String, N> parse, String kind) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                N n = parse.apply(value);
                if (n.doubleValue() > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(key + ": '" + value + "' is not a positive " + kind);
        }

        Duration duration(String key, Duration fallback) {
            String value = string(key, null);
            return value == null ? fallback : Durations.parse(key, value);
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
            String value = string(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                StringBuilder options = new StringBuilder();
                for (E option : type.getEnumConstants()) {
                    options.append(options.length() == 0 ? "" : ", ").append(option.name());
                }
                throw new ConfigException(key + ": '" + value + "' is not one of " + options);
            }
        }
    }
}
