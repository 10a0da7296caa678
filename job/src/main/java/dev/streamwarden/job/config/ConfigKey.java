package dev.streamwarden.job.config;

/** One configuration key (or, for keys the user names, one family of them) as {@link ConfigKeys} defines it. */
public final class ConfigKey {
    /** Its property group and key within it; both null for a family (slack.outputs.NAME). */
    public final String group;

    public final String name;
    /** How the README names it. */
    public final String shownKey;
    /** The default as the README shows it: a literal in backticks, or words where it depends on something. */
    public final String shownDefault;

    public final String meaning;
    /** The name it had before ("slack.max-attempts"), still read; or null. */
    public final String oldName;

    ConfigKey(String group, String name, String shownKey, String shownDefault, String meaning) {
        this(group, name, shownKey, shownDefault, meaning, null);
    }

    private ConfigKey(String group, String name, String shownKey, String shownDefault, String meaning, String oldName) {
        this.group = group;
        this.name = name;
        this.shownKey = shownKey;
        this.shownDefault = shownDefault;
        this.meaning = meaning;
        this.oldName = oldName;
    }

    ConfigKey oldName(String oldName) {
        return new ConfigKey(group, name, shownKey, shownDefault, meaning, oldName);
    }

    /** {@code group.name}, as errors and the property groups name it. */
    public String key() {
        return group + "." + name;
    }

    @Override
    public String toString() {
        return group == null ? shownKey : key();
    }
}
