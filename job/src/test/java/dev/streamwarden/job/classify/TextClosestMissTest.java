package dev.streamwarden.job.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import org.junit.jupiter.api.Test;

/**
 * A text line that no log type reads is dead-lettered naming the type it nearly is, with why it is not: a syslog
 * line of another program names sshd, a broken load balancer line names its format and where it breaks, and none of
 * them is called a flow log because its field count happens to be near 14.
 */
class TextClosestMissTest {
    private final Classifier classifier = Classifier.standard();

    private String closest(String line) {
        ParseResult result = classifier.classify(
                RawEvent.from(new RawRecord("stream-a", "shardId-0", "pk", "seq-1", 1_795_000_000_000L, null), line));
        assertFalse(result.matched(), () -> line + " should not classify");
        return result.miss().substring(result.miss().indexOf("closest: ") + "closest: ".length());
    }

    @Test
    void aSyslogLineOfAnotherProgramNamesSshdAndTheProgramEvenWithFourteenFields() {
        // 14 space-separated fields: the flow log's count matches and only its version pattern fails.
        assertEquals(
                "sshd: app 'sudo' does not match /^sshd(-session|-auth)?(\\(pam_unix\\))?$/",
                closest(
                        "Nov 28 10:00:00 web-1 sudo: alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/id"));
        assertEquals(
                "sshd: app 'CRON' does not match /^sshd(-session|-auth)?(\\(pam_unix\\))?$/",
                closest("<78>Nov 28 10:00:00 web-1 CRON[4242]: (root) CMD (run-parts /etc/cron.hourly)"));
    }

    @Test
    void anSshdLineWithoutASyslogTimeNamesSshdNotTheFlowLogItsFieldCountIsNear() {
        // 13 fields, one short of a flow log: the delimited parser's near miss ranks below a program tag.
        assertEquals(
                "sshd: not a syslog line: no timestamp before the program tag 'sshd[4242]:'",
                closest(
                        "bastion-1 sshd[4242]: Failed password for invalid user root from 203.0.113.5 port 51234 ssh2"));
        assertEquals(
                "sshd: an RFC 3164 time, but not followed by '[HOST] PROGRAM[PID]: ': '[sshd]: User root from "
                        + "203.0.113.5 not a…'",
                closest("Nov 28 10:00:00 [sshd]: User root from 203.0.113.5 not allowed"));
    }

    @Test
    void aLoadBalancerLineBrokenLateNamesItsFormatAndWhereItBreaks() {
        String alb = "http 2026-11-28T10:00:13.402000Z app/my-lb/50dc6c495c0c9188 198.51.100.23:49153 10.0.0.1:80 "
                + "0.086 0.048 0.037 200 200 618 5732 \"GET https://www.example.com:443/ HTTP/1.1\" \"curl/8.5.0\" "
                + "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/"
                + "t/73e2d6bc24d8a067 \"Root=1-6b0aa62d-1d84f3d73c47ec4e58577259\" \"www.example.com\" \"-\" 1 "
                + "2026-11-28T10:00:13.315000Z forward \"-\" \"-\"";
        int broken = alb.indexOf("forward");
        assertEquals(
                "alb: the line fits the format up to character " + broken + ", not from there: 'forward \"-\" "
                        + "\"-\"'",
                closest(alb));
    }

    @Test
    void aLineCutShortSaysSo() {
        String s3 = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 "
                + "[28/Nov/2026:10:00:38 +0000] 198.51.100.7 - 3E57427F3EXAMPLE REST.GET.OBJECT a.txt "
                + "\"GET /a.txt HTTP/1.1\" 200 - 26 26 7 6 \"-\" \"curl/8.5.0";
        assertEquals(
                "s3_access: the line stops before the format does (cut short, or fields run together)", closest(s3));
    }

    @Test
    void aLineThatFitsNoFormatAtAllSaysSoInsteadOfNamingOne() {
        ParseResult result = classifier.classify(RawEvent.from(
                new RawRecord("stream-a", "shardId-0", "pk", "seq-1", 1_795_000_000_000L, null), "hello world"));
        assertFalse(result.matched());
        assertTrue(result.miss().contains("; the line fits none of their formats (the first: "), result.miss());
        assertEquals(null, result.closestLogType(), "counted against no log type");
    }
}
