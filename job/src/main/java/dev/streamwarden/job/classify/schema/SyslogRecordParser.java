package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawEvent;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syslog lines, RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}) or RFC 3164
 * ({@code [<PRI>]Mmm dd hh:mm:ss HOST TAG[PID]: MSG}). Fields: {@code priority, facility, severity, timestamp}
 * (ISO-8601 UTC; RFC 3164 times carry no year or zone: UTC, and the year in which the time is at most a day after
 * the record's arrival; absent when the header's time cannot be read), {@code host, app, pid, msgid,
 * structured_data, message}. A {@code message_pattern} with named groups adds fields parsed from the message.
 */
final class SyslogRecordParser extends TextRecordParser {
    private static final long serialVersionUID = 1L;
    private static final Pattern RFC5424 = Pattern.compile(
            "<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|(?:\\[(?:[^\\]\\\\]|\\\\.)*\\])+) ?(.*)",
            Pattern.DOTALL);
    private static final Pattern RFC3164 = Pattern.compile(
            "(?:<(\\d{1,3})>)?([A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d) (\\S+) ([^:\\[\\s]+)"
                    + "(?:\\[([^\\]]*)\\])?: ?(.*)",
            Pattern.DOTALL);
    private static final TimestampFormat RFC3164_TIME = new TimestampFormat("MMM d HH:mm:ss");
    private static final TimestampFormat RFC5424_TIME = new TimestampFormat("iso8601");

    private final Pattern messagePattern;
    private final List<String> messageGroups;

    SyslogRecordParser(Pattern messagePattern, List<String> messageGroups) {
        this.messagePattern = messagePattern;
        this.messageGroups = messageGroups;
    }

    @Override
    List<ParsedRecord> records(RawEvent event, String line) throws Miss {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        ParsedRecord parsed = new ParsedRecord(record, null);
        long reference = PlausibleTime.reference(event.arrivalTime);
        Matcher m = RFC5424.matcher(line);
        String message;
        if (m.matches()) {
            priority(record, m.group(1));
            if (!m.group(2).equals("-")) {
                time(parsed, RFC5424_TIME, m.group(2), reference);
            }
            putUnlessNil(record, "host", m.group(3));
            putUnlessNil(record, "app", m.group(4));
            putUnlessNil(record, "pid", m.group(5));
            putUnlessNil(record, "msgid", m.group(6));
            putUnlessNil(record, "structured_data", m.group(7));
            message = m.group(8);
        } else {
            m = RFC3164.matcher(line);
            if (!m.matches()) {
                throw new Miss("not an RFC 5424 or RFC 3164 syslog line", 0);
            }
            if (m.group(1) != null) {
                priority(record, m.group(1));
            }
            time(parsed, RFC3164_TIME, m.group(2).replace("  ", " "), reference);
            record.put("host", m.group(3));
            record.put("app", m.group(4));
            putUnlessNil(record, "pid", m.group(5));
            message = m.group(6);
        }
        record.put("message", message);
        if (messagePattern != null) {
            Matcher mm = messagePattern.matcher(message);
            if (!mm.find()) {
                throw new Miss("message does not match /" + messagePattern.pattern() + "/", 2);
            }
            for (String group : messageGroups) {
                String value = mm.group(group);
                if (value != null) {
                    record.put(group, value);
                }
            }
        }
        return List.of(parsed);
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
