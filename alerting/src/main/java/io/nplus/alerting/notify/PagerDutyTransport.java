package io.nplus.alerting.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nplus.core.secret.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * PagerDuty Events API v2: a trigger per firing notification and a resolve when it ends, both with the alert's
 * dedup key, so PagerDuty keeps one incident however often nplus repeats itself. The routing key never leaves
 * the request body.
 */
public final class PagerDutyTransport extends HttpTransport {
    public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Secret routingKey;

    public PagerDutyTransport(URI url, Secret routingKey, Duration timeout) {
        super(url, timeout);
        this.routingKey = routingKey;
    }

    @Override
    public String kind() {
        return "pagerduty";
    }

    @Override
    public Result send(Notification n) {
        return post(url, "application/json", body(n).getBytes(StandardCharsets.UTF_8));
    }

    String body(Notification n) {
        ObjectNode e = JSON.createObjectNode();
        e.put("routing_key", routingKey.reveal());
        e.put("event_action", n.resolved() ? "resolve" : "trigger");
        e.put("dedup_key", n.dedupKey());
        if (!n.resolved()) {
            ObjectNode p = e.putObject("payload");
            String summary = n.summary().isEmpty() ? n.dedupKey() : n.summary();
            p.put("summary", summary.length() > 1024 ? summary.substring(0, 1021) + "..." : summary);
            p.put("source", n.source());
            p.put("severity", switch (n.severity()) {
                case "page" -> "critical";
                case "ticket" -> "warning";
                default -> "info";
            });
            put(p, "component", n.labels().get("name") != null ? n.labels().get("name") : n.labels().get("component"));
            put(p, "group", n.labels().get("group") != null ? n.labels().get("group") : n.labels().get("target"));
            put(p, "class", n.labels().get("alertname"));
            p.put("timestamp", n.startsAt().toString());
            ObjectNode d = p.putObject("custom_details");
            for (Map.Entry<String, String> l : n.labels().entrySet()) {
                d.put(l.getKey(), l.getValue());
            }
            for (Map.Entry<String, String> a : n.annotations().entrySet()) {
                d.put(a.getKey(), a.getValue());
            }
            if (n.alerts().size() > 1 || n.alerts().stream().anyMatch(m -> m.value() != null)) {
                var arr = d.putArray("alerts");
                for (Notification.Member m : n.alerts()) {
                    ObjectNode o = arr.addObject();
                    o.put("state", m.state());
                    o.put("summary", m.summary());
                    if (m.value() != null) {
                        o.put("value", m.value());
                    }
                }
            }
            if (n.test()) {
                d.put("test", "sent by nplus notify test");
            }
        }
        e.put("client", "nplus");
        return e.toString();
    }

    private static void put(ObjectNode o, String k, String v) {
        if (v != null && !v.isEmpty()) {
            o.put(k, v);
        }
    }

    @Override
    public String toString() {
        return "pagerduty " + url + " (routing key <secret>)";
    }
}
