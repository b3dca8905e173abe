package io.nplus.alerting.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A silence (or, with a start in the future, a maintenance window): alerts whose labels match every matcher are
 * not notified while it is active. They are still evaluated, listed and counted.
 *
 * @param matchers label name to glob ({@code target: "db*"}, {@code alertname: OpticWarning})
 */
public record Silence(String id, Map<String, String> matchers, Instant startsAt, Instant endsAt, String comment,
                      String createdBy, Instant createdAt) {
    public Silence {
        Objects.requireNonNull(id);
        matchers = Map.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher (target, alertname, component ...)");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
        comment = comment == null ? "" : comment;
        createdBy = createdBy == null ? "" : createdBy;
    }

    public boolean activeAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }

    public boolean matches(Alert a) {
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            if (!glob(m.getValue()).matcher(a.label(m.getKey())).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    public String state(Instant now) {
        return now.isBefore(startsAt) ? "pending" : now.isBefore(endsAt) ? "active" : "expired";
    }
}
