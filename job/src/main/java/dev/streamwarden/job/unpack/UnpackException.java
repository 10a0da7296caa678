package dev.streamwarden.job.unpack;

import dev.streamwarden.job.model.DeadLetter.Cause;

/** A record that cannot be unpacked; the message is the dead-letter reason. */
public class UnpackException extends Exception {
    private static final long serialVersionUID = 1L;

    final Cause cause;

    public UnpackException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }
}
