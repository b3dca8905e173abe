package io.nplus.alerting.notify;

import io.nplus.alerting.model.Alert;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where alerts go: named receivers and the routes that choose them.
 *
 * @param watchdog a dead man's switch to ping after every completed evaluation cycle, or null
 */
public record NotifyConfig(Map<String, Receiver> receivers, List<Route> routes, Watchdog watchdog) {
    public static final NotifyConfig NONE = new NotifyConfig(Map.of(), List.of(), null);

    public NotifyConfig {
        receivers = Map.copyOf(receivers);
        routes = List.copyOf(routes);
    }

    /**
     * A receiver.
     *
     * @param perMinute at most this many notifications per minute (PagerDuty allows about 120 per routing key)
     * @param resendEvery re-send firing notifications this often whatever the route says (Alertmanager forgets an
     *                    alert whose endsAt passed: it needs them every minute); null for none
     */
    public record Receiver(String name, Transport transport, int perMinute, Duration resendEvery) {
    }

    /**
     * A route: alerts whose labels match every {@code match} entry (globs) go to {@code receiver}. Routes are tried
     * in order and the first that matches wins, unless it says {@code continue}.
     *
     * @param groupBy alerts with the same values of these labels become one notification (empty: one per alert)
     * @param groupWait how long a new group waits for more members before its first notification
     * @param repeatInterval how often a firing notification is repeated
     */
    public record Route(Map<String, Pattern> match, String receiver, boolean continueMatching, List<String> groupBy,
                        Duration groupWait, Duration repeatInterval) {
        public Route {
            match = Map.copyOf(match);
            groupBy = List.copyOf(groupBy);
        }

        public boolean matches(Alert a) {
            for (Map.Entry<String, Pattern> m : match.entrySet()) {
                if (!m.getValue().matcher(a.label(m.getKey())).matches()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A URL to ping after each completed evaluation cycle, at most every {@code interval}. */
    public record Watchdog(URI url, Duration interval) {
    }

    /** The routes an alert takes. */
    public List<Route> routesFor(Alert a) {
        List<Route> out = new ArrayList<>();
        for (Route r : routes) {
            if (r.matches(a)) {
                out.add(r);
                if (!r.continueMatching()) {
                    break;
                }
            }
        }
        return out;
    }
}
