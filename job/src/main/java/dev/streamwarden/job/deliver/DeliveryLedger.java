package dev.streamwarden.job.deliver;

import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Which alerts an output has delivered, outside Flink's state: one empty file per delivered alert under
 * {@code ROOT/OUTPUT/dt=YYYY-MM-DD/ID}, written right after the webhook accepted it. Checkpointed state cannot know
 * about sends made after the last checkpoint; after a restore from it, the ledger does, so an alert the source
 * replays is not sent a second time. Entries are needed only across a restart: two days are kept (today's and
 * yesterday's are read) and older days are removed (on S3, a lifecycle rule may do it instead).
 */
public final class DeliveryLedger implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int DAYS_KEPT = 2;

    private final String outputDir;

    public DeliveryLedger(String root, String output) {
        // Output names are slack:NAME or webhook:NAME; a path segment keeps letters, digits, '-' and '_'.
        this.outputDir = root.replaceAll("/+$", "") + "/" + output.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    public boolean delivered(String alertId, LocalDate today) throws IOException {
        for (LocalDate day = today.minusDays(DAYS_KEPT - 1); !day.isAfter(today); day = day.plusDays(1)) {
            Path entry = entry(day, alertId);
            if (entry.getFileSystem().exists(entry)) {
                return true;
            }
        }
        return false;
    }

    public void record(String alertId, LocalDate today) throws IOException {
        Path entry = entry(today, alertId);
        entry.getFileSystem().create(entry, FileSystem.WriteMode.OVERWRITE).close();
    }

    /** Removes the days no longer read. */
    public void forgetOldDays(LocalDate today) throws IOException {
        Path dir = new Path(outputDir);
        FileSystem fs = dir.getFileSystem();
        if (!fs.exists(dir)) {
            return;
        }
        String oldest = "dt=" + today.minusDays(DAYS_KEPT - 1);
        for (FileStatus day : fs.listStatus(dir)) {
            String name = day.getPath().getName();
            if (name.startsWith("dt=") && name.compareTo(oldest) < 0) {
                fs.delete(day.getPath(), true);
            }
        }
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private Path entry(LocalDate day, String alertId) {
        return new Path(outputDir + "/dt=" + day + "/" + String.valueOf(alertId).replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    @Override
    public String toString() {
        return "DeliveryLedger{" + outputDir + "}";
    }
}
