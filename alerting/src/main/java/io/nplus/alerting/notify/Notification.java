package io.nplus.alerting.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a receiver is told: one alert, or a group of alerts sent as one (a correlated incident), firing or
 * resolved. Kept in the outbox as JSON until the receiver accepts it.
 *
 * @param dedupKey the receiver-side identity: the same key updates (or resolves) the same incident
 * @param severity page, ticket or info
 * @param labels the alert's labels (for a group: the labels its alerts share)
 * @param alerts the alerts it covers (one, or the members of a group)
 */
public record Notification(String dedupKey, boolean resolved, String severity, String summary, String source,
                           Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                           Instant endsAt, List<Member> alerts, boolean test) {
    public Notification {
        Objects.requireNonNull(dedupKey);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        alerts = List.copyOf(alerts);
    }

    /** One alert in a notification. */
    public record Member(String key, String state, String summary, Map<String, String> labels,
                         Map<String, String> annotations, Instant startsAt, Instant endsAt, Double value) {
        public Member {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }
    }
}
