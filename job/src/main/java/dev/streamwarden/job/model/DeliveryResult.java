package dev.streamwarden.job.model;

import java.util.Objects;

/** What became of one alert sent to one output. A failed result carries the alert so it can be redelivered. */
public class DeliveryResult {
    public String output;
    public boolean delivered;
    public int attempts;
    /** Why delivery finally failed; null when delivered. Never contains the webhook URL. */
    public String error;

    public Alert alert;
    /** Not sent: the output's delivery ledger shows it went out before a restart that produced it again. */
    public boolean alreadyDelivered;

    public DeliveryResult() {}

    public static DeliveryResult of(String output, Alert alert, boolean delivered, int attempts, String error) {
        DeliveryResult r = new DeliveryResult();
        r.output = output;
        r.alert = alert;
        r.delivered = delivered;
        r.attempts = attempts;
        r.error = error;
        return r;
    }

    public static DeliveryResult alreadyDelivered(String output, Alert alert) {
        DeliveryResult r = of(output, alert, true, 0, null);
        r.alreadyDelivered = true;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeliveryResult)) {
            return false;
        }
        DeliveryResult r = (DeliveryResult) o;
        return delivered == r.delivered
                && alreadyDelivered == r.alreadyDelivered
                && attempts == r.attempts
                && Objects.equals(output, r.output)
                && Objects.equals(error, r.error)
                && Objects.equals(alert, r.alert);
    }

    @Override
    public int hashCode() {
        return Objects.hash(output, delivered, alreadyDelivered, attempts, error, alert);
    }

    @Override
    public String toString() {
        return "DeliveryResult{output=" + output + ", delivered=" + delivered + ", attempts=" + attempts + ", error="
                + error + ", alert=" + (alert == null ? null : alert.id) + '}';
    }
}
