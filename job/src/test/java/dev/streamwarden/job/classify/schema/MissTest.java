package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A deferred miss works its reason out once, when first asked, and keeps it through a prefix. */
class MissTest {
    @Test
    void aDeferredMissIsWorkedOutOnceWhenAsked() {
        AtomicInteger calls = new AtomicInteger();
        Miss miss = Miss.deferred(() -> {
            calls.incrementAndGet();
            return new Miss("stops at character 7", 8);
        });
        Miss prefixed = miss.prefixed("alb: ");
        assertEquals(0, calls.get(), "nothing is worked out for a miss nobody reads");
        assertEquals("alb: stops at character 7", prefixed.getMessage());
        assertEquals(8, prefixed.closeness());
        assertEquals("stops at character 7", miss.getMessage());
        assertEquals(1, calls.get());
        assertEquals("sshd: no", new Miss("no", 3).prefixed("sshd: ").getMessage());
    }
}
