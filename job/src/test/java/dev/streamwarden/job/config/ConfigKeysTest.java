package dev.streamwarden.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README documents exactly the keys ConfigKeys defines; every key is read, and its shown default is its value. */
class ConfigKeysTest {
    private static final Pattern LITERAL = Pattern.compile("`([^`<>]+)`");

    @Test
    void theReadmeTableIsTheDefinitions() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("| Key | Default | Meaning |");
        String table = readme.substring(start, readme.indexOf("\n\n", start) + 1);

        assertEquals(
                ConfigKeys.markdownTable(),
                table,
                "README.md's configuration table differs from ConfigKeys; generated:\n" + ConfigKeys.markdownTable());
    }

    @Test
    void aShownDefaultReadsBackAsTheDefault() throws Exception {
        StreamwardenConfig defaults = load(minimal());
        List<String> checked = new ArrayList<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            Matcher literal = LITERAL.matcher(key.shownDefault());
            if (key.isFamily() || !literal.matches()) {
                continue; // a family of keys, or a default that depends on something (words, not a value)
            }
            Map<String, Properties> groups = minimal();
            groups.computeIfAbsent(key.group, g -> new Properties()).setProperty(key.name, literal.group(1));
            assertEquals(
                    fields(defaults), fields(load(groups)), key + " = " + literal.group(1) + " is not the default");
            checked.add(key.key());
        }
        assertEquals(22, checked.size(), "defaults checked: " + checked);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        Map<String, String> defaults = fields(load(minimal()));
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (key.isFamily()) {
                continue;
            }
            Map<String, Properties> groups = minimal();
            String other = otherValue(key);
            groups.computeIfAbsent(key.group, g -> new Properties()).setProperty(key.name, other);
            assertNotEquals(defaults, fields(load(groups)), key + " = " + other + " changes nothing: not read");
        }
    }

    /** A valid value of the key's type that is not its default. */
    private static String otherValue(ConfigKey<?> key) {
        Object value = key.defaultValue;
        if (value instanceof Enum) {
            Object[] constants = value.getClass().getEnumConstants();
            return constants[(((Enum<?>) value).ordinal() + 1) % constants.length].toString();
        }
        if (value instanceof Boolean) {
            return String.valueOf(!(Boolean) value);
        }
        if (key.type == ValueType.DURATION) {
            return "7m";
        }
        if (key.type == ValueType.INSTANT) {
            return "2026-01-01T00:00:00Z";
        }
        if (key.type == ValueType.POSITIVE_INT
                || key.type == ValueType.POSITIVE_LONG
                || key.type == ValueType.POSITIVE_NUMBER) {
            return "7";
        }
        return "https://example.com/other"; // text: a URL is valid wherever one is checked
    }

    /** Every value read, nothing required (a key is read whatever the others say). */
    private static StreamwardenConfig load(Map<String, Properties> groups) {
        return StreamwardenConfig.builder().putAll(groups).buildUnchecked();
    }

    private static Map<String, Properties> minimal() {
        Map<String, Properties> groups = new HashMap<>();
        groups.put("kinesis", props("stream", "flows"));
        groups.put("output", props("lake", "l", "alerts", "a", "dead-letter", "d"));
        return groups;
    }

    /** Every value read, by field name (not the property groups they were read from). */
    private static Map<String, String> fields(StreamwardenConfig config) throws IllegalAccessException {
        Map<String, String> values = new HashMap<>();
        for (Field field : StreamwardenConfig.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.getName().equals("groups")) {
                field.setAccessible(true);
                values.put(field.getName(), String.valueOf(field.get(config)));
            }
        }
        return values;
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
