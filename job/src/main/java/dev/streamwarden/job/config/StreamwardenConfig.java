package dev.streamwarden.job.config;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

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
    /** Webhooks of named Slack outputs: key NAME serves {@code slack:NAME} (secrets, like slack.webhook-url). */
    public static final String SLACK_OUTPUTS_GROUP = ConfigKeys.SLACK_OUTPUTS.group;
    /** Slack bot tokens (Web API chat.postMessage): key NAME serves {@code slack:NAME} (secrets). */
    public static final String SLACK_BOT_TOKENS_GROUP = ConfigKeys.SLACK_BOT_TOKENS.group;
    /** The channel each bot-served {@code slack:NAME} posts to. */
    public static final String SLACK_BOT_CHANNELS_GROUP = ConfigKeys.SLACK_BOT_CHANNELS.group;
    /** URLs of generic webhook outputs: key NAME serves {@code webhook:NAME} (secrets). */
    public static final String WEBHOOK_OUTPUTS_GROUP = ConfigKeys.WEBHOOK_OUTPUTS.group;
    /** HMAC-SHA256 signing keys of generic webhook outputs, by NAME (secrets). */
    public static final String WEBHOOK_KEYS_GROUP = ConfigKeys.WEBHOOK_HMAC_KEYS.group;
    /** Environment variables that fill in the secrets the properties leave out: PREFIX_NAME serves NAME. */
    private static final Map<String, ConfigKey<String>> SECRET_ENV_PREFIXES = Map.of(
            SLACK_WEBHOOK_ENV + "_",
            ConfigKeys.SLACK_OUTPUTS,
            "STREAMWARDEN_SLACK_BOT_TOKEN_",
            ConfigKeys.SLACK_BOT_TOKENS,
            "STREAMWARDEN_WEBHOOK_URL_",
            ConfigKeys.WEBHOOK_OUTPUTS,
            "STREAMWARDEN_WEBHOOK_HMAC_KEY_",
            ConfigKeys.WEBHOOK_HMAC_KEYS);

    public enum SourceType {
        KINESIS,
        REPLAY
    }

    public enum InitialPosition {
        LATEST,
        TRIM_HORIZON,
        AT_TIMESTAMP
    }

    /** The property groups as loaded (environment folded in), kept so resolving secrets can load them again. */
    private final Map<String, Map<String, String>> groups;

    private final SourceType sourceType;
    /** The logical source name events carry; defaults to the stream name, or "replay". */
    private final String sourceName;

    private final String kinesisStream;
    private final String kinesisRegion;
    private final String kinesisEndpoint;
    private final InitialPosition initialPosition;
    private final Instant initialTimestamp;
    private final int sourceParallelism;
    private final Properties consumerProperties = new Properties();
    private final List<String> replayFiles;
    /** Processing parallelism, independent of the shard count; 0 keeps the environment's default. */
    private final int parallelism;

    private final long maxRecordBytes;
    private final long maxDecompressedBytes;
    private final int maxEventBytes;
    private final Duration maxOutOfOrderness;
    private final Duration idleTimeout;
    private final Duration bufferTimeout;
    private final Duration stateTtl;

    private final String lakePath;
    private final String alertsPath;
    private final String deadLetterPath;
    private final String failedAlertsPath;
    private final boolean printAlerts;
    private final Duration dedupHorizon;
    private final String deliveryLedgerPath;

    private final String slackWebhookUrl;
    private final Map<String, String> slackWebhooks;
    private final Map<String, String> webhooks;
    private final Map<String, String> slackBotTokens;
    private final Map<String, String> slackBotChannels;
    private final Map<String, String> webhookHmacKeys;
    private final String slackApiUrl;

    private final int deliveryMaxAttempts;
    private final Duration deliveryInitialBackoff;
    private final Duration deliveryMaxBackoff;
    private final Duration deliveryRequestTimeout;
    private final Duration deliveryDeadline;
    private final int deliveryQueueCapacity;
    private final double slackMessagesPerSecond;
    private final int slackBurst;
    private final String secretsEndpoint;

    private final Set<String> promotedRules;
    private final Set<String> disabledRules;

    /** Reads every key; what cannot be read is added to {@code problems} (the key then has its default). */
    private StreamwardenConfig(Map<String, Map<String, String>> groups, List<String> problems) {
        checkKnown(groups, problems);
        this.groups = groups;
        Reader r = new Reader(groups, problems);
        sourceType = r.get(ConfigKeys.SOURCE_TYPE);
        kinesisStream = r.get(ConfigKeys.KINESIS_STREAM);
        sourceName = r.get(ConfigKeys.SOURCE_NAME, sourceType == SourceType.KINESIS ? kinesisStream : "replay");
        kinesisRegion = r.get(ConfigKeys.KINESIS_REGION);
        kinesisEndpoint = r.get(ConfigKeys.KINESIS_ENDPOINT);
        initialPosition = r.get(ConfigKeys.KINESIS_INITIAL_POSITION);
        initialTimestamp = r.get(ConfigKeys.KINESIS_INITIAL_TIMESTAMP);
        sourceParallelism = r.get(ConfigKeys.KINESIS_SOURCE_PARALLELISM);
        consumerProperties.putAll(r.family(ConfigKeys.KINESIS_CONSUMER_PROPERTIES));
        replayFiles = List.copyOf(r.get(ConfigKeys.REPLAY_FILES));
        parallelism = r.get(ConfigKeys.PROCESSING_PARALLELISM, 0);
        maxRecordBytes = r.get(ConfigKeys.PROCESSING_MAX_RECORD_BYTES);
        maxDecompressedBytes = r.get(ConfigKeys.PROCESSING_MAX_DECOMPRESSED_BYTES);
        maxEventBytes = r.get(ConfigKeys.PROCESSING_MAX_EVENT_BYTES);
        maxOutOfOrderness = r.get(ConfigKeys.PROCESSING_MAX_OUT_OF_ORDERNESS);
        idleTimeout = r.get(ConfigKeys.PROCESSING_IDLE_TIMEOUT);
        bufferTimeout = r.get(ConfigKeys.PROCESSING_BUFFER_TIMEOUT);
        stateTtl = r.get(ConfigKeys.PROCESSING_STATE_TTL);
        lakePath = r.get(ConfigKeys.OUTPUT_LAKE);
        alertsPath = r.get(ConfigKeys.OUTPUT_ALERTS);
        deadLetterPath = r.get(ConfigKeys.OUTPUT_DEAD_LETTER);
        failedAlertsPath = r.get(ConfigKeys.OUTPUT_FAILED_ALERTS);
        printAlerts = r.get(ConfigKeys.OUTPUT_PRINT_ALERTS);
        dedupHorizon = r.get(ConfigKeys.OUTPUT_DEDUP_HORIZON);
        // Under the archive, hidden from Athena and from *.jsonl globs by its leading underscore.
        deliveryLedgerPath = r.get(
                ConfigKeys.OUTPUT_DELIVERY_LEDGER,
                alertsPath == null ? null : alertsPath.replaceAll("/+$", "") + "/_delivered");
        slackWebhookUrl = r.get(ConfigKeys.SLACK_WEBHOOK_URL);
        slackWebhooks = r.family(ConfigKeys.SLACK_OUTPUTS);
        slackBotTokens = r.family(ConfigKeys.SLACK_BOT_TOKENS);
        slackBotChannels = r.family(ConfigKeys.SLACK_BOT_CHANNELS);
        webhooks = r.family(ConfigKeys.WEBHOOK_OUTPUTS);
        webhookHmacKeys = r.family(ConfigKeys.WEBHOOK_HMAC_KEYS);
        slackApiUrl = r.get(ConfigKeys.SLACK_API_URL);
        deliveryMaxAttempts = r.get(ConfigKeys.DELIVERY_MAX_ATTEMPTS);
        deliveryInitialBackoff = r.get(ConfigKeys.DELIVERY_INITIAL_BACKOFF);
        deliveryMaxBackoff = r.get(ConfigKeys.DELIVERY_MAX_BACKOFF);
        deliveryRequestTimeout = r.get(ConfigKeys.DELIVERY_REQUEST_TIMEOUT);
        deliveryDeadline = r.get(ConfigKeys.DELIVERY_DEADLINE);
        deliveryQueueCapacity = r.get(ConfigKeys.DELIVERY_QUEUE_CAPACITY);
        slackMessagesPerSecond = r.get(ConfigKeys.SLACK_MESSAGES_PER_SECOND);
        slackBurst = r.get(ConfigKeys.SLACK_BURST);
        secretsEndpoint = r.get(ConfigKeys.SECRETS_ENDPOINT);
        promotedRules = Set.copyOf(r.get(ConfigKeys.RULES_PROMOTED));
        disabledRules = Set.copyOf(r.get(ConfigKeys.RULES_DISABLED));
    }

    /** The job's configuration from Managed Flink's property groups, the environment filling in secrets. */
    public static StreamwardenConfig fromPropertyGroups(Map<String, Properties> groups, Map<String, String> env) {
        return builder().putAll(groups).build(env);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Unknown groups and keys fail, so a typo cannot silently fall back to a default. */
    private static void checkKnown(Map<String, Map<String, String>> groups, List<String> problems) {
        Map<String, ConfigKey<?>> families = ConfigKeys.families();
        for (Map.Entry<String, Map<String, String>> group : groups.entrySet()) {
            if (families.containsKey(group.getKey())) {
                continue;
            }
            Set<String> known = KEYS.get(group.getKey());
            if (known == null) {
                problems.add("unknown property group '" + group.getKey() + "' (known: "
                        + String.join(", ", KEYS.keySet()) + ", " + String.join(", ", families.keySet()) + ")");
                continue;
            }
            for (String key : group.getValue().keySet()) {
                if (!known.contains(key)) {
                    problems.add("unknown key '" + group.getKey() + "." + key + "' (known in this group: "
                            + String.join(", ", known) + ")");
                }
            }
        }
    }

    /**
     * Checks what must hold before the job starts. No AWS call: values that name a Secrets Manager secret are checked
     * once {@link #resolveSecrets} (called by the entry points) read them.
     */
    private void validate(List<String> problems) {
        if (sourceType == SourceType.KINESIS) {
            require(kinesisStream, ConfigKeys.KINESIS_STREAM, problems);
            if (initialPosition == InitialPosition.AT_TIMESTAMP && initialTimestamp == null) {
                problems.add(
                        ConfigKeys.KINESIS_INITIAL_TIMESTAMP.key() + " is required with initial-position AT_TIMESTAMP");
            }
        } else if (replayFiles.isEmpty()) {
            problems.add(ConfigKeys.REPLAY_FILES.key() + ": name at least one file to replay");
        }
        require(lakePath, ConfigKeys.OUTPUT_LAKE, problems);
        require(alertsPath, ConfigKeys.OUTPUT_ALERTS, problems);
        require(deadLetterPath, ConfigKeys.OUTPUT_DEAD_LETTER, problems);
        if (deliveryEnabled()) {
            require(failedAlertsPath, ConfigKeys.OUTPUT_FAILED_ALERTS, problems);
        }
        checkUrls(problems);
        if (!slackBotTokens.keySet().equals(slackBotChannels.keySet())) {
            problems.add(SLACK_BOT_TOKENS_GROUP + " and " + SLACK_BOT_CHANNELS_GROUP + " must name the same outputs: "
                    + slackBotTokens.keySet() + " vs " + slackBotChannels.keySet());
        }
        for (String name : slackBotTokens.keySet()) {
            if (slackWebhooks.containsKey(name)) {
                problems.add("slack:" + name + " has both a webhook and a bot token; choose one");
            }
        }
        for (Map.Entry<String, String> key : webhookHmacKeys.entrySet()) {
            if (key.getValue() == null || key.getValue().isBlank()) {
                problems.add(WEBHOOK_KEYS_GROUP + "." + key.getKey() + " is empty");
            }
        }
        for (String name : webhookHmacKeys.keySet()) {
            if (!webhooks.containsKey(name)) {
                problems.add(WEBHOOK_KEYS_GROUP + "." + name + ": no webhook output of that name");
            }
        }
    }

    /**
     * This configuration with each secret given as a Secrets Manager reference replaced by its value, and the URLs
     * that came from there checked; no AWS call when there is none. The job's and the launcher's entry points call it
     * after loading.
     */
    public StreamwardenConfig resolveSecrets() {
        List<ConfigKey<?>> secretKeys = new ArrayList<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (key.secret) {
                secretKeys.add(key);
            }
        }
        boolean any = secretKeys.stream()
                .anyMatch(key -> secretValues(groups, key).values().stream().anyMatch(SecretReference::isOne));
        if (!any) {
            return this;
        }
        Map<String, Map<String, String>> resolved = copy(groups);
        try (SecretsManagerSecrets secretsManager =
                new SecretsManagerSecrets(secretsEndpoint == null ? null : URI.create(secretsEndpoint))) {
            for (ConfigKey<?> key : secretKeys) {
                String group = key.group;
                secretValues(resolved, key).forEach((name, value) -> {
                    if (SecretReference.isOne(value)) {
                        resolved.get(group).put(name, secretsManager.resolve(group + "." + name, value));
                    }
                });
            }
        }
        List<String> problems = new ArrayList<>();
        StreamwardenConfig config = new StreamwardenConfig(resolved, problems);
        config.checkUrls(problems);
        ConfigException.throwIfAny(problems);
        return config;
    }

    /** The values a secret key (or every key of a secret family) holds, by name within its group. */
    private static Map<String, String> secretValues(Map<String, Map<String, String>> groups, ConfigKey<?> key) {
        Map<String, String> group = groups.getOrDefault(key.group, Map.of());
        if (key.isFamily()) {
            return new TreeMap<>(group);
        }
        return group.containsKey(key.name) ? Map.of(key.name, group.get(key.name)) : Map.of();
    }

    private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> groups) {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        groups.forEach((group, keys) -> copy.put(group, new TreeMap<>(keys)));
        return copy;
    }

    public SourceType sourceType() {
        return sourceType;
    }

    public String sourceName() {
        return sourceName;
    }

    public String kinesisStream() {
        return kinesisStream;
    }

    public String kinesisRegion() {
        return kinesisRegion;
    }

    public String kinesisEndpoint() {
        return kinesisEndpoint;
    }

    public InitialPosition initialPosition() {
        return initialPosition;
    }

    public Instant initialTimestamp() {
        return initialTimestamp;
    }

    public int sourceParallelism() {
        return sourceParallelism;
    }

    /** The {@code kinesis.consumer} group, a copy. */
    public Properties consumerProperties() {
        Properties copy = new Properties();
        copy.putAll(consumerProperties);
        return copy;
    }

    public List<String> replayFiles() {
        return replayFiles;
    }

    public int parallelism() {
        return parallelism;
    }

    public long maxRecordBytes() {
        return maxRecordBytes;
    }

    public long maxDecompressedBytes() {
        return maxDecompressedBytes;
    }

    public int maxEventBytes() {
        return maxEventBytes;
    }

    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration bufferTimeout() {
        return bufferTimeout;
    }

    public Duration stateTtl() {
        return stateTtl;
    }

    public String lakePath() {
        return lakePath;
    }

    public String alertsPath() {
        return alertsPath;
    }

    public String deadLetterPath() {
        return deadLetterPath;
    }

    public String failedAlertsPath() {
        return failedAlertsPath;
    }

    public boolean printAlerts() {
        return printAlerts;
    }

    /** How long a delivered alert id is remembered, so a replayed or re-put detection is not sent twice. */
    public Duration dedupHorizon() {
        return dedupHorizon;
    }

    /** Where each output records the alerts it delivered (default: {@code _delivered} under the alert archive). */
    public String deliveryLedgerPath() {
        return deliveryLedgerPath;
    }

    /** Slack's chat.postMessage endpoint (overridable for tests and proxies). */
    public String slackApiUrl() {
        return slackApiUrl;
    }

    public int deliveryMaxAttempts() {
        return deliveryMaxAttempts;
    }

    public Duration deliveryInitialBackoff() {
        return deliveryInitialBackoff;
    }

    public Duration deliveryMaxBackoff() {
        return deliveryMaxBackoff;
    }

    public Duration deliveryRequestTimeout() {
        return deliveryRequestTimeout;
    }

    /** No retry starts later than this after an alert's first attempt; it then goes to failed-alerts. */
    public Duration deliveryDeadline() {
        return deliveryDeadline;
    }

    /** Alerts each output holds (waiting for the rate limit or a retry) before it slows the job down. */
    public int deliveryQueueCapacity() {
        return deliveryQueueCapacity;
    }

    public double slackMessagesPerSecond() {
        return slackMessagesPerSecond;
    }

    public int slackBurst() {
        return slackBurst;
    }

    /** Staged rules promoted to their real outputs (staging ends by configuration, not by a code change). */
    public Set<String> promotedRules() {
        return promotedRules;
    }

    /** Rules switched off by configuration (a noisy rule can be silenced without a deployment of code). */
    public Set<String> disabledRules() {
        return disabledRules;
    }

    /** The default webhook: serves every slack:* output without a webhook of its own. */
    public String slackWebhookUrl() {
        return slackWebhookUrl;
    }

    /** Webhooks of named outputs (NAME serves slack:NAME). */
    public Map<String, String> slackWebhooks() {
        return slackWebhooks;
    }

    public boolean slackEnabled() {
        return slackWebhookUrl != null || !slackWebhooks.isEmpty() || !slackBotTokens.isEmpty();
    }

    /** Bot tokens of Slack outputs served by chat.postMessage (NAME serves slack:NAME). */
    public Map<String, String> slackBotTokens() {
        return slackBotTokens;
    }

    public Map<String, String> slackBotChannels() {
        return slackBotChannels;
    }

    /** Generic webhook outputs (NAME serves webhook:NAME). */
    public Map<String, String> webhooks() {
        return webhooks;
    }

    /** Their HMAC-SHA256 signing keys, where they have one. */
    public Map<String, String> webhookHmacKeys() {
        return webhookHmacKeys;
    }

    /** True when any alert output leaves the job (so failed deliveries need somewhere to go). */
    public boolean deliveryEnabled() {
        return slackEnabled() || !webhooks.isEmpty();
    }

    /** The webhook URLs given as values (a secret's reference is checked once it is read). */
    private void checkUrls(List<String> problems) {
        if (slackWebhookUrl != null && !SecretReference.isOne(slackWebhookUrl) && !isHttp(slackWebhookUrl)) {
            // Never echo the value: it is a secret.
            problems.add(ConfigKeys.SLACK_WEBHOOK_URL.key() + " is not an http(s) URL");
        }
        checkUrls(SLACK_OUTPUTS_GROUP, slackWebhooks, problems);
        checkUrls(WEBHOOK_OUTPUTS_GROUP, webhooks, problems);
    }

    private static void checkUrls(String group, Map<String, String> urls, List<String> problems) {
        urls.forEach((name, url) -> {
            if (!name.matches("[a-z0-9_-]+")) {
                problems.add(group + "." + name + ": output names are [a-z0-9_-]+");
            } else if (!SecretReference.isOne(url) && !isHttp(url)) {
                // Never echo the value: it is a secret.
                problems.add(group + "." + name + " is not an http(s) URL");
            }
        });
    }

    private static boolean isHttp(String url) {
        return url.startsWith("https://") || url.startsWith("http://");
    }

    private static void require(String value, ConfigKey<String> key, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(key.key() + " is required");
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

    /**
     * A configuration being put together: by the commands and tests key by key through the same definitions the
     * property groups are read with, then loaded once into an immutable {@link StreamwardenConfig}.
     */
    public static final class Builder {
        private final Map<String, Map<String, String>> groups = new TreeMap<>();

        private Builder() {}

        /** Every key of these property groups (values trimmed); later calls win. */
        public Builder putAll(Map<String, Properties> propertyGroups) {
            propertyGroups.forEach((group, keys) -> keys.stringPropertyNames()
                    .forEach(name -> put(group, name, keys.getProperty(name).trim())));
            return this;
        }

        /** Sets {@code key}, or unsets it when {@code value} is null. */
        public <T> Builder set(ConfigKey<T> key, T value) {
            if (value == null) {
                groups.getOrDefault(key.group, new TreeMap<>()).remove(key.name);
                return this;
            }
            return put(key.group, key.name, key.format(value));
        }

        /** Passed through to FlinkKinesisConsumer. */
        public Builder consumerProperties(Properties properties) {
            properties
                    .stringPropertyNames()
                    .forEach(name ->
                            put(ConfigKeys.KINESIS_CONSUMER_PROPERTIES.group, name, properties.getProperty(name)));
            return this;
        }

        /** Output {@code slack:NAME} through its own incoming webhook. */
        public Builder slackWebhook(String name, String url) {
            return put(SLACK_OUTPUTS_GROUP, name, url);
        }

        /** Output {@code slack:NAME} through the Web API with a bot token, to a channel. */
        public Builder slackBot(String name, String token, String channel) {
            return put(SLACK_BOT_TOKENS_GROUP, name, token).put(SLACK_BOT_CHANNELS_GROUP, name, channel);
        }

        /** Output {@code webhook:NAME}, signed when {@code hmacKey} is not null. */
        public Builder webhook(String name, String url, String hmacKey) {
            put(WEBHOOK_OUTPUTS_GROUP, name, url);
            return hmacKey == null ? this : put(WEBHOOK_KEYS_GROUP, name, hmacKey);
        }

        /** A property that is set wins over the environment; a blank one counts as not set. */
        private static String keepSet(String property, String environment) {
            return property.isBlank() ? environment : property;
        }

        private Builder put(String group, String name, String value) {
            groups.computeIfAbsent(group, g -> new TreeMap<>()).put(name, value);
            return this;
        }

        /**
         * The job's configuration, checked; {@code env} fills in the secrets the keys leave out
         * ({@value #SLACK_WEBHOOK_ENV}, {@code STREAMWARDEN_SLACK_WEBHOOK_URL_NAME}, ...). No AWS call: see
         * {@link StreamwardenConfig#resolveSecrets}.
         */
        public StreamwardenConfig build(Map<String, String> env) {
            List<String> problems = new ArrayList<>();
            StreamwardenConfig config = build(env, problems);
            ConfigException.throwIfAny(problems);
            return config;
        }

        /**
         * As {@link #build(Map)}, but every problem is added to {@code problems} instead of thrown (a key that cannot
         * be read keeps its default), so that checks beyond the configuration can run too (check-config).
         */
        public StreamwardenConfig build(Map<String, String> env, List<String> problems) {
            Map<String, Map<String, String>> withEnv = copy(groups);
            String defaultWebhook = env.get(SLACK_WEBHOOK_ENV);
            if (defaultWebhook != null) {
                withEnv.computeIfAbsent(ConfigKeys.SLACK_WEBHOOK_URL.group, g -> new TreeMap<>())
                        .merge(ConfigKeys.SLACK_WEBHOOK_URL.name, defaultWebhook, Builder::keepSet);
            }
            env.forEach((name, value) -> SECRET_ENV_PREFIXES.forEach((prefix, family) -> {
                if (name.startsWith(prefix) && name.length() > prefix.length()) {
                    // Properties win: the environment fills in what they leave out.
                    String output = name.substring(prefix.length())
                            .toLowerCase(Locale.ROOT)
                            .replace('_', '-');
                    withEnv.computeIfAbsent(family.group, g -> new TreeMap<>()).merge(output, value, Builder::keepSet);
                }
            }));
            StreamwardenConfig config = new StreamwardenConfig(withEnv, problems);
            config.validate(problems);
            return config;
        }

        /**
         * The values and defaults, every key's value read but nothing required: for callers that bring their own
         * records or outputs (rule tests, the fuzzer, redelivery, the event printer).
         */
        public StreamwardenConfig buildUnchecked() {
            List<String> problems = new ArrayList<>();
            StreamwardenConfig config = new StreamwardenConfig(copy(groups), problems);
            ConfigException.throwIfAny(problems);
            return config;
        }
    }

    /** Typed look-ups of "group.key" names with error messages that name the key. */
    private static final class Reader {
        private final Map<String, Map<String, String>> groups;
        private final List<String> problems;

        Reader(Map<String, Map<String, String>> groups, List<String> problems) {
            this.groups = groups;
            this.problems = problems;
        }

        /** The key's value, or its default. */
        <T> T get(ConfigKey<T> key) {
            return get(key, key.defaultValue);
        }

        /**
         * The key's value, or {@code fallback}. Of a key and its old name the one that is set is read; both set is
         * an error, since one would silently win.
         */
        <T> T get(ConfigKey<T> key, T fallback) {
            String name = key.key();
            String text = string(name);
            if (key.oldName != null && string(key.oldName) != null) {
                if (text != null) {
                    problems.add(key.key() + " and its old name " + key.oldName + " are both set; keep " + key.key());
                    return fallback;
                }
                name = key.oldName;
                text = string(name);
            }
            try {
                return text == null ? fallback : key.type.parse(name, text);
            } catch (ConfigException e) {
                problems.add(e.getMessage());
                return fallback;
            }
        }

        /** Every key of a family's group, by name (an unmodifiable copy). */
        Map<String, String> family(ConfigKey<String> family) {
            return Collections.unmodifiableMap(new TreeMap<>(groups.getOrDefault(family.group, Map.of())));
        }

        private String string(String key) {
            int dot = key.indexOf('.');
            Map<String, String> group = groups.get(key.substring(0, dot));
            String value = group == null ? null : group.get(key.substring(dot + 1));
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
