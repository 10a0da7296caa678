package dev.streamwarden.launcher.fuzz;

/**
 * What the fuzzer does to a record. Event-level mutations change one event's text, envelope mutations the
 * CloudWatch Logs envelope, byte-level ones the record as it would arrive.
 */
public enum Mutation {
    /** A value of one type becomes another: string, number, object, array, null, boolean. */
    TYPE_SWAP,
    /** A date or time that does not exist (2025-02-30, 25:61:61) or an epoch value in the wrong unit or sign. */
    IMPOSSIBLE_TIME,
    /** A number beyond long and double: 400 digits, 1e400. */
    HUGE_NUMBER,
    /** An unpaired UTF-16 surrogate (as a JSON escape). */
    LONE_SURROGATE,
    NUL_BYTE,
    /** A string of 1 MiB (or half of that) inserted into a value. */
    HUGE_STRING,
    /** A value replaced by arrays or objects nested 5,000 deep. */
    DEEP_NESTING,
    /** A key repeated with another value (the last one wins in JSON). */
    DUPLICATE_KEY,
    /** The event written twice with nothing between ({...}{...}, or a text line run into itself). */
    CONCATENATED,
    /** logEvents null, a string or an object; messages as objects, numbers or null; timestamps not numbers. */
    CLOUDWATCH_ENVELOPE,
    /** Bytes that are not UTF-8 (a CESU surrogate, 0xFF) in the text before compression. */
    INVALID_UTF8,
    BIT_FLIP,
    TRUNCATE;

    /** Whether the mutation works on one event's text (else on the envelope or the bytes). */
    boolean onEvent() {
        return ordinal() <= CONCATENATED.ordinal();
    }
}
