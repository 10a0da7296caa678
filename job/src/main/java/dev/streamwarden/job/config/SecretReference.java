package dev.streamwarden.job.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration value that names an AWS Secrets Manager secret instead of holding it, in the form ECS task
 * definitions use: {@code arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[:JSON_KEY[:VERSION_STAGE[:VERSION_ID]]]}.
 * Without a JSON key the whole secret string is the value.
 */
final class SecretReference {
    static final String FORM =
            "arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[:JSON_KEY[:VERSION_STAGE[:VERSION_ID]]]";
    private static final Pattern ARN = Pattern.compile(
            "(arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\\d{12}:secret:[^:]+)(?::([^:]*)(?::([^:]*)(?::([^:]*))?)?)?");

    final String secretArn;
    final String region;
    final String jsonKey;
    final String versionStage;
    final String versionId;

    private SecretReference(Matcher m) {
        secretArn = m.group(1);
        region = m.group(2);
        jsonKey = emptyToNull(m.group(3));
        versionStage = emptyToNull(m.group(4));
        versionId = emptyToNull(m.group(5));
    }

    /** True for values meant as references (well-formed or not): they must never be used as the secret itself. */
    static boolean isOne(String value) {
        return value != null && value.startsWith("arn:") && value.contains(":secretsmanager:");
    }

    static SecretReference parse(String key, String value) {
        Matcher m = ARN.matcher(value);
        if (!m.matches()) {
            throw new ConfigException(key + ": '" + value + "' is not a Secrets Manager reference (" + FORM + ")");
        }
        return new SecretReference(m);
    }

    /** What one GetSecretValue call returns; references differing only in the JSON key share it. */
    String version() {
        return secretArn + ':' + versionStage + ':' + versionId;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
