package dev.streamwarden.job.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ParseResult;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Kinesis records carry the configured source name, and that name picks the log types they are classified as. */
class KinesisRecordSchemaTest {
    /** An sshd line: a log type the listed source streamwarden-demo does not carry (rules' sources.yaml). */
    private static final String SSHD_LINE = "<38>1 2026-11-28T10:03:41.007Z bastion-2 sshd 4290 - - Failed password"
            + " for invalid user test from 203.0.113.5 port 52011 ssh2";

    private static final String FLOW_LINE =
            "2 123456789012 eni-0a1b2c3d 10.0.0.1 10.0.0.2 443 49152 6 10 840 1764324000 1764324060 ACCEPT OK";

    private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";

    private static RawRecord read(KinesisRecordSchema schema, String line) {
        return schema.deserialize(
                line.getBytes(StandardCharsets.UTF_8),
                "pk-1",
                SEQUENCE,
                1764324061000L,
                "flows-prod",
                "shardId-000000000001");
    }

    @Test
    void recordsCarryTheConfiguredSourceNameElseTheStreamName() {
        RawRecord named = read(new KinesisRecordSchema("streamwarden-demo"), FLOW_LINE);
        assertEquals(
                new RawRecord(
                        "streamwarden-demo",
                        "shardId-000000000001",
                        "pk-1",
                        SEQUENCE,
                        1764324061000L,
                        FLOW_LINE.getBytes(StandardCharsets.UTF_8)),
                named);
        assertEquals("flows-prod", read(new KinesisRecordSchema(null), FLOW_LINE).envelope.source);
    }

    @Test
    void aListedSourceIsClassifiedOnlyAgainstTheLogTypesItCarries() {
        Classifier classifier = Classifier.standard();
        RawRecord demo = read(new KinesisRecordSchema("streamwarden-demo"), SSHD_LINE);
        ParseResult carried = classifier.classify(RawEvent.from(demo, SSHD_LINE));
        assertFalse(carried.matched(), "streamwarden-demo carries no sshd logs");
        assertTrue(carried.miss().startsWith("no log type matched (tried vpc_flow"), carried.miss());
        assertFalse(carried.miss().contains("sshd"), carried.miss());

        RawRecord unlisted = read(new KinesisRecordSchema(null), SSHD_LINE);
        assertEquals(
                "sshd",
                classifier.classify(RawEvent.from(unlisted, SSHD_LINE)).event().logType,
                "a source sources.yaml does not list tries every log type");

        ParseResult flow = classifier.classify(
                RawEvent.from(read(new KinesisRecordSchema("streamwarden-demo"), FLOW_LINE), FLOW_LINE));
        assertEquals("vpc_flow", flow.event().logType);
        assertEquals("streamwarden-demo", flow.event().envelope.source);
    }
}
