package dev.streamwarden.job.lake;

import dev.streamwarden.job.classify.schema.PlausibleTime;
import java.time.Instant;
import java.util.Map;

/**
 * CREATE EXTERNAL TABLE statements for the lake, one table per log type, with partition projection on
 * {@code dt}/{@code hour} so new partitions need no MSCK REPAIR or crawler.
 */
public final class AthenaDdl {
    private static final String FIRST_DAY =
            Instant.ofEpochMilli(PlausibleTime.EARLIEST).toString().substring(0, 10);

    private AthenaDdl() {}

    public static String statements(Map<String, LakeTable> tables, String database, String lakeLocation) {
        String root = lakeLocation.endsWith("/") ? lakeLocation : lakeLocation + "/";
        StringBuilder sql = new StringBuilder();
        sql.append("CREATE DATABASE IF NOT EXISTS `").append(database).append("`;\n");
        for (LakeTable table : tables.values()) {
            String location = root + "log_type=" + table.logType + "/";
            sql.append("\nCREATE EXTERNAL TABLE IF NOT EXISTS `")
                    .append(database)
                    .append("`.`")
                    .append(table.logType)
                    .append("` (\n");
            String separator = "";
            for (String[] column : table.athenaColumns()) {
                sql.append(separator)
                        .append("  `")
                        .append(column[0])
                        .append("` ")
                        .append(column[1]);
                separator = ",\n";
            }
            sql.append("\n)\nPARTITIONED BY (`dt` string, `hour` string)\nSTORED AS PARQUET\n")
                    .append("LOCATION '")
                    .append(location)
                    .append("'\nTBLPROPERTIES (\n")
                    .append("  'projection.enabled' = 'true',\n")
                    .append("  'projection.dt.type' = 'date',\n")
                    .append("  'projection.dt.format' = 'yyyy-MM-dd',\n")
                    // Partitions go back as far as an event time can (PlausibleTime.EARLIEST).
                    .append("  'projection.dt.range' = '")
                    .append(FIRST_DAY)
                    .append(",NOW',\n")
                    .append("  'projection.dt.interval' = '1',\n")
                    .append("  'projection.dt.interval.unit' = 'DAYS',\n")
                    .append("  'projection.hour.type' = 'integer',\n")
                    .append("  'projection.hour.range' = '0,23',\n")
                    .append("  'projection.hour.digits' = '2',\n")
                    .append("  'storage.location.template' = '")
                    .append(location)
                    .append("dt=${dt}/hour=${hour}/'\n")
                    .append(");\n");
        }
        return sql.toString();
    }
}
