package dev.streamwarden.job.lake;

import dev.streamwarden.job.classify.schema.SchemaRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The lake's tables: one per log type. */
public final class LakeTables {
    private LakeTables() {}

    public static Map<String, LakeTable> of(SchemaRegistry registry) {
        Map<String, LakeTable> tables = new LinkedHashMap<>();
        registry.byLogType().forEach((logType, schema) -> tables.put(logType, LakeTable.of(schema)));
        return tables;
    }
}
