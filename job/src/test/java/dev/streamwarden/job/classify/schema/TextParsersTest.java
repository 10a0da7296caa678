package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ParseResult;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The syslog and regex parsers: the header shapes syslog daemons write, message types, and misses that say where. */
class TextParsersTest {
    private static final long ARRIVAL = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    private static final String SYSLOG_FIELDS = "    fields:\n      timestamp: {type: timestamp, optional: true}\n"
            + "      host: {type: string, optional: true}\n      app: string\n      message: string\n"
            + "      message_type: {type: string, optional: true}\n      user: {type: string, optional: true}\n";

    private static LogSchema schema(String yaml) {
        return TestSchemas.entry(yaml);
    }

    private static Event one(LogSchema schema, String line) throws Miss {
        List<Event> events = schema.parse(RawEvent.from(new RawRecord("s", "o", null, "1", ARRIVAL, null), line), null);
        assertEquals(1, events.size());
        return events.get(0);
    }

    private static Miss miss(LogSchema schema, String line) {
        return assertThrows(
                Miss.class,
                () -> schema.parse(RawEvent.from(new RawRecord("s", "o", null, "1", ARRIVAL, null), line), null));
    }

    @Test
    void syslogReadsTheHeaderShapesDaemonsWrite() throws Miss {
        LogSchema s = schema("    parser: syslog\n" + SYSLOG_FIELDS);
        Event priority = one(s, "<38>Nov 28 10:00:01 192.0.2.20 sshd[81]: a");
        assertEquals("192.0.2.20", priority.text("host"));
        assertEquals(38, priority.json().get("priority").asInt());
        assertEquals("2026-11-28T10:00:01Z", priority.text("timestamp"));
        Event hostless = one(s, "Nov 28 10:00:02 sshd[82]: Disconnecting: Too many authentication failures");
        assertNull(hostless.text("host"));
        assertEquals("sshd", hostless.text("app"));
        assertEquals("82", hostless.text("pid"));
        assertEquals("Disconnecting: Too many authentication failures", hostless.text("message"));
        Event noPid = one(s, "Dec 1 07:15:00 web-1 sshd(pam_unix): check pass; user unknown");
        assertEquals("sshd(pam_unix)", noPid.text("app"));
        assertNull(noPid.text("pid"));
        assertEquals("2026-12-01T07:15:00Z", noPid.text("timestamp"), "a day written with one digit, no padding");
        Event rsyslog = one(s, "2026-11-28T11:00:06.123456+01:00 web-2 sshd-session[86]: b");
        assertEquals("2026-11-28T10:00:06.123456Z", rsyslog.text("timestamp"));
        assertEquals("sshd-session", rsyslog.text("app"));
        assertEquals("web-2", rsyslog.text("host"));
        assertEquals(
                "2026-11-28T10:00:07Z",
                one(s, "<86>2026-11-28 10:00:07 web-2 sshd[87]: c").text("timestamp"));
        assertEquals(
                "2026-11-28T10:00:08.654321Z",
                one(s, "2026-11-28T11:00:08.654321+0100 web-2 sshd[88]: journalctl " + "-o short-iso-precise")
                        .text("timestamp"));
        assertEquals(
                "2026-11-28T10:00:09.250Z",
                one(s, "Nov 28 10:00:09.250 web-2 sshd[89]: syslog-ng frac-digits(3)")
                        .text("timestamp"));
        Event structured = one(s, "<38>1 2026-11-28T11:00:10.000Z web-3 sshd 88 - [m note=\"a ] b\" n=\"\\\"\"] d");
        assertEquals("[m note=\"a ] b\" n=\"\\\"\"]", structured.text("structured_data"));
        assertEquals("d", structured.text("message"));
    }

    @Test
    void aClassicElbLineIsNotTakenForSyslogWithAnAddressAsItsProgram() {
        LogSchema s = schema("    parser: syslog\n" + SYSLOG_FIELDS);
        Miss miss = miss(s, "2015-05-13T23:39:43.945958Z my-lb 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048");
        assertEquals("t: not a syslog line (RFC 5424, RFC 3164, or with an ISO-8601 time)", miss.getMessage());
        assertEquals(0, miss.closeness());
    }

    @Test
    void namedMessagePatternsTypeTheMessageAndTheFirstThatMatchesFillsFields() throws Miss {
        LogSchema s = schema("    parser: syslog\n    message_pattern:\n      login: ['^ok (?<user>\\S+)', "
                + "'^fine (?<user>\\S+)']\n      greeting: '^ok'\n" + SYSLOG_FIELDS);
        Event ok = one(s, "Nov 28 10:00:01 h app[1]: ok bob");
        assertEquals("login", ok.text("message_type"));
        assertEquals("bob", ok.text("user"));
        assertEquals("login", one(s, "Nov 28 10:00:01 h app[1]: fine carol").text("message_type"));
        Event other = one(s, "Nov 28 10:00:01 h app[1]: something else");
        assertNull(other.text("message_type"));
        assertNull(other.text("user"));
        assertEquals("something else", other.text("message"));
    }

    @Test
    void aMessageNoPatternMatchesMissesOnlyWhenThePatternsFieldsAreRequired() {
        LogSchema s = schema("    parser: syslog\n    message_pattern: '^user (?<user>\\S+)'\n"
                + "    fields: {host: string, app: string, user: string}\n");
        Miss miss = miss(s, "Nov 28 10:00:01 h app[1]: no user here");
        assertEquals("t: missing required key user", miss.getMessage());
        assertTrue(miss.closeness() > 10, "a syslog line of the right program is a near miss: " + miss.closeness());
    }

    @Test
    void messagePatternMistakesAreNamed() {
        assertEquals(
                "schemas/test.yaml: t: message_pattern: Bad-Name: a message type is lower_snake_case",
                assertThrows(
                                SchemaException.class,
                                () -> schema("    parser: syslog\n    message_pattern: " + "{Bad-Name: x}\n"
                                        + SYSLOG_FIELDS))
                        .getMessage());
        assertEquals(
                "schemas/test.yaml: t: message_pattern: a regex, or a map of message types to regexes",
                assertThrows(
                                SchemaException.class,
                                () -> schema("    parser: syslog\n    message_pattern: [x]\n" + SYSLOG_FIELDS))
                        .getMessage());
        assertEquals(
                "schemas/test.yaml: t: message_pattern: a: expected a regex or a list of regexes",
                assertThrows(
                                SchemaException.class,
                                () -> schema(
                                        "    parser: syslog\n    message_pattern: " + "{a: {b: c}}\n" + SYSLOG_FIELDS))
                        .getMessage());
    }

    @Test
    void aRegexMissSaysWhereTheLineStopsFittingAndRanksByHowFar() throws Miss {
        LogSchema s = schema("    parser: regex\n    pattern: '(?<a>\\d+) (?<b>[a-z]+) (?<c>\\d+)'\n"
                + "    fields: {a: integer, b: string, c: integer}\n");
        assertEquals(34, one(s, "12 abc 34").json().get("c").asInt());
        Miss late = miss(s, "1234567890 abcdefghijklmnopqrstu x9");
        assertEquals("t: the line fits the format up to character 33, not from there: 'x9'", late.getMessage());
        assertEquals(5 + 4 * 33 / 35, late.closeness());
        assertEquals(0, miss(s, "12 abc x9").closeness(), "a few words fit the start of nearly any format");
        Miss early = miss(s, "x 12 abc 34");
        assertEquals("t: the line does not fit the format from its first character", early.getMessage());
        assertEquals(0, early.closeness());
        Miss shortLine = miss(s, "1234567890 abcdefghijklmnopqrstu");
        assertEquals(
                "t: the line stops before the format does (cut short, or fields run together)", shortLine.getMessage());
        assertEquals(9, shortLine.closeness());
        assertEquals(0, miss(s, "1 x y z w v u t s r q p").closeness(), "fitting less than half is another format");
    }

    @Test
    void aKeyValueMissRanksByHowMuchOfTheLineWasPairs() {
        LogSchema s = schema("    parser: kv\n    fields: {a: string}\n");
        assertEquals(0, miss(s, "a=1 stray words that are not pairs at all").closeness());
        assertEquals(
                8, miss(s, "alpha=1 beta=2 gamma=3 delta=4 epsilon=5 stray").closeness());
    }

    /**
     * Guards the quoted-value patterns against work that grows faster than the line (backtracking, or a stack frame
     * per character): a 1 MiB user agent full of quotes classifies, and a line broken after it misses naming where.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMebibyteUserAgentFullOfQuotesClassifiesAndALineBrokenAfterItMissesSayingWhere() {
        String agent = "Mozilla/5.0 " + "a\"b ".repeat(262_144);
        String s3 = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 "
                + "[28/Nov/2026:10:00:38 +0000] 198.51.100.7 - 3E57427F3EXAMPLE REST.GET.OBJECT a.txt "
                + "\"GET /a.txt HTTP/1.1\" 200 - 26 26 7 6 \"-\" \"" + agent + "\" - hostid SigV4 "
                + "ECDHE-RSA-AES128-GCM-SHA256 AuthHeader b.s3.amazonaws.com TLSv1.2";
        Classifier classifier = Classifier.standard();
        ParseResult whole = classifier.classify(RawEvent.from(new RawRecord("s", "o", null, "1", ARRIVAL, null), s3));
        assertTrue(whole.matched(), () -> whole.miss().substring(0, 200));
        assertEquals(agent, whole.event().text("user_agent"));
        String alb = "http 2026-11-28T10:00:13.402000Z app/my-lb/50dc6c495c0c9188 198.51.100.23:49153 10.0.0.1:80 "
                + "0.086 0.048 0.037 200 200 618 5732 \"GET https://www.example.com:443/ HTTP/1.1\" \"" + agent
                + "\" - - - \"-\" \"-\" \"-\" 1 2026-11-28T10:00:13.315000Z forward \"-\" \"-\"";
        ParseResult broken = classifier.classify(RawEvent.from(new RawRecord("s", "o", null, "1", ARRIVAL, null), alb));
        assertFalse(broken.matched());
        assertTrue(
                broken.miss()
                        .endsWith("closest: alb: the line fits the format up to character "
                                + (alb.indexOf(" forward") + 1) + ", not from there: 'forward \"-\" \"-\"'"),
                broken.miss().substring(0, 100) + "…"
                        + broken.miss().substring(broken.miss().length() - 200));
    }
}
