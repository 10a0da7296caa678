package dev.streamwarden.job.config;

import java.util.Objects;

/**
 * One configuration key (or, for keys the user names, one family of them) as {@link ConfigKeys} defines it: where it
 * lives, how its text is read, its default, what it means and whether its value is a secret.
 */
public final class ConfigKey<T> {
    /** Its property group and key within it; the name is null for a family (slack.outputs.NAME). */
    public final String group;

    public final String name;
    /** How the README names it. */
    public final String shownKey;

    public final String meaning;
    /** A secret (webhook URL, token, signing key): never logged, and may be a Secrets Manager reference. */
    public final boolean secret;
    /** The name it had before ("slack.max-attempts"), still read; or null. */
    public final String oldName;

    final ValueType<T> type;
    /** The value when the key is not set; null when there is none (or it depends on other keys). */
    final T defaultValue;
    /** Words for a default that is not one value ("stream name / `replay`"); null when the default shows itself. */
    private final String describedDefault;

    private ConfigKey(
            String group,
            String name,
            String shownKey,
            ValueType<T> type,
            T defaultValue,
            String describedDefault,
            String meaning,
            boolean secret,
            String oldName) {
        this.group = group;
        this.name = name;
        this.shownKey = shownKey;
        this.type = type;
        this.defaultValue = defaultValue;
        this.describedDefault = describedDefault;
        this.meaning = meaning;
        this.secret = secret;
        this.oldName = oldName;
    }

    static <T> ConfigKey<T> of(String group, String name, ValueType<T> type, T defaultValue, String meaning) {
        return new ConfigKey<>(
                group, name, "`" + group + "." + name + "`", type, defaultValue, null, meaning, false, null);
    }

    /** A row for keys whose names are made by the user (NAME) or passed through (kinesis.consumer.*). */
    static ConfigKey<String> family(String group, String describedDefault, String meaning, boolean secret) {
        return new ConfigKey<>(
                group,
                null,
                "`" + group + ".NAME` (group `" + group + "`)",
                ValueType.STRING,
                null,
                describedDefault,
                meaning,
                secret,
                null);
    }

    /** The same key whose default the README describes in words (it depends on other keys). */
    ConfigKey<T> describedDefault(String words) {
        return new ConfigKey<>(group, name, shownKey, type, defaultValue, words, meaning, secret, oldName);
    }

    ConfigKey<T> oldName(String oldName) {
        return new ConfigKey<>(group, name, shownKey, type, defaultValue, describedDefault, meaning, secret, oldName);
    }

    ConfigKey<T> secret() {
        return new ConfigKey<>(group, name, shownKey, type, defaultValue, describedDefault, meaning, true, oldName);
    }

    /** {@code group.name}, as errors and the property groups name it. */
    public String key() {
        return group + "." + name;
    }

    /** True for a family of keys the user names. */
    public boolean isFamily() {
        return name == null;
    }

    /** The default as the README shows it: the value in backticks, words, or "—" for none. */
    public String shownDefault() {
        if (describedDefault != null) {
            return describedDefault;
        }
        return defaultValue == null ? "—" : "`" + type.format(defaultValue) + "`";
    }

    /** The value's text as the property groups hold it. */
    String format(T value) {
        return type.format(Objects.requireNonNull(value, this::key));
    }

    @Override
    public String toString() {
        return isFamily() ? shownKey : key();
    }
}
