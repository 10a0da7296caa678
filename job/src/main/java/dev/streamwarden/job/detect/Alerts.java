package dev.streamwarden.job.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.model.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Building alerts: what every alert takes from its rule, and deterministic ids. */
final class Alerts {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Alerts() {}

    /** An alert with the rule's identity and outputs; the caller sets id, counts and times. */
    static Alert of(Rule rule, String source, String logType, String mergeKey, String[] records) {
        Alert alert = new Alert();
        alert.rule = rule.name();
        alert.severity = rule.spec().severity().name();
        alert.description = rule.spec().description();
        alert.source = source;
        alert.logType = logType;
        alert.mergeKey = mergeKey;
        alert.records = records;
        alert.outputs = rule.spec().outputs().toArray(new String[0]);
        ObjectNode context = MAPPER.createObjectNode();
        rule.spec().context().forEach(context::put);
        alert.context = context.toString();
        alert.mergeWindow = rule.spec().mergeWindow() == null
                ? 0
                : rule.spec().mergeWindow().toMillis();
        return alert;
    }

    /** The same detection on the same input always gets the same id, across restarts and replays. */
    static String id(String... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
        for (String part : parts) {
            sha256.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        byte[] digest = sha256.digest();
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < 16; i++) {
            hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
        }
        return hex.toString();
    }
}
