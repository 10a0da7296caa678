package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawEvent;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines matched by one regular expression. Its groups fill the schema's fields: named groups by name (Java group
 * names allow no "_": {@code (?<clientip>...)} fills {@code client_ip}), otherwise capturing groups in field order.
 */
final class RegexRecordParser extends TextRecordParser {
    private static final long serialVersionUID = 1L;

    private final Pattern pattern;
    /** groups[i] is the group that fills fields[i]: a name, or a 1-based index. */
    private final List<String> fields;
    private final List<String> groups;
    private final Set<String> nullValues;

    RegexRecordParser(Pattern pattern, List<String> fields, List<String> groups, Set<String> nullValues) {
        this.pattern = pattern;
        this.fields = fields;
        this.groups = groups;
        this.nullValues = nullValues;
    }

    @Override
    List<ParsedRecord> records(RawEvent event, String line) throws Miss {
        Matcher m = pattern.matcher(line);
        if (!m.matches()) {
            throw new Miss("line does not match /" + abbreviate(pattern.pattern()) + "/", 0);
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < fields.size(); i++) {
            String group = groups.get(i);
            String value = Character.isDigit(group.charAt(0)) ? m.group(Integer.parseInt(group)) : m.group(group);
            if (value == null || nullValues.contains(value)) {
                record.putNull(fields.get(i));
            } else {
                record.put(fields.get(i), value);
            }
        }
        return List.of(new ParsedRecord(record, null));
    }

    private static String abbreviate(String regex) {
        return regex.length() <= 60 ? regex : regex.substring(0, 60) + "…";
    }
}
