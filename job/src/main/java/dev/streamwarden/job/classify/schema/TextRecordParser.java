package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.job.model.RawEvent;
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
}
