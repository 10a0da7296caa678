package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawEvent;
import java.util.LinkedHashMap;
import java.util.List;

/** A parser of text lines: gets the event's line without surrounding whitespace. */
abstract class TextRecordParser implements RecordParser {
    private static final long serialVersionUID = 1L;

    @Override
    public final boolean parsesJson() {
        return false;
    }

    @Override
    public final List<ParsedRecord> records(RawEvent event, JsonNode ignored) throws Miss {
        return records(event, event.payload.strip());
    }

    abstract List<ParsedRecord> records(RawEvent event, String line) throws Miss;

    /** An empty record sized for its fields: grown from the default size, most records would be copied once. */
    static ObjectNode record(int fields) {
        return new ObjectNode(JsonNodeFactory.instance, new LinkedHashMap<>(fields * 4 / 3 + 2));
    }

    /**
     * Reads a quoted value starting at the opening quote at {@code start} into {@code value}; a backslash escapes
     * the next character. Returns the index after the closing quote.
     */
    static int readQuoted(String line, int start, char quote, StringBuilder value) {
        int j = start + 1;
        int n = line.length();
        while (j < n && line.charAt(j) != quote) {
            if (line.charAt(j) == '\\' && j + 1 < n) {
                j++;
            }
            value.append(line.charAt(j++));
        }
        return j + 1;
    }

    /**
     * The closeness of a line that fits a format for its first {@code fits} of {@code length} characters: 0 for less
     * than half, or fewer than {@value #CLOSE_FIT} characters (most likely another format that happens to start alike:
     * a few space-separated words fit the start of nearly every format), 5 to 9 beyond (this format, broken late or
     * cut short), so a dead letter names the format the line nearly is (see {@link Miss#closeness()}).
     */
    static int closenessOf(int fits, int length) {
        return fits < CLOSE_FIT || 2L * fits < length ? 0 : 5 + (int) (4L * fits / length);
    }

    private static final int CLOSE_FIT = 24;

    /**
     * Up to 40 characters of the line from {@code from}, to show where a line stops fitting its format (never half a
     * surrogate pair: the reason is written as JSON).
     */
    static String excerpt(String line, int at) {
        int from = at > 0 && at < line.length() && Character.isLowSurrogate(line.charAt(at)) ? at - 1 : at;
        if (line.length() - from <= 40) {
            return line.substring(from);
        }
        int end = Character.isHighSurrogate(line.charAt(from + 39)) ? from + 39 : from + 40;
        return line.substring(from, end) + "…";
    }
}
