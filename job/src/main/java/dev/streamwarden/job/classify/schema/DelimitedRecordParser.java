package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Delimiter-separated lines (CSV, space-separated VPC Flow Logs, ALB-style quoted fields). {@link ColumnLayouts}
 * says which field each column holds: a header line of the record, else the line's field count. A line equal to the
 * header (the {@code header} key, or the record's first line when that is a header) is not an event. Separated by
 * spaces, a run of spaces is one separator (such formats write "-" for an empty value, never nothing).
 * CloudWatch Logs {@code extractedFields} are used instead of the line when they name each of its columns (or every
 * field) by a field's name ("-" or "_" alike) or an alias (a filter pattern's names).
 */
final class DelimitedRecordParser extends TextRecordParser {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> fields;
    private final char delimiter;
    private final char quote;
    private final NullValues nullValues;
    private final String header;
    private final Map<String, String> extractedAliases;
    private final ColumnLayouts layouts;

    // Lines of one record share its first line: read it as a header once.
    private transient FirstLine cachedFirstLine;

    /** What a record's first line says about its columns: a header's format, no header (null), or a bad header. */
    private static final class FirstLine {
        final String line;
        final ColumnLayouts.Format header;
        final Miss miss;

        FirstLine(String line, ColumnLayouts.Format header, Miss miss) {
            this.line = line;
            this.header = header;
            this.miss = miss;
        }
    }

    DelimitedRecordParser(
            List<String> fields,
            char delimiter,
            char quote,
            NullValues nullValues,
            String header,
            Map<String, String> extractedAliases,
            ColumnLayouts layouts) {
        this.fields = fields;
        this.delimiter = delimiter;
        this.quote = quote;
        this.nullValues = nullValues;
        this.header = header;
        this.extractedAliases = extractedAliases;
        this.layouts = layouts;
    }

    @Override
    List<ParsedRecord> records(RawEvent event, String line) throws Miss {
        if (header != null && line.equals(header)) {
            return List.of();
        }
        List<String> values = split(line);
        if (event.extractedFields != null) {
            ObjectNode fromExtracted = fromExtractedFields(event.extractedFields, values.size());
            if (fromExtracted != null) {
                return List.of(new ParsedRecord(fromExtracted, null));
            }
        }
        ColumnLayouts.Format format = event.firstLine == null ? null : headerOf(event.firstLine.strip());
        if (format != null && line.equals(event.firstLine.strip())) {
            return List.of();
        }
        if (format == null) {
            format = layouts.headerless(values);
        }
        layouts.check(format, values);
        ObjectNode record = record(values.size());
        for (int i = 0; i < values.size(); i++) {
            put(record, format.columns.get(i), values.get(i));
        }
        return List.of(new ParsedRecord(record, null));
    }

    /** The record's header, or null when its first line is not one; a first line that is a bad header is a miss. */
    private ColumnLayouts.Format headerOf(String firstLine) throws Miss {
        FirstLine read = cachedFirstLine;
        if (read == null || !read.line.equals(firstLine)) {
            try {
                read = new FirstLine(firstLine, layouts.header(firstLine, split(firstLine)), null);
            } catch (Miss miss) {
                read = new FirstLine(firstLine, null, miss);
            }
            cachedFirstLine = read;
        }
        if (read.miss != null) {
            throw read.miss;
        }
        return read.header;
    }

    /** Splits on the delimiter; a field starting with the quote runs to the closing quote ({@code \"} escapes). */
    List<String> split(String line) {
        List<String> values = new ArrayList<>(fields.size() + 1);
        int i = 0;
        int n = line.length();
        while (i <= n) {
            if (i < n && quote != 0 && line.charAt(i) == quote) {
                StringBuilder value = new StringBuilder();
                i = readQuoted(line, i, quote, value);
                values.add(value.toString());
                if (i < n && line.charAt(i) == delimiter) {
                    i = skipDelimiter(line, i);
                } else if (i >= n) {
                    break;
                }
            } else {
                int end = line.indexOf(delimiter, i);
                if (end < 0) {
                    values.add(line.substring(i));
                    break;
                }
                values.add(line.substring(i, end));
                i = skipDelimiter(line, end);
            }
        }
        return values;
    }

    /** The index after the delimiter at {@code at}: after the whole run of them when they are spaces. */
    private int skipDelimiter(String line, int at) {
        int next = at + 1;
        while (delimiter == ' ' && next < line.length() && line.charAt(next) == ' ') {
            next++;
        }
        return next;
    }

    /** The record a filter pattern extracted, when it names each column of the line (or every field); else null. */
    private ObjectNode fromExtractedFields(String extractedFields, int columns) {
        JsonNode extracted;
        try {
            extracted = MAPPER.readTree(extractedFields);
        } catch (IOException e) {
            return null;
        }
        if (extracted == null
                || !extracted.isObject()
                || extracted.size() != columns && extracted.size() != fields.size()) {
            return null;
        }
        ObjectNode record = record(extracted.size());
        for (Map.Entry<String, JsonNode> e : extracted.properties()) {
            String field = extractedAliases.get(aliasKey(e.getKey()));
            if (field == null || record.has(field)) {
                return null;
            }
            put(record, field, e.getValue().asText());
        }
        return record;
    }

    private void put(ObjectNode record, String field, String value) {
        if (nullValues.contains(value)) {
            record.putNull(field);
        } else {
            record.put(field, value);
        }
    }

    /** How filter-pattern names are compared: case, "-" and "_" do not matter. */
    static String aliasKey(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_]", "");
    }
}
