package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawEvent;
import java.util.List;

/**
 * {@code key=value} pairs separated by a delimiter; values may be quoted. Every key becomes a record field. A line
 * that stops being pairs ranks by how much of it was pairs (see {@link TextRecordParser#closenessOf}).
 */
final class KeyValueRecordParser extends TextRecordParser {
    private static final long serialVersionUID = 1L;

    private final char separator;
    private final char delimiter;
    private final char quote;

    KeyValueRecordParser(char separator, char delimiter, char quote) {
        this.separator = separator;
        this.delimiter = delimiter;
        this.quote = quote;
    }

    @Override
    List<ParsedRecord> records(RawEvent event, String line) throws Miss {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == delimiter) {
                i++;
            }
            int eq = line.indexOf(separator, i);
            if (eq <= i) {
                if (i < n) {
                    throw new Miss("'" + excerpt(line, i) + "' is not key" + separator + "value", closenessOf(i, n));
                }
                break;
            }
            String key = line.substring(i, eq);
            if (key.indexOf(delimiter) >= 0) {
                throw new Miss("'" + excerpt(key, 0) + "' is not key" + separator + "value", closenessOf(i, n));
            }
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < n && quote != 0 && line.charAt(j) == quote) {
                j = readQuoted(line, j, quote, value);
            } else {
                int end = line.indexOf(delimiter, j);
                end = end < 0 ? n : end;
                value.append(line, j, end);
                j = end;
            }
            record.put(key, value.toString());
            i = j;
        }
        if (record.isEmpty()) {
            throw new Miss("no key" + separator + "value pairs", 0);
        }
        return List.of(new ParsedRecord(record, null));
    }
}
