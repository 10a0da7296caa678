package dev.streamwarden.job.deadletter;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * One element's work in an operator, isolated: an exception the data causes (any RuntimeException, a
 * StackOverflowError from deep structures) is handed back to become a dead letter, and the operator goes on. What
 * the work emits is held until it finished, so a failed element emits nothing half-done, and so an exception from
 * downstream (a sink chained behind that cannot reach S3) is never mistaken for bad data: emitting happens outside
 * the isolation. Flink's own runtime exceptions (state backend, chained operators) are infrastructure and propagate,
 * as do checked exceptions, failing the job as they should.
 */
public final class Isolation<T> {
    /** The element's work, emitting to the collector it is given. */
    @FunctionalInterface
    public interface Work<T> {
        void run(Collector<T> out) throws Exception;
    }

    private final List<T> held = new ArrayList<>();
    private final Collector<T> holder = new Collector<>() {
        @Override
        public void collect(T element) {
            held.add(element);
        }

        @Override
        public void close() {}
    };

    /** Runs the work, then emits what it produced to {@code out}; returns the data's failure (nothing emitted) or null. */
    public Throwable run(Work<T> work, Collector<T> out) throws Exception {
        held.clear();
        Throwable failure = failureOf(work);
        if (failure == null) {
            for (T element : held) {
                out.collect(element);
            }
        }
        held.clear();
        return failure;
    }

    private Throwable failureOf(Work<T> work) throws Exception {
        try {
            work.run(holder);
            return null;
        } catch (FlinkRuntimeException infrastructure) {
            throw infrastructure;
        } catch (RuntimeException | StackOverflowError fromData) {
            return fromData;
        }
    }
}
