package dev.streamwarden.job.unpack;

import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;

/** Where the {@link Unpacker} sends what it finds in one record. */
public interface UnpackOutput {
    void event(RawEvent event);

    /** A part of the record that cannot be used: reason plus its original bytes. */
    void deadLetter(DeadLetter.Cause cause, String reason, byte[] data);

    /** A CloudWatch Logs health check: counted, carries no events. */
    void controlMessage();
}
