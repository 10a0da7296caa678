package dev.streamwarden.job.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.tasks.ExceptionInChainedOperatorException;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** Data failures come back as values; infrastructure failures propagate; nothing is emitted half-done. */
class IsolationTest {
    private final Isolation<String> isolation = new Isolation<>();
    private final List<String> emitted = new ArrayList<>();
    private final Collector<String> out = new Collector<>() {
        @Override
        public void collect(String record) {
            emitted.add(record);
        }

        @Override
        public void close() {}
    };

    @Test
    void emitsWhatFinishedWorkProduced() throws Exception {
        assertNull(isolation.run(o -> {
            o.collect("a");
            o.collect("b");
        }, out));
        assertEquals(List.of("a", "b"), emitted);
    }

    @Test
    void aDataFailureEmitsNothingAndIsHandedBack() throws Exception {
        IllegalStateException bad = new IllegalStateException("bad value");
        Throwable failure = isolation.run(o -> {
            o.collect("half");
            throw bad;
        }, out);
        assertSame(bad, failure);
        assertEquals(List.of(), emitted);
        assertNull(isolation.run(o -> o.collect("next"), out), "the next element is unaffected");
        assertEquals(List.of("next"), emitted);
    }

    @Test
    void deepRecursionIsADataFailure() throws Exception {
        Throwable failure = isolation.run(o -> o.collect(Integer.toString(depth(0))), out);
        assertTrue(failure instanceof StackOverflowError, String.valueOf(failure));
    }

    private static int depth(int n) {
        return depth(n + 1) + 1;
    }

    @Test
    void infrastructureFailuresPropagate() {
        ExceptionInChainedOperatorException downstream =
                new ExceptionInChainedOperatorException("sink", new IOException("S3 unreachable"));
        assertSame(downstream, assertThrows(ExceptionInChainedOperatorException.class,
                () -> isolation.run(o -> {
                    throw downstream;
                }, out)));
        IOException checked = new IOException("state backend");
        assertSame(checked, assertThrows(IOException.class, () -> isolation.run(o -> {
            throw checked;
        }, out)));
    }

    @Test
    void anExceptionWhileEmittingIsNotTheData() {
        Collector<String> failingSink = new Collector<>() {
            @Override
            public void collect(String record) {
                throw new IllegalStateException("a chained sink failed");
            }

            @Override
            public void close() {}
        };
        assertThrows(IllegalStateException.class, () -> isolation.run(o -> o.collect("x"), failingSink),
                "emitting happens outside the isolation");
    }
}
