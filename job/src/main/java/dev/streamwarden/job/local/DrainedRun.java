package dev.streamwarden.job.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Ends an unbounded Kinesis job once it has read everything that was written: waits until the running count of
 * records read (the "records.*" accumulators) reaches the number written, then stops the job with a draining
 * savepoint, which fires pending timers and commits every part file, as an operator would stop it.
 */
public final class DrainedRun {
    private DrainedRun() {}

    public static JobExecutionResult stopWhenRead(JobClient job, long recordsWritten, Duration timeout,
            Path savepointDir) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long read = 0;
        while (read < recordsWritten) {
            if (System.nanoTime() > deadline) {
                job.cancel().get(30, TimeUnit.SECONDS);
                throw new TimeoutException("the job read " + read + " of " + recordsWritten + " records in " + timeout);
            }
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                // Surfaces the job's failure cause.
                job.getJobExecutionResult().get();
                throw new IllegalStateException("the job ended after reading " + read + " records");
            }
            Thread.sleep(500);
            read = recordsRead(job.getAccumulators().get());
        }
        job.stopWithSavepoint(true, savepointDir.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        return job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
    }

    static long recordsRead(Map<String, Object> accumulators) {
        long read = 0;
        for (Map.Entry<String, Object> e : accumulators.entrySet()) {
            if (e.getKey().startsWith("records.") && e.getValue() instanceof Number) {
                read += ((Number) e.getValue()).longValue();
            }
        }
        return read;
    }
}
