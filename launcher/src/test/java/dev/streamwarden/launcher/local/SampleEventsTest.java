package dev.streamwarden.launcher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ParseResult;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo's sample events (resources/samples) classify as the log types they are, with their normalized fields. */
class SampleEventsTest {
    private final Classifier classifier = Classifier.standard();

    private static RawEvent raw(String payload) {
        return RawEvent.from(new RawRecord("stream-a", "shardId-0", "pk", "seq-1", 1_000L, null), payload);
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = SampleEventsTest.class.getResourceAsStream("/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .strip()
                    .replace("${time}", "2026-11-28T10:00:00Z");
        }
    }

    private Event classified(RawEvent raw) {
        ParseResult result = classifier.classify(raw);
        assertTrue(result.matched(), () -> "expected a match, got: " + result.miss());
        return result.event();
    }

    @Test
    void parsesCloudTrailEventAndNormalizesIdentity() throws IOException {
        Event e = classified(raw(sample("cloudtrail-root-console-login.json")));

        assertEquals("cloudtrail", e.logType);
        assertEquals(java.time.Instant.parse("2026-11-28T10:00:00Z").toEpochMilli(), e.eventTime);
        assertEquals("ConsoleLogin", e.normalized.eventName);
        assertEquals("Root", e.normalized.userType);
        assertEquals("arn:aws:iam::123456789012:root", e.normalized.userArn);
        assertEquals("123456789012", e.normalized.account);
        assertEquals("203.0.113.45", e.normalized.srcAddr);
        assertEquals("success", e.normalized.outcome);
        assertEquals("us-east-1", e.normalized.region);
    }

    @Test
    void serviceHostNameIsNotASourceAddress() throws IOException {
        Event e = classified(raw(sample("cloudtrail-root-by-service.json")));

        assertNull(e.normalized.srcAddr);
    }

    @Test
    void cloudTrailThroughEventBridgeIsCloudTrailWithTheDetailAsRecord() throws IOException {
        Event e = classified(raw(sample("eventbridge-cloudtrail-create-user.json")));

        assertEquals("cloudtrail", e.logType);
        assertEquals("CreateUser", e.text("eventName"));
        assertNull(e.text("detail-type"));
    }

    @Test
    void specificEventBridgeEventsGetTheirOwnTypeAndTheRestAreCloudWatchEvents() throws IOException {
        Event finding = classified(raw(sample("eventbridge-guardduty-finding.json")));
        assertEquals("guardduty", finding.logType);
        assertEquals("Recon:EC2/PortProbeUnprotectedPort", finding.normalized.eventName);
        assertEquals("16afba5c5c43e07c9e3e5e2e544e95df", finding.text("id"));

        Event other = classified(raw("{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"EC2 Instance State-change "
                + "Notification\",\"source\":\"aws.ec2\",\"account\":\"123456789012\",\"time\":\"2026-11-28T10:00:00Z\","
                + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"state\":\"pending\"}}"));
        assertEquals("cloudwatch_event", other.logType);
        assertEquals("EC2 Instance State-change Notification", other.normalized.eventName);
    }

    @Test
    void sameInputAlwaysGetsTheSameType() throws IOException {
        String payload = sample("eventbridge-cloudtrail-create-user.json");
        for (int i = 0; i < 5; i++) {
            assertEquals("cloudtrail", classified(raw(payload)).logType);
        }
    }
}
