package dev.streamwarden.job.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.Normalized;
import dev.streamwarden.job.model.RawEvent;

/**
 * CloudTrail events: one element of a trail file's {@code Records[]}, one CloudWatch Logs message, or the
 * {@code detail} of an EventBridge "AWS API Call via CloudTrail" event.
 */
public final class CloudTrailParser implements LogParser {
    private static final long serialVersionUID = 1L;
    private static final String[] REQUIRED = {"eventVersion", "eventTime", "eventSource", "eventName", "awsRegion"};
    private static final String EVENTBRIDGE_DETAIL_TYPE = "AWS API Call via CloudTrail";

    @Override
    public String logType() {
        return "cloudtrail";
    }

    @Override
    public boolean parsesJson() {
        return true;
    }

    @Override
    public ParseResult parse(RawEvent raw, JsonNode json) {
        boolean viaEventBridge = EVENTBRIDGE_DETAIL_TYPE.equals(json.path("detail-type").asText(null))
                && json.path("detail").isObject();
        JsonNode record = viaEventBridge ? json.get("detail") : json;
        for (int i = 0; i < REQUIRED.length; i++) {
            if (!record.path(REQUIRED[i]).isTextual()) {
                return ParseResult.miss(logType() + ": missing required key " + REQUIRED[i], i);
            }
        }
        long eventTime = Events.isoMillis(record.get("eventTime").asText());
        if (eventTime < 0) {
            return ParseResult.miss(logType() + ": eventTime '" + record.get("eventTime").asText()
                    + "' is not an ISO-8601 instant", REQUIRED.length);
        }
        Event event = Events.fromRaw(logType(), raw);
        if (viaEventBridge) {
            event.setRecordTree(record);
        } else {
            event.setRecordText(raw.payload, record);
        }
        event.eventTime = eventTime;
        normalize(record, event.normalized);
        return ParseResult.of(event);
    }

    private static void normalize(JsonNode record, Normalized n) {
        JsonNode identity = record.path("userIdentity");
        String sourceIp = record.path("sourceIPAddress").asText(null);
        n.srcAddr = Events.isIpAddress(sourceIp) ? sourceIp : null;
        n.region = record.path("awsRegion").asText(null);
        n.eventName = record.path("eventName").asText(null);
        n.account = record.path("recipientAccountId").asText(identity.path("accountId").asText(null));
        n.userArn = identity.path("arn").asText(null);
        n.userType = identity.path("type").asText(null);
        n.userName = identity.path("userName").asText(
                identity.path("sessionContext").path("sessionIssuer").path("userName").asText(null));
        n.userAgent = record.path("userAgent").asText(null);
        n.action = record.hasNonNull("errorCode") ? "failure" : "success";
    }
}
