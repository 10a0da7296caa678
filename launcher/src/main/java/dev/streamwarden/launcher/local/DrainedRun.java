package dev.streamwarden.launcher.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
    /** How long the draining savepoint and the job's end may take when the caller set a timeout. */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private DrainedRun() {}

    /**
     * Gives the job {@code timeout} to read every record (then cancels it and throws {@link TimeoutException}) and
     * two minutes more to stop.
     */
    public static JobExecutionResult stopWhenRead(
            JobClient job, long recordsWritten, Duration timeout, Path savepointDir) throws Exception {
        return stopWhenRead(job, recordsWritten, Optional.of(timeout), savepointDir);
    }

    /** Waits as long as reading and stopping take, for a caller bounded otherwise (a test's {@code @Timeout}). */
    public static JobExecutionResult stopWhenRead(JobClient job, long recordsWritten, Path savepointDir)
            throws Exception {
        return stopWhenRead(job, recordsWritten, Optional.empty(), savepointDir);
    }

    private static JobExecutionResult stopWhenRead(
            JobClient job, long recordsWritten, Optional<Duration> timeout, Path savepointDir) throws Exception {
        long started = System.nanoTime();
        long read = 0;
        while (read < recordsWritten) {
            if (timeout.isPresent()
                    && System.nanoTime() - started > timeout.get().toNanos()) {
                job.cancel().get(30, TimeUnit.SECONDS);
                throw new TimeoutException(
                        "the job read " + read + " of " + recordsWritten + " records in " + timeout.get());
            }
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                // Surfaces the job's failure cause.
                job.getJobExecutionResult().get();
                throw new IllegalStateException("the job ended after reading " + read + " records");
            }
            Thread.sleep(500);
            read = recordsRead(job.getAccumulators().get());
        }
        boolean bounded = timeout.isPresent();
        finish(job.stopWithSavepoint(true, savepointDir.toUri().toString(), SavepointFormatType.CANONICAL), bounded);
        return finish(job.getJobExecutionResult(), bounded);
    }

    private static <T> T finish(CompletableFuture<T> step, boolean bounded) throws Exception {
        return bounded ? step.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) : step.get();
    }

    /** Records the job read so far (the "records.SOURCE" accumulators together). */
    public static long recordsRead(Map<String, Object> accumulators) {
        long read = 0;
        for (Map.Entry<String, Object> e : accumulators.entrySet()) {
            if (e.getKey().startsWith("records.") && e.getValue() instanceof Number) {
                read += ((Number) e.getValue()).longValue();
            }
        }
        return read;
    }
}
