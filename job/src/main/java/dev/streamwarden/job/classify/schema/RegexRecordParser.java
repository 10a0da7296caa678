package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawEvent;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines matched by one regular expression. Its groups fill the schema's fields: named groups by name (Java group
 * names allow no "_": {@code (?<clientip>...)} fills {@code client_ip}), otherwise capturing groups in field order;
 * a group that did not take part in the match leaves its field null. A line that does not match says where it stops
 * fitting the expression, and ranks as nearly this format when that is past half the line.
 */
final class RegexRecordParser extends TextRecordParser {
    private static final long serialVersionUID = 1L;
    /** A whole line matched: a schema check that fails afterwards still names a near miss. */
    static final int MATCHED = 5;

    private final Pattern pattern;
    /** groups[i] is the group that fills fields[i]: a name, or a 1-based index. */
    private final List<String> fields;

    private final List<String> groups;
    private final NullValues nullValues;

    RegexRecordParser(Pattern pattern, List<String> fields, List<String> groups, NullValues nullValues) {
        this.pattern = pattern;
        this.fields = fields;
        this.groups = groups;
        this.nullValues = nullValues;
    }

    @Override
    List<ParsedRecord> records(RawEvent event, String line) throws Miss {
        BoundedText text = new BoundedText(line);
        Matcher m = text.matcher(pattern);
        boolean matches;
        try {
            matches = m.matches();
        } catch (BoundedText.TooCostly e) {
            throw new Miss("the format does not match without " + e.getMessage() + " (it backtracks)", 0);
        }
        if (!matches) {
            // Where the line stops fitting costs a dozen more matches: worked out only if the event is dead-lettered.
            throw Miss.deferred(() -> miss(pattern, line));
        }
        ObjectNode record = record(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            String group = groups.get(i);
            String value = Character.isDigit(group.charAt(0)) ? m.group(Integer.parseInt(group)) : m.group(group);
            if (value == null || nullValues.contains(value)) {
                record.putNull(fields.get(i));
            } else {
                record.put(fields.get(i), value);
            }
        }
        return List.of(new ParsedRecord(record, null).recognised(MATCHED));
    }

    /** Why the line is not of this format: where it stops fitting, or that it ends too soon. */
    private static Miss miss(Pattern pattern, String line) {
        int fits = fittingPrefix(pattern, line);
        if (fits == line.length()) {
            return new Miss(
                    "the line stops before the format does (cut short, or fields run together)",
                    closenessOf(fits, line.length()));
        }
        if (fits == 0) {
            return new Miss("the line does not fit the format from its first character", 0);
        }
        return new Miss(
                "the line fits the format up to character " + fits + ", not from there: '" + excerpt(line, fits) + "'",
                closenessOf(fits, line.length()));
    }

    /**
     * The length of the longest start of the line that some line of this format could begin with. A failed match
     * that hit the end of its input could have gone on with more input ({@link Matcher#hitEnd()}), so a binary
     * search over prefixes finds where the line stops fitting: about 20 more matches for a 1 MiB line, paid only on
     * a miss. The line does not match the pattern whole. A prefix too costly to match counts as not fitting, so
     * the answer is a lower bound on hostile lines.
     */
    static int fittingPrefix(Pattern pattern, String line) {
        BoundedText text = new BoundedText(line);
        Matcher failed = text.matcher(pattern);
        if (couldGoOn(failed, text, line.length())) {
            return line.length();
        }
        int fits = 0;
        int fitsNot = line.length();
        while (fitsNot - fits > 1) {
            int mid = (fits + fitsNot) >>> 1;
            if (couldGoOn(failed, text, mid)) {
                fits = mid;
            } else {
                fitsNot = mid;
            }
        }
        return fits;
    }

    /** Whether the first {@code length} chars are, or could begin, a line of the format. */
    private static boolean couldGoOn(Matcher matcher, BoundedText text, int length) {
        text.rearm();
        matcher.region(0, length);
        try {
            return matcher.matches() || matcher.hitEnd();
        } catch (BoundedText.TooCostly e) {
            return false;
        }
    }
}
