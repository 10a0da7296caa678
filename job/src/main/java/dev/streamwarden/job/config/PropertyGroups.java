package dev.streamwarden.job.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads Managed Service for Apache Flink's runtime properties: a JSON array of
 * {@code {"PropertyGroupId": ..., "PropertyMap": {...}}}. The service writes the application's properties to
 * {@link #MANAGED_FLINK_FILE}; locally the same shape lives in any file.
 */
public final class PropertyGroups {
    /** Where Managed Flink puts the application's runtime properties (what KinesisAnalyticsRuntime reads). */
    public static final Path MANAGED_FLINK_FILE = Path.of("/etc/flink/application_properties.json");

    private PropertyGroups() {}

    public static Map<String, Properties> read(Path file) {
        JsonNode groups;
        try {
            groups = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration " + file + ": " + e.getMessage());
        }
        if (!groups.isArray()) {
            throw new ConfigException(file + ": expected a JSON array of {\"PropertyGroupId\", \"PropertyMap\"}");
        }
        Map<String, Properties> result = new LinkedHashMap<>();
        for (JsonNode group : groups) {
            String id = group.path("PropertyGroupId").asText(null);
            JsonNode map = group.path("PropertyMap");
            if (id == null || !map.isObject()) {
                throw new ConfigException(file + ": every group needs PropertyGroupId and a PropertyMap object");
            }
            Properties properties = result.computeIfAbsent(id, k -> new Properties());
            map.fields()
                    .forEachRemaining(
                            e -> properties.setProperty(e.getKey(), e.getValue().asText()));
        }
        return result;
    }
}
