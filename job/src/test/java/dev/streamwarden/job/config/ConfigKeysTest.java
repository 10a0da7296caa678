package dev.streamwarden.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The README documents exactly the keys ConfigKeys defines, and a documented default is the one the job uses. */
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
    void everyDocumentedDefaultIsTheRealOne() throws Exception {
        StreamwardenConfig defaults = StreamwardenConfig.fromPropertyGroups(minimal(), Map.of());
        List<String> checked = new ArrayList<>();
        for (ConfigKey key : ConfigKeys.ALL) {
            Matcher literal = LITERAL.matcher(key.shownDefault);
            if (key.group == null || !literal.matches()) {
                continue; // a family of keys, or a default that depends on something (words, not a value)
            }
            Map<String, Properties> groups = minimal();
            groups.computeIfAbsent(key.group, g -> new Properties()).setProperty(key.name, literal.group(1));
            StreamwardenConfig explicit = StreamwardenConfig.fromPropertyGroups(groups, Map.of());
            assertEquals(fields(defaults), fields(explicit), key + " = " + literal.group(1) + " is not the default");
            String other = otherValue(literal.group(1));
            if (other != null) {
                groups.get(key.group).setProperty(key.name, other);
                StreamwardenConfig changed = StreamwardenConfig.fromPropertyGroups(groups, Map.of());
                assertNotEquals(fields(defaults), fields(changed), key + " = " + other + " changes nothing: not read");
            }
            checked.add(key.key());
        }
        assertTrue(checked.size() >= 20, "defaults checked: " + checked);
    }

    /** A value of the same kind as the default but not it, or null when there is no obvious one. */
    private static String otherValue(String shownDefault) {
        if (shownDefault.matches("[0-9]+")) {
            return "7";
        }
        if (shownDefault.matches("[0-9]+(ms|s|m|h|d)")) {
            return "7m";
        }
        if (shownDefault.equals("false")) {
            return "true";
        }
        if (shownDefault.startsWith("https://")) {
            return "https://proxy.example/api";
        }
        if (shownDefault.equals("LATEST")) {
            return "TRIM_HORIZON";
        }
        return shownDefault.equals("us-east-1") ? "eu-west-1" : null;
    }

    private static Map<String, Properties> minimal() {
        Map<String, Properties> groups = new HashMap<>();
        groups.put("kinesis", props("stream", "flows"));
        groups.put("output", props("lake", "l", "alerts", "a", "dead-letter", "d"));
        return groups;
    }

    /** Every field's value, by name. */
    private static Map<String, String> fields(StreamwardenConfig config) throws IllegalAccessException {
        Map<String, String> values = new HashMap<>();
        for (Field field : StreamwardenConfig.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
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
