package io.nplus.alerting.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus Alertmanager, API v2: {@code POST <base>/api/v2/alerts} with a JSON array of alerts, one per member
 * of the notification (a group notification carries several; a test notification, with none, sends one built
 * from the notification itself).
 *
 * <p>Each alert has {@code labels} (its identity in Alertmanager; always with {@code alertname}),
 * {@code annotations} (summary, runbook, value ...), {@code startsAt}, {@code endsAt} and, when the annotations
 * carry one, {@code generatorURL}. A firing alert ends at the notification's {@code endsAt} (the Notifier puts
 * it a few minutes ahead and re-sends before then), so Alertmanager resolves it on its own if nplus goes quiet;
 * a resolved alert ends when it resolved, which Alertmanager reads as resolved.
 *
 * <p>Alertmanager 0.25 refuses a whole alert whose label or annotation names do not match
 * {@code [a-zA-Z_][a-zA-Z0-9_]*}, so names are sanitized (other characters become {@code _}, a leading digit
 * gets a {@code _} in front; a sanitized name that collides with one already there is dropped), empty values
 * are dropped, and an end before the start is never sent.
 */
public final class AlertmanagerTransport extends HttpTransport {
    static final String PATH = "/api/v2/alerts";
    /** What a test notification (or a member without one) is called in Alertmanager. */
    static final String DEFAULT_ALERTNAME = "NplusNotification";
    static final String TEST_ALERTNAME = "NplusTest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI alertsUrl;
    private final Clock clock;

    public AlertmanagerTransport(URI baseUrl, Duration timeout) {
        this(baseUrl, timeout, Clock.systemUTC());
    }

    AlertmanagerTransport(URI baseUrl, Duration timeout, Clock clock) {
        super(alertsUrl(baseUrl), timeout);
        this.alertsUrl = url;
        this.clock = clock;
    }

    /** {@code base + /api/v2/alerts}: a path prefix (Alertmanager behind a proxy) is kept, a trailing slash is not doubled. */
    static URI alertsUrl(URI base) {
        if (base == null || base.getScheme() == null || base.getHost() == null
            || !(base.getScheme().equalsIgnoreCase("http") || base.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("the Alertmanager URL must be http:// or https:// with a host");
        }
        if (base.getRawUserInfo() != null) {
            // Never echo it: it would be a password.
            throw new IllegalArgumentException("the Alertmanager URL must not carry credentials");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("the Alertmanager URL must not have a query or fragment");
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(PATH)) {
            path = path.substring(0, path.length() - PATH.length());
        }
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + PATH);
    }

    @Override
    public String kind() {
        return "alertmanager";
    }

    @Override
    public Result send(Notification n) {
        return post(alertsUrl, "application/json", body(n).getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON array Alertmanager gets. */
    String body(Notification n) {
        ArrayNode arr = JSON.createArrayNode();
        Instant now = clock.instant();
        if (n.alerts().isEmpty()) {
            Map<String, String> labels = new TreeMap<>(n.labels());
            labels.putIfAbsent("severity", n.severity());
            Map<String, String> annotations = new TreeMap<>(n.annotations());
            annotations.putIfAbsent("summary", n.summary());
            String fallbackName = n.test() ? TEST_ALERTNAME : DEFAULT_ALERTNAME;
            add(arr, labels, annotations, fallbackName, n.startsAt(), n.resolved(), n.endsAt(), n.endsAt(), now);
        } else {
            String groupName = n.labels().get("alertname");
            String fallbackName = groupName != null && !groupName.isBlank() ? groupName : DEFAULT_ALERTNAME;
            for (Notification.Member m : n.alerts()) {
                Map<String, String> annotations = new TreeMap<>(m.annotations());
                if (m.summary() != null) {
                    annotations.putIfAbsent("summary", m.summary());
                }
                if (m.value() != null && Double.isFinite(m.value())) {
                    annotations.putIfAbsent("value", number(m.value()));
                }
                boolean resolved = n.resolved() || "resolved".equalsIgnoreCase(m.state());
                add(arr, m.labels(), annotations, fallbackName, m.startsAt(), resolved, n.endsAt(), m.endsAt(), now);
            }
        }
        return arr.toString();
    }

    /**
     * One alert.
     *
     * @param firingEnd when a firing alert ends unless re-sent (the notification's endsAt)
     * @param resolvedEnd when a resolved alert resolved (the member's endsAt, or for a test the notification's)
     */
    private static void add(ArrayNode arr, Map<String, String> labels, Map<String, String> annotations,
                            String fallbackName, Instant startsAt, boolean resolved, Instant firingEnd,
                            Instant resolvedEnd, Instant now) {
        ObjectNode a = arr.addObject();
        Map<String, String> l = names(labels);
        l.putIfAbsent("alertname", fallbackName);
        Map<String, String> ann = new TreeMap<>(annotations);
        String generator = ann.remove("generatorURL");
        String generatorAlt = ann.remove("generator_url");
        if (generator == null || generator.isBlank()) {
            generator = generatorAlt;
        }
        String generatorUrl = absoluteHttp(generator);
        if (generator != null && !generator.isBlank() && generatorUrl == null) {
            ann.put("generator_url", generator); // not a URL Alertmanager would take: keep it as words
        }
        ObjectNode ln = a.putObject("labels");
        l.forEach(ln::put);
        ObjectNode an = a.putObject("annotations");
        names(ann).forEach(an::put);
        Instant start = startsAt != null ? startsAt : now;
        a.put("startsAt", start.toString());
        Instant end;
        if (resolved) {
            end = resolvedEnd != null ? resolvedEnd : firingEnd != null ? firingEnd : now;
            if (end.isBefore(start)) {
                end = start; // Alertmanager refuses an end before the start; this one is over all the same
            }
        } else {
            // A firing end at or before the start would read as resolved (or be refused): leave it to
            // Alertmanager's resolve_timeout instead.
            end = firingEnd != null && firingEnd.isAfter(start) ? firingEnd : null;
        }
        if (end != null) {
            a.put("endsAt", end.toString());
        }
        if (generatorUrl != null) {
            a.put("generatorURL", generatorUrl);
        }
    }

    /**
     * Names as Alertmanager takes them ({@code [a-zA-Z_][a-zA-Z0-9_]*}), sorted, without empty values. A valid
     * name wins over another that only sanitizes to it.
     */
    static Map<String, String> names(Map<String, String> in) {
        Map<String, String> out = new TreeMap<>();
        List<Map.Entry<String, String>> invalid = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(in).entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            if (validName(e.getKey())) {
                out.put(e.getKey(), utf8(e.getValue()));
            } else {
                invalid.add(e);
            }
        }
        for (Map.Entry<String, String> e : invalid) {
            String name = sanitize(e.getKey());
            if (name != null) {
                out.putIfAbsent(name, utf8(e.getValue()));
            }
        }
        return out;
    }

    static boolean validName(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Other characters become {@code _}, a leading digit gets one in front; null when nothing is left. */
    static String sanitize(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length() + 1);
        if (s.charAt(0) >= '0' && s.charAt(0) <= '9') {
            b.append('_');
        }
        s.codePoints().forEach(c -> b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? (char) c : '_'));
        String out = b.toString();
        return out.chars().allMatch(c -> c == '_') ? null : out;
    }

    /** Alertmanager wants valid UTF-8: a lone surrogate becomes U+FFFD. */
    private static String utf8(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isHighSurrogate(c) ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
            if (lone && b == null) {
                b = new StringBuilder(s.substring(0, i));
            }
            if (b != null) {
                b.append(lone ? '\uFFFD' : c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static String absoluteHttp(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(s.trim());
            String scheme = u.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && u.getHost() != null ? u.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return "alertmanager " + alertsUrl;
    }
}
