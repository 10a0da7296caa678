package dev.streamwarden.job.deliver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.util.function.SerializableFunction;

/** Writes each element as one line of JSON. */
public final class JsonLines<T> implements Encoder<T> {
    private static final long serialVersionUID = 1L;

    private final SerializableFunction<T, String> toJson;

    public JsonLines(SerializableFunction<T, String> toJson) {
        this.toJson = toJson;
    }

    @Override
    public void encode(T element, OutputStream stream) throws IOException {
        stream.write(toJson.apply(element).getBytes(StandardCharsets.UTF_8));
        stream.write('\n');
    }
}
