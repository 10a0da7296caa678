package dev.streamwarden.job.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lines built to make the schemas' regular expressions backtrack (overlapping quantifiers, a CR where {@code .*}
 * used to stop, a pattern searched from every position) classify in time linear in their length: each is near the
 * 1 MiB event cap and must take well under a second here; the timeout only stops a regression from hanging the build
 * (quadratic or cubic matching of these lines takes hours).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileLinesTest {
    private static final String ALB = "http 2026-11-28T12:00:01.104000Z app/lb/50dc 203.0.113.201:39001 - -1 -1 -1 400"
            + " - 0 272 \"GET http://x/ HTTP/1.1\" \"-\" - - - \"-\" \"-\" \"-\" - 2026-11-28T12:00:01.101000Z \"-\" \"-\""
            + " \"-\"";
    private final Classifier classifier = Classifier.standard();

    private ParseResult classify(String payload) {
        return classifier.classify(
                RawEvent.from(new RawRecord("hostile", "shardId-0", "pk", "1", 1_795_860_000_000L, null), payload));
    }

    @Test
    void loadBalancerLinesWithManyFieldsAndACarriageReturnAfterTheKnownOnes() {
        ParseResult result = classify(ALB + " a".repeat(200_000) + "\r\" x");
        assertEquals("alb", result.event().logType, "the trailing part is ignored, as AWS's later fields are");
    }

    @Test
    void loadBalancerRequestsFullOfSpacesThatDoNotEnd() {
        String classic = "2026-11-28T12:00:01.104000Z my-elb 203.0.113.201:39001 10.0.0.1:80 0.1 0.1 0.1 200 200 0 272"
                + " \"GET http://x/" + " ".repeat(500_000) + "\" \"ua\" - -";
        ParseResult result = classify(classic);
        assertEquals("elb_classic", result.matched() ? result.event().logType : result.miss());
        String broken = ALB.replace("HTTP/1.1\"", " ".repeat(500_000) + "HTTP/1.1") + " \"";
        assertFalse(classify(broken).matched());
    }

    @Test
    void quotesEverywhere() {
        assertFalse(classify("\" ".repeat(400_000)).matched());
        assertFalse(classify("a \"".repeat(300_000)).matched());
        assertFalse(classify(ALB.substring(0, ALB.indexOf('"')) + "\"x\" ".repeat(200_000))
                .matched());
    }

    @Test
    void anEmbeddedJsonPatternIsNotSearchedFromEveryPosition() {
        ParseResult result = classify("{\"@version\":\"1\",\"message\":\"" + "github_audit: {".repeat(60_000) + "\"}");
        assertFalse(result.matched());
    }

    @Test
    void syslogMessagesThatAlmostMatchEveryPattern() {
        assertEquals(
                "sshd",
                classify("<38>Nov 28 10:00:00 host sshd[1]: " + "Failed password for ".repeat(40_000) + "x")
                        .event()
                        .logType);
        assertEquals(
                "sshd",
                classify("<38>Nov 28 10:00:00 host sshd[1]: " + "from 1.2.3.4 port ".repeat(40_000))
                        .event()
                        .logType);
    }
}
