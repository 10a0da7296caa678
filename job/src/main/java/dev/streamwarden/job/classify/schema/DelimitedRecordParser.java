package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Delimiter-separated lines (CSV, space-separated VPC Flow Logs, ALB-style quoted fields). Columns map to the
 * schema's fields in order. A line equal to the header (the field names as the log writes them) is not an event.
 * Header-driven: when a record's first line names declared fields ("-" read as "_"), that line sets the column
 * order for the record's other lines, and fields it does not name are absent.
 * CloudWatch Logs {@code extractedFields} are used instead of the line when they name every field (aliases map
 * a filter pattern's names to the schema's).
 */
final class DelimitedRecordParser extends TextRecordParser {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> fields;
    private final char delimiter;
    private final char quote;
    private final Set<String> nullValues;
    private final String header;
    private final Map<String, String> extractedAliases;
    private final boolean headerDriven;

    // Lines of one record share its header: map its columns once.
    private transient String cachedHeader;
    private transient List<String> cachedColumns;

    DelimitedRecordParser(List<String> fields, char delimiter, char quote, Set<String> nullValues, String header,
            Map<String, String> extractedAliases, boolean headerDriven) {
        this.headerDriven = headerDriven;
        this.fields = fields;
        this.delimiter = delimiter;
        this.quote = quote;
        this.nullValues = nullValues;
        this.header = header;
        this.extractedAliases = extractedAliases;
    }

    @Override
    List<ParsedRecord> records(RawEvent event, String line) throws Miss {
        if (event.extractedFields != null && !extractedAliases.isEmpty()) {
            ObjectNode fromExtracted = fromExtractedFields(event.extractedFields);
            if (fromExtracted != null) {
                return List.of(new ParsedRecord(fromExtracted, null));
            }
        }
        if (header != null && line.equals(header)) {
            return List.of();
        }
        List<String> columns = headerDriven && event.firstLine != null ? columnsOf(event.firstLine.strip()) : null;
        if (columns != null && line.equals(event.firstLine.strip())) {
            return List.of();
        }
        columns = columns == null ? fields : columns;
        List<String> values = split(line);
        if (values.size() != columns.size()) {
            // One field more or less is nearly this format; far off is another format.
            throw new Miss("expected " + columns.size() + " fields separated by '" + delimiter + "', found "
                    + values.size(), Math.abs(values.size() - columns.size()) <= 1 ? 2 : 0);
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            String value = values.get(i);
            if (nullValues.contains(value)) {
                record.putNull(columns.get(i));
            } else {
                record.put(columns.get(i), value);
            }
        }
        return List.of(new ParsedRecord(record, null));
    }

    /** The fields a header line names, in its order; null when it is not a header of this format. */
    private List<String> columnsOf(String firstLine) {
        if (!firstLine.equals(cachedHeader)) {
            List<String> columns = new ArrayList<>();
            for (String name : split(firstLine)) {
                String field = fields.contains(name.trim()) ? name.trim() : name.trim().replace('-', '_');
                if (!fields.contains(field) || columns.contains(field)) {
                    columns = null;
                    break;
                }
                columns.add(field);
            }
            cachedHeader = firstLine;
            cachedColumns = columns;
        }
        return cachedColumns;
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
                    i++;
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
                i = end + 1;
            }
        }
        return values;
    }

    private ObjectNode fromExtractedFields(String extractedFields) {
        JsonNode extracted;
        try {
            extracted = MAPPER.readTree(extractedFields);
        } catch (IOException e) {
            return null;
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : extracted.properties()) {
            String field = extractedAliases.get(e.getKey().toLowerCase(Locale.ROOT).replaceAll("[-_]", ""));
            if (field != null && !record.has(field)) {
                String value = e.getValue().asText();
                if (nullValues.contains(value)) {
                    record.putNull(field);
                } else {
                    record.put(field, value);
                }
            }
        }
        return record.size() == fields.size() ? record : null;
    }
}
