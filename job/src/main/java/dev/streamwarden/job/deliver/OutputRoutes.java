package dev.streamwarden.job.deliver;

import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.detect.StageAlerts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where alerts go: the one place that knows the output names ({@code slack:NAME}, {@code webhook:NAME},
 * {@code staging}) and which destination serves each, built from the configuration. Start-up validation asks it
 * whether a rule's outputs can be served, the job and redelivery build one sender per route, and alerts to an output
 * no route serves become failed deliveries. Holds names only, never a URL or token.
 */
public final class OutputRoutes implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String SLACK = "slack:";
    public static final String WEBHOOK = "webhook:";
    /** The output name the default webhook's results carry, whichever slack:* output an alert named. */
    public static final String DEFAULT_SLACK = "slack:default";

    private static final Pattern OUTPUT_NAME = Pattern.compile("[a-z0-9_-]+");

    /** How a route delivers. */
    public enum Kind {
        /** A Slack incoming webhook of its own ({@code slack.outputs.NAME}). */
        SLACK_WEBHOOK,
        /** Slack's Web API with a bot token and channel ({@code slack.bot-tokens.NAME}). */
        SLACK_BOT,
        /** The default Slack webhook ({@code slack.webhook-url}): every slack:* output no other route serves. */
        SLACK_DEFAULT,
        /** A signed JSON webhook ({@code webhook.outputs.NAME}). */
        WEBHOOK
    }

    /** One destination and the alerts it takes. */
    public static final class Route implements Serializable {
        private static final long serialVersionUID = 1L;
        public final Kind kind;
        /** The configured NAME (empty for the default Slack webhook). */
        public final String name;
        /** The output its deliveries are recorded under. */
        public final String output;
        /** The operator uid of its sender (stable: savepoints restore by it). */
        public final String uid;
        /** Which alerts it takes, and that filter's uid and name. */
        public final ForOutputs filter;

        public final String filterUid;
        public final String filterName;

        private Route(Kind kind, String name, String output, String uid, ForOutputs filter) {
            this.kind = kind;
            this.name = name;
            this.output = output;
            this.uid = uid;
            this.filter = filter;
            this.filterUid = kind == Kind.SLACK_DEFAULT ? "for-slack" : "for-" + output;
            this.filterName = kind == Kind.SLACK_DEFAULT ? "For Slack" : "For " + output;
        }
    }

    private final List<Route> routes;
    private final Set<String> named;
    private final boolean slackDefault;
    private final boolean slackConfigured;

    private OutputRoutes(List<Route> routes, Set<String> named, boolean slackDefault, boolean slackConfigured) {
        this.routes = Collections.unmodifiableList(routes);
        this.named = Collections.unmodifiableSet(named);
        this.slackDefault = slackDefault;
        this.slackConfigured = slackConfigured;
    }

    public static OutputRoutes of(StreamwardenConfig config) {
        List<Route> routes = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (String name : config.slackWebhooks().keySet()) {
            routes.add(
                    new Route(Kind.SLACK_WEBHOOK, name, SLACK + name, "slack-" + name, ForOutputs.named(SLACK + name)));
            named.add(SLACK + name);
        }
        for (String name : config.slackBotTokens().keySet()) {
            routes.add(
                    new Route(Kind.SLACK_BOT, name, SLACK + name, "slack-bot-" + name, ForOutputs.named(SLACK + name)));
            named.add(SLACK + name);
        }
        if (config.slackWebhookUrl() != null) {
            routes.add(new Route(Kind.SLACK_DEFAULT, "", DEFAULT_SLACK, "slack", ForOutputs.slackExcept(named)));
        }
        for (String name : config.webhooks().keySet()) {
            routes.add(
                    new Route(Kind.WEBHOOK, name, WEBHOOK + name, "webhook-" + name, ForOutputs.named(WEBHOOK + name)));
            named.add(WEBHOOK + name);
        }
        return new OutputRoutes(routes, named, config.slackWebhookUrl() != null, config.slackEnabled());
    }

    /** The destinations, in a fixed order. */
    public List<Route> routes() {
        return routes;
    }

    /** Whether an alert sent to {@code output} reaches a destination (staging's is the alert archive). */
    public boolean serves(String output) {
        return output.equals(StageAlerts.STAGING)
                || named.contains(output)
                || (slackDefault && output.startsWith(SLACK));
    }

    /**
     * Why a rule cannot send to {@code output}, or null when it can: not an output name at all, or a webhook output
     * without a URL, or (when Slack is configured at all) a Slack output nothing serves. Without any Slack
     * configuration slack:* alerts go to the archive only (local runs), which is not an error.
     */
    public String problem(String output) {
        if (output.equals(StageAlerts.STAGING)) {
            return null;
        }
        if (output.startsWith(WEBHOOK)) {
            return named.contains(output)
                    ? null
                    : output + ", which has no URL (webhook.outputs." + output.substring(WEBHOOK.length()) + ")";
        }
        if (!output.startsWith(SLACK)
                || !OUTPUT_NAME.matcher(output.substring(SLACK.length())).matches()) {
            return "'" + output + "', which is not an output (outputs are slack:NAME, webhook:NAME or staging)";
        }
        if (slackConfigured && !serves(output)) {
            return output + ", which has no webhook (slack.outputs." + output.substring(SLACK.length())
                    + " or slack.webhook-url)";
        }
        return null;
    }
}
