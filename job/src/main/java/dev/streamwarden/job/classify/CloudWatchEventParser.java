package dev.streamwarden.job.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.model.RawEvent;

/** CloudWatch Events / EventBridge events: {@code version, id, detail-type, source, account, time, region, detail}. */
public final class CloudWatchEventParser implements LogParser {
    private static final long serialVersionUID = 1L;
    private static final String[] REQUIRED = {"id", "detail-type", "source", "account", "time", "region"};

    @Override
    public String logType() {
        return "cloudwatch_event";
    }

    @Override
    public boolean parsesJson() {
        return true;
    }

    @Override
    public ParseResult parse(RawEvent raw, JsonNode json) {
        for (int i = 0; i < REQUIRED.length; i++) {
            if (!json.path(REQUIRED[i]).isTextual()) {
                return ParseResult.miss(logType() + ": missing required key " + REQUIRED[i], i);
            }
        }
        if (!json.path("detail").isObject()) {
            return ParseResult.miss(logType() + ": missing required object detail", REQUIRED.length);
        }
        long eventTime = Events.isoMillis(json.get("time").asText());
        if (eventTime < 0) {
            return ParseResult.miss(logType() + ": time '" + json.get("time").asText()
                    + "' is not an ISO-8601 instant", REQUIRED.length);
        }
        Event event = Events.fromRaw(logType(), raw);
        event.setRecordText(raw.payload, json);
        event.eventTime = eventTime;
        event.normalized.account = json.get("account").asText();
        event.normalized.region = json.get("region").asText();
        event.normalized.eventName = json.get("detail-type").asText();
        return ParseResult.of(event);
    }
}
