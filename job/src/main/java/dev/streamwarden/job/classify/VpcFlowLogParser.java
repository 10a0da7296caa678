package dev.streamwarden.job.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.model.RawEvent;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * VPC Flow Logs, version 2 default format: {@code version account-id interface-id srcaddr dstaddr srcport dstport
 * protocol packets bytes start end action log-status}, space separated, "-" for a missing value.
 *
 * <p>Read from the line itself, or from CloudWatch Logs {@code extractedFields} when a space-delimited filter
 * pattern produced them (the field names there are the filter's: both AWS's documented names and StreamAlert's
 * are understood).
 */
public final class VpcFlowLogParser implements LogParser {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Record keys (Athena's documented column names), in the v2 field order. */
    static final String[] FIELDS = {
        "version", "account_id", "interface_id", "srcaddr", "dstaddr", "srcport", "dstport",
        "protocol", "packets", "bytes", "start", "end", "action", "log_status"
    };
    private static final Set<String> NUMERIC = Set.of(
            "version", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end");
    private static final Set<String> ACTIONS = Set.of("ACCEPT", "REJECT");
    private static final Set<String> STATUSES = Set.of("OK", "NODATA", "SKIPDATA");

    /** Filter-pattern names (lower case, no separators) to record keys. */
    private static final Map<String, String> EXTRACTED_ALIASES = Map.ofEntries(
            Map.entry("version", "version"),
            Map.entry("accountid", "account_id"), Map.entry("account", "account_id"),
            Map.entry("interfaceid", "interface_id"), Map.entry("eni", "interface_id"),
            Map.entry("srcaddr", "srcaddr"), Map.entry("source", "srcaddr"),
            Map.entry("dstaddr", "dstaddr"), Map.entry("destination", "dstaddr"),
            Map.entry("srcport", "srcport"),
            Map.entry("dstport", "dstport"), Map.entry("destport", "dstport"),
            Map.entry("protocol", "protocol"),
            Map.entry("packets", "packets"),
            Map.entry("bytes", "bytes"),
            Map.entry("start", "start"), Map.entry("windowstart", "start"),
            Map.entry("end", "end"), Map.entry("windowend", "end"),
            Map.entry("action", "action"),
            Map.entry("logstatus", "log_status"), Map.entry("flowlogstatus", "log_status"));

    @Override
    public String logType() {
        return "vpc_flow";
    }

    @Override
    public boolean parsesJson() {
        return false;
    }

    @Override
    public ParseResult parse(RawEvent raw, JsonNode ignored) {
        String[] values = raw.extractedFields != null ? fromExtractedFields(raw.extractedFields) : null;
        if (values == null) {
            values = raw.payload.strip().split(" +");
            if (values.length != FIELDS.length) {
                return ParseResult.miss(logType() + ": expected " + FIELDS.length + " space-separated fields, found "
                        + values.length, values.length == FIELDS.length - 1 || values.length == FIELDS.length + 1
                        ? 1 : 0);
            }
        }
        ObjectNode record = MAPPER.createObjectNode();
        for (int i = 0; i < FIELDS.length; i++) {
            String error = put(record, FIELDS[i], values[i]);
            if (error != null) {
                // How many fields were good says how close this came to a flow log.
                return ParseResult.miss(logType() + ": field " + (i + 1) + " (" + FIELDS[i] + ") " + error, 1 + i);
            }
        }
        if (record.path("version").asInt() != 2) {
            return ParseResult.miss(logType() + ": version " + values[0] + " is not the v2 default format", 1);
        }
        Event event = Events.fromRaw(logType(), raw);
        event.setRecordTree(record);
        if (record.path("start").isNumber()) {
            event.eventTime = record.get("start").asLong() * 1000L;
        }
        event.normalized.srcAddr = text(record, "srcaddr");
        event.normalized.dstAddr = text(record, "dstaddr");
        event.normalized.srcPort = integer(record, "srcport");
        event.normalized.dstPort = integer(record, "dstport");
        event.normalized.protocol = integer(record, "protocol");
        event.normalized.action = text(record, "action");
        event.normalized.account = text(record, "account_id");
        return ParseResult.of(event);
    }

    /** The 14 values in v2 order from extractedFields, or null when they do not name all 14 fields. */
    private static String[] fromExtractedFields(String extractedFields) {
        JsonNode fields;
        try {
            fields = MAPPER.readTree(extractedFields);
        } catch (IOException e) {
            return null;
        }
        String[] values = new String[FIELDS.length];
        int found = 0;
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            String key = EXTRACTED_ALIASES.get(field.getKey().toLowerCase(Locale.ROOT).replaceAll("[-_]", ""));
            if (key != null) {
                for (int i = 0; i < FIELDS.length; i++) {
                    if (FIELDS[i].equals(key) && values[i] == null) {
                        values[i] = field.getValue().asText();
                        found++;
                    }
                }
            }
        }
        return found == FIELDS.length ? values : null;
    }

    /** Puts one typed value, or returns why it is not valid. */
    private static String put(ObjectNode record, String field, String value) {
        if (value.equals("-")) {
            if (field.equals("version") || field.equals("log_status")) {
                return "is missing";
            }
            record.putNull(field);
            return null;
        }
        if (NUMERIC.contains(field)) {
            try {
                record.put(field, Long.parseLong(value));
            } catch (NumberFormatException e) {
                return "'" + abbreviate(value) + "' is not an integer";
            }
            return null;
        }
        if (field.equals("action") && !ACTIONS.contains(value)) {
            return "'" + abbreviate(value) + "' is not ACCEPT or REJECT";
        }
        if (field.equals("log_status") && !STATUSES.contains(value)) {
            return "'" + abbreviate(value) + "' is not OK, NODATA or SKIPDATA";
        }
        if ((field.equals("srcaddr") || field.equals("dstaddr")) && !Events.isIpAddress(value)) {
            return "'" + abbreviate(value) + "' is not an IP address";
        }
        record.put(field, value);
        return null;
    }

    private static String text(ObjectNode record, String field) {
        JsonNode node = record.path(field);
        return node.isTextual() ? node.asText() : null;
    }

    private static Integer integer(ObjectNode record, String field) {
        JsonNode node = record.path(field);
        return node.isNumber() ? node.asInt() : null;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
