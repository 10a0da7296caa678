package dev.streamwarden.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What a local lake has committed, read with DuckDB as a user would. */
final class LakeCounts {
    private LakeCounts() {}

    /** The read_parquet(...) of one log type's files. */
    static String table(Path lake, String logType) {
        return "read_parquet('" + lake.resolve("log_type=" + logType) + "/**/*.parquet')";
    }

    /** Committed events of a log type (0 before its first file). */
    static long committed(Path lake, String logType) throws SQLException {
        if (!Files.isDirectory(lake.resolve("log_type=" + logType))) {
            return 0;
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + table(lake, logType))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException noFileCommittedYet) {
            return 0;
        }
    }

    /** Waits (bounded by the calling test's timeout) until at least {@code events} are committed. */
    static void await(Path lake, String logType, long events) throws SQLException, InterruptedException {
        while (committed(lake, logType) < events) {
            Thread.sleep(500);
        }
    }
}
