package dev.streamwarden.job.deadletter;

import dev.streamwarden.job.model.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.util.Collector;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * One element's work in an operator, isolated: an exception the data causes (any RuntimeException, a
 * StackOverflowError from deep structures) is handed back to become a dead letter, and the operator goes on. What
 * the work emits (its results and its dead letters) is held until it finished, so a failed element emits nothing
 * half-done, and so an exception from downstream (a sink chained behind that cannot reach S3) is never mistaken for
 * bad data: emitting happens outside the isolation. Flink's own runtime exceptions (state backend, chained
 * operators) are infrastructure and propagate, as do checked exceptions, failing the job as they should.
 */
public final class Isolation<T> {
    /** The element's work, emitting results to {@code out} and what it cannot use to {@code deadLetters}. */
    @FunctionalInterface
    public interface Work<T> {
        void run(Collector<T> out, Consumer<DeadLetter> deadLetters) throws Exception;
    }

    private final List<T> held = new ArrayList<>();
    private final List<DeadLetter> heldDeadLetters = new ArrayList<>();
    private final Collector<T> holder = new Collector<>() {
        @Override
        public void collect(T element) {
            held.add(element);
        }

        @Override
        public void close() {}
    };

    /**
     * Runs the work, then emits what it produced to {@code out} and {@code deadLetters}; returns the data's failure
     * (nothing emitted) or null.
     */
    public Throwable run(Work<T> work, Collector<T> out, Consumer<DeadLetter> deadLetters) throws Exception {
        held.clear();
        heldDeadLetters.clear();
        Throwable failure = failureOf(work);
        if (failure == null) {
            for (T element : held) {
                out.collect(element);
            }
            for (DeadLetter deadLetter : heldDeadLetters) {
                deadLetters.accept(deadLetter);
            }
        }
        held.clear();
        heldDeadLetters.clear();
        return failure;
    }

    private Throwable failureOf(Work<T> work) throws Exception {
        try {
            work.run(holder, heldDeadLetters::add);
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            return rethrownIfInfrastructure(e);
        }
    }

    /**
     * The throwable back if data caused it; rethrown if it is Flink's own (state backend, timers): for the catch
     * blocks inside work that isolate parts of an element (one line of a record) as well.
     */
    public static Throwable rethrownIfInfrastructure(Throwable e) {
        if (e instanceof FlinkRuntimeException) {
            throw (FlinkRuntimeException) e;
        }
        return e;
    }
}
