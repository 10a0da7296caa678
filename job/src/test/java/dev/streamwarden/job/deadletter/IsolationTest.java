package dev.streamwarden.job.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.Envelope;
import dev.streamwarden.job.model.DeadLetter;
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
    private final List<DeadLetter> deadLetters = new ArrayList<>();
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
        assertNull(isolation.run(
                (o, d) -> {
                    o.collect("a");
                    o.collect("b");
                },
                out,
                deadLetters::add));
        assertEquals(List.of("a", "b"), emitted);
    }

    @Test
    void aDataFailureEmitsNothingAndIsHandedBack() throws Exception {
        IllegalStateException bad = new IllegalStateException("bad value");
        Throwable failure = isolation.run(
                (o, d) -> {
                    o.collect("half");
                    throw bad;
                },
                out,
                deadLetters::add);
        assertSame(bad, failure);
        assertEquals(List.of(), emitted);
        assertNull(isolation.run((o, d) -> o.collect("next"), out, deadLetters::add), "the next element is unaffected");
        assertEquals(List.of("next"), emitted);
    }

    @Test
    void deadLettersAreHeldLikeResults() throws Exception {
        DeadLetter line = DeadLetter.of(
                "unpack",
                DeadLetter.Cause.MALFORMED_JSON,
                "line 2",
                new Envelope("s", "shardId-0", "7", 1L),
                new byte[] {'{'});
        assertNull(isolation.run(
                (o, d) -> {
                    o.collect("line 1");
                    d.accept(line);
                },
                out,
                deadLetters::add));
        assertEquals(List.of("line 1"), emitted);
        assertEquals(List.of(line), deadLetters);
        Throwable failure = isolation.run(
                (o, d) -> {
                    d.accept(line);
                    throw new IllegalStateException("after a dead letter");
                },
                out,
                deadLetters::add);
        assertEquals("after a dead letter", failure.getMessage());
        assertEquals(List.of(line), deadLetters, "a failed element's dead letters are not emitted: it is one itself");
    }

    @Test
    void deepRecursionIsADataFailure() throws Exception {
        Throwable failure = isolation.run((o, d) -> o.collect(Integer.toString(depth(0))), out, deadLetters::add);
        assertTrue(failure instanceof StackOverflowError, String.valueOf(failure));
    }

    private static int depth(int n) {
        return depth(n + 1) + 1;
    }

    @Test
    void infrastructureFailuresPropagate() {
        ExceptionInChainedOperatorException downstream =
                new ExceptionInChainedOperatorException("sink", new IOException("S3 unreachable"));
        assertSame(
                downstream,
                assertThrows(
                        ExceptionInChainedOperatorException.class,
                        () -> isolation.run(
                                (o, d) -> {
                                    throw downstream;
                                },
                                out,
                                deadLetters::add)));
        IOException checked = new IOException("state backend");
        assertSame(
                checked,
                assertThrows(
                        IOException.class,
                        () -> isolation.run(
                                (o, d) -> {
                                    throw checked;
                                },
                                out,
                                deadLetters::add)));
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
        assertThrows(
                IllegalStateException.class,
                () -> isolation.run((o, d) -> o.collect("x"), failingSink, deadLetters::add),
                "emitting happens outside the isolation");
    }
}
