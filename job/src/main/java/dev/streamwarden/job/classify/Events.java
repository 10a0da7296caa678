package dev.streamwarden.job.classify;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.model.RawEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Helpers shared by the parsers. */
final class Events {
    private Events() {}

    /** A new event carrying the raw event's envelope; the parser fills record, time and normalized fields. */
    static Event fromRaw(String logType, RawEvent raw) {
        Event e = new Event();
        e.logType = logType;
        e.source = raw.source;
        e.origin = raw.origin;
        e.sequenceNumber = raw.sequenceNumber;
        e.arrivalTime = raw.arrivalTime;
        e.logGroup = raw.logGroup;
        e.logStream = raw.logStream;
        e.owner = raw.owner;
        e.eventTime = raw.envelopeTime > 0 ? raw.envelopeTime : raw.arrivalTime;
        return e;
    }

    /** Epoch ms of an ISO-8601 instant, or -1 when it does not parse. */
    static long isoMillis(String text) {
        if (text == null) {
            return -1;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** True for a literal IPv4 or IPv6 address (not a host name such as "ec2.amazonaws.com"). */
    static boolean isIpAddress(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (text.indexOf(':') >= 0) {
            return text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
