package dev.streamwarden.job.classify.schema;

/** An invalid schema file; the message names the file, the log type and the key. */
public class SchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
