package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawEvent;
import java.io.Serializable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syslog lines in the three shapes syslog daemons write: RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD
 * MSG}), RFC 3164 ({@code [<PRI>]Mmm d hh:mm:ss [HOST] TAG[PID]: MSG}) and the same with an ISO-8601 time
 * ({@code [<PRI>]2026-11-28T10:00:00.123456+00:00 [HOST] TAG[PID]: MSG}, rsyslog's high-precision default on many
 * distributions, or journalctl's short-iso with a {@code +0000} offset). The host is absent from lines a daemon wrote
 * without one; an RFC 3164 time may carry a fraction of a second. Fields: {@code priority, facility,
 * severity, timestamp} (ISO-8601 UTC; RFC 3164 times carry no year or zone: UTC, and the year in which the time is
 * at most a day after the record's arrival; absent when the header's time cannot be read), {@code host, app, pid,
 * msgid, structured_data, message}. Message patterns add the fields their named groups find in the message: the
 * first pattern that matches wins, and a named one also sets {@code message_type}; a message no pattern matches
 * keeps the header's fields (the schema's required fields decide whether that is enough).
 */
final class SyslogRecordParser extends TextRecordParser {
    private static final long serialVersionUID = 1L;
    /** A syslog header was read: a schema check that fails afterwards (a program that is not sshd) is a near miss. */
    static final int HEADER_READ = 5;
    /** The field a named message pattern sets to its name. */
    static final String MESSAGE_TYPE = "message_type";
    /**
     * Structured data is "-" or [ID PARAM="VALUE" ...] elements; a value is quoted, so a "]" in it (which RFC 5424
     * wants escaped, and senders do not always escape) does not end the element.
     */
    private static final Pattern RFC5424 = Pattern.compile(
            "<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) "
                    + "(-|(?:\\[[^\\s\\]\"]+(?: [^\\s=\\]\"]+=\"(?:[^\"\\\\]|\\\\.)*+\")*\\])+) ?(.*)",
            Pattern.DOTALL);
    /**
     * An optional host (no brackets, not ending in ':', so a tag is never taken for one), the tag (a program name:
     * it starts with a letter, so "192.0.2.1:443" is not one), its optional [PID], the message.
     */
    private static final String HOST_TAG_MESSAGE =
            " (?:([^\\s\\[\\]]*[^\\s\\[\\]:]) )?([A-Za-z][^:\\[\\s]*)(?:\\[([^\\]]*)\\])?: ?(.*)";

    private static final String PRIORITY = "(?:<(\\d{1,3})>)?";
    /** RFC 3164's time; some daemons (syslog-ng's frac-digits) add a fraction of a second. */
    private static final String YEARLESS =
            "[A-Z][a-z]{2} [ \\d]?\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{3}|\\.\\d{6}|\\.\\d{9})?";

    private static final Pattern RFC3164 =
            Pattern.compile(PRIORITY + "(" + YEARLESS + ")" + HOST_TAG_MESSAGE, Pattern.DOTALL);
    /** rsyslog's RFC 3339 time, or journalctl's short-iso one (an offset without a colon: +0000). */
    private static final Pattern ISO_TIMESTAMPED = Pattern.compile(
            PRIORITY + "(\\d{4}-\\d\\d-\\d\\d[T ]" + "\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?(?:[Zz]|[+-]\\d\\d:?\\d\\d)?)"
                    + HOST_TAG_MESSAGE,
            Pattern.DOTALL);

    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("([+-]\\d\\d)(\\d\\d)$");
    /** Lines that are not syslog but look like it: an RFC 5424 start, a program tag, an RFC 3164 time. */
    private static final Pattern RFC5424_START = Pattern.compile("<\\d{1,3}>1 \\S+ \\S+ ");

    private static final Pattern PROGRAM_TAG =
            Pattern.compile("(?:\\S+ )?([A-Za-z][\\w.()/-]*(?:\\[\\d*\\])?:)(?: |$)");
    private static final Pattern RFC3164_START = Pattern.compile(PRIORITY + YEARLESS + " ");
    private static final TimestampFormat YEARLESS_TIME = new TimestampFormat("MMM d HH:mm:ss");
    private static final TimestampFormat YEARLESS_TIME_FRACTION =
            new TimestampFormat("MMM d HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");
    private static final TimestampFormat ISO_TIME = new TimestampFormat("iso8601");

    private final List<MessagePattern> messagePatterns;

    SyslogRecordParser(List<MessagePattern> messagePatterns) {
        this.messagePatterns = messagePatterns;
    }

    /** One pattern for the message: its type (the name it has in the schema, or null) and the groups it fills. */
    static final class MessagePattern implements Serializable {
        private static final long serialVersionUID = 1L;

        final String type;
        final Pattern pattern;
        final List<String> groups;

        MessagePattern(String type, Pattern pattern, List<String> groups) {
            this.type = type;
            this.pattern = pattern;
            this.groups = groups;
        }
    }

    @Override
    List<ParsedRecord> records(RawEvent event, String line) throws Miss {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        ParsedRecord parsed = new ParsedRecord(record, null).recognised(HEADER_READ);
        long reference = PlausibleTime.reference(event.envelope.arrivalTime);
        String message;
        Matcher m = RFC5424.matcher(line);
        if (m.matches()) {
            priority(record, m.group(1));
            if (!m.group(2).equals("-")) {
                time(parsed, ISO_TIME, m.group(2), reference);
            }
            putUnlessNil(record, "host", m.group(3));
            putUnlessNil(record, "app", m.group(4));
            putUnlessNil(record, "pid", m.group(5));
            putUnlessNil(record, "msgid", m.group(6));
            putUnlessNil(record, "structured_data", m.group(7));
            message = m.group(8);
        } else {
            m = ISO_TIMESTAMPED.matcher(line);
            if (m.matches()) {
                time(parsed, ISO_TIME, OFFSET_WITHOUT_COLON.matcher(m.group(2)).replaceFirst("$1:$2"), reference);
            } else {
                m = RFC3164.matcher(line);
                if (!m.matches()) {
                    throw notSyslog(line);
                }
                String time = m.group(2).replace("  ", " ");
                time(parsed, time.indexOf('.') < 0 ? YEARLESS_TIME : YEARLESS_TIME_FRACTION, time, reference);
            }
            if (m.group(1) != null) {
                priority(record, m.group(1));
            }
            putUnlessNil(record, "host", m.group(3));
            record.put("app", m.group(4));
            putUnlessNil(record, "pid", m.group(5));
            message = m.group(6);
        }
        record.put("message", message);
        addMessageFields(record, message);
        return List.of(parsed);
    }

    /** The first message pattern that matches fills its named groups (and names the message's type). */
    private void addMessageFields(ObjectNode record, String message) {
        for (MessagePattern p : messagePatterns) {
            Matcher mm = new BoundedText(message).matcher(p.pattern);
            if (BoundedText.found(mm)) {
                if (p.type != null) {
                    record.put(MESSAGE_TYPE, p.type);
                }
                for (String group : p.groups) {
                    String value = mm.group(group);
                    if (value != null) {
                        record.put(group, value);
                    }
                }
                return;
            }
        }
    }

    /** Why a line is not syslog; one that looks like it (a program tag, a syslog start) ranks as a near miss. */
    private static Miss notSyslog(String line) {
        if (RFC5424_START.matcher(line).lookingAt()) {
            return new Miss(
                    "an RFC 5424 start, but not the rest of its header (APP PROCID MSGID STRUCTURED-DATA): '"
                            + excerpt(line, 0) + "'",
                    4);
        }
        Matcher tag = PROGRAM_TAG.matcher(line);
        if (tag.lookingAt()) {
            return new Miss(
                    "not a syslog line: no timestamp before the program tag '" + excerpt(tag.group(1), 0) + "'", 4);
        }
        Matcher time = RFC3164_START.matcher(line);
        if (time.lookingAt()) {
            return new Miss(
                    "an RFC 3164 time, but not followed by '[HOST] PROGRAM[PID]: ': '" + excerpt(line, time.end())
                            + "'",
                    4);
        }
        return new Miss("not a syslog line (RFC 5424, RFC 3164, or with an ISO-8601 time)", 0);
    }

    private static void priority(ObjectNode record, String text) {
        int priority = Integer.parseInt(text);
        record.put("priority", priority);
        record.put("facility", priority / 8);
        record.put("severity", priority % 8);
    }

    /**
     * The header's time as ISO-8601 UTC; one that cannot be read (Feb 30, 25:61:61) leaves the field out and is
     * recorded: the line is syslog all the same, and its event time falls back to the envelope's or the arrival's.
     */
    private static void time(ParsedRecord parsed, TimestampFormat format, String text, long reference) {
        try {
            parsed.tree.put("timestamp", format.parse(text, reference).toString());
        } catch (IllegalArgumentException e) {
            parsed.withError("timestamp", e.getMessage());
        }
    }

    private static void putUnlessNil(ObjectNode record, String field, String value) {
        if (value != null && !value.equals("-")) {
            record.put(field, value);
        }
    }
}
