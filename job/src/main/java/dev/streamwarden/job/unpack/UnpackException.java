package dev.streamwarden.job.unpack;

/** A record that cannot be unpacked; the message is the dead-letter reason. */
public class UnpackException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnpackException(String message) {
        super(message);
    }
}
