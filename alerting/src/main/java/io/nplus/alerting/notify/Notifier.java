package io.nplus.alerting.notify;

import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.engine.Silences;
import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import java.io.Closeable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Tells receivers what the alerts are, exactly once per change, and keeps telling Alertmanager while they fire.
 *
 * <p>{@link #reconcile} compares what should be known (firing alerts that are neither silenced nor inhibited,
 * grouped as the routes say, and the ones that resolved) with what each receiver was told, and puts the
 * difference in the {@link Outbox}. Senders (one at a time per receiver, so a hung webhook never delays a page)
 * deliver the outbox with retries: exponential backoff with jitter on 429, 5xx and network errors, the
 * receiver's Retry-After when it gives one, no retry on other 4xx. Each receiver has a rate limit. Everything
 * the receivers were told is recorded with the delivery, so a restart repeats nothing and loses nothing.
 */
public final class Notifier implements Closeable {
    /**
     * @param firstRetry the first retry after a failure; doubled per attempt up to {@code maxRetry}
     * @param throttledRetry the first retry after a 429 without Retry-After (PagerDuty asks for restraint)
     */
    public record Options(Duration firstRetry, Duration maxRetry, Duration throttledRetry, Duration pollEvery) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMillis(250));
        }
    }

    /** What happened to one notification, for logs and metrics. */
    public record Delivery(String receiver, String kind, String dedupKey, boolean resolved, Transport.Outcome outcome,
                           int status, String answer, int attempt) {
    }

    private final Clock clock;
    private final Outbox outbox;
    private final AlertEngine engine;
    private final Silences silences;
    private final Options options;
    private volatile NotifyConfig config;
    private final Map<List<String>, Outbox.Sent> sent = new ConcurrentHashMap<>();
    private final Map<List<String>, String> queued = new ConcurrentHashMap<>();
    private final Map<String, RateLimit> limits = new ConcurrentHashMap<>();
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "nplus-notify-send");
        t.setDaemon(true);
        return t;
    });
    private final Thread loop;
    private final Random random = new Random();
    private volatile Consumer<Delivery> onDelivery = d -> { };
    private volatile boolean stopped;
    private final Map<String, AtomicLong> sentCount = new ConcurrentHashMap<>();
    private final Map<List<String>, AtomicLong> failedCount = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> retryCount = new ConcurrentHashMap<>();
    private volatile Instant lastWatchdog = Instant.EPOCH;
    private volatile String watchdogProblem = "";

    public Notifier(Clock clock, NotifyConfig config, Outbox outbox, AlertEngine engine, Silences silences,
                    Options options) throws SQLException {
        this.clock = clock;
        this.config = config;
        this.outbox = outbox;
        this.engine = engine;
        this.silences = silences;
        this.options = options;
        sent.putAll(outbox.sent());
        for (Outbox.Entry e : outbox.all()) {
            queued.put(List.of(e.receiver(), e.dedupKey()), fingerprint(e.notification()));
        }
        this.loop = new Thread(this::run, "nplus-notify");
        this.loop.setDaemon(true);
    }

    public void start() {
        loop.start();
    }

    public void onDelivery(Consumer<Delivery> listener) {
        this.onDelivery = listener;
    }

    public void setConfig(NotifyConfig next) {
        this.config = next;
    }

    public NotifyConfig config() {
        return config;
    }

    /** Puts into the outbox whatever receivers have not been told yet. Call after each evaluation cycle. */
    public synchronized void reconcile() throws SQLException {
        Instant now = clock.instant();
        NotifyConfig cfg = config;
        Map<List<String>, Desired> desired = new LinkedHashMap<>();
        Map<List<String>, List<Alert>> groups = new LinkedHashMap<>();
        Map<List<String>, NotifyConfig.Route> groupRoute = new HashMap<>();
        Set<List<String>> held = new java.util.HashSet<>(); // firing but silenced, inhibited or pending: no resolve
        for (AlertEngine.View v : engine.alerts()) {
            Alert a = v.alert();
            boolean suppressed = v.inhibited() || !silences.silencedBy(a).isEmpty();
            List<NotifyConfig.Route> routes = cfg.routesFor(a);
            for (int i = 0; i < routes.size(); i++) {
                NotifyConfig.Route r = routes.get(i);
                if (!r.groupBy().isEmpty()) {
                    List<String> gk = List.of(r.receiver(), groupKey(cfg, r, a));
                    groupRoute.put(gk, r);
                    if (a.state() == AlertState.FIRING && !suppressed) {
                        groups.computeIfAbsent(gk, k -> new ArrayList<>()).add(a);
                    } else if (a.state() != AlertState.RESOLVED) {
                        held.add(gk);
                        groups.computeIfAbsent(gk, k -> new ArrayList<>());
                    } else {
                        groups.computeIfAbsent(gk, k -> new ArrayList<>());
                    }
                    continue;
                }
                List<String> key = List.of(r.receiver(), a.key());
                if (a.state() == AlertState.FIRING && !suppressed) {
                    desired.put(key, new Desired(single(a, false, now, cfg.receivers().get(r.receiver())), r));
                } else if (a.state() == AlertState.RESOLVED) {
                    desired.put(key, new Desired(single(a, true, now, cfg.receivers().get(r.receiver())), r));
                } else {
                    held.add(key);
                }
            }
        }
        for (Map.Entry<List<String>, List<Alert>> g : groups.entrySet()) {
            NotifyConfig.Route r = groupRoute.get(g.getKey());
            List<Alert> firing = g.getValue();
            if (!firing.isEmpty()) {
                Instant first = firing.stream().map(a -> a.firedAt() != null ? a.firedAt() : a.activeAt())
                    .min(Comparator.naturalOrder()).orElse(now);
                if (!first.plus(r.groupWait()).isAfter(now) || isTriggered(g.getKey())) {
                    desired.put(g.getKey(), new Desired(group(g.getKey().get(1), firing, false, now,
                        cfg.receivers().get(r.receiver())), r));
                } else {
                    held.add(g.getKey()); // waiting for its group_wait
                }
            } else if (!held.contains(g.getKey())) {
                desired.put(g.getKey(), new Desired(group(g.getKey().get(1), List.of(), true, now,
                    cfg.receivers().get(r.receiver())), r));
            }
        }
        // Alertmanager users get an always-firing Watchdog, refreshed only while cycles complete.
        for (NotifyConfig.Receiver rcv : cfg.receivers().values()) {
            if (rcv.transport().kind().equals("alertmanager")) {
                desired.put(List.of(rcv.name(), "nplus:Watchdog"), new Desired(watchdog(now, rcv), null));
            }
        }
        for (Map.Entry<List<String>, Desired> e : desired.entrySet()) {
            NotifyConfig.Receiver rcv = cfg.receivers().get(e.getKey().get(0));
            if (rcv == null) {
                continue;
            }
            Notification n = e.getValue().n();
            Outbox.Sent last = sent.get(e.getKey());
            String fp = fingerprint(n);
            String inQueue = queued.get(e.getKey());
            boolean send;
            if (n.resolved()) {
                send = (last != null && !last.resolved()) || (inQueue != null && !inQueue.startsWith("R"));
            } else {
                Duration repeat = rcv.resendEvery() != null ? rcv.resendEvery()
                    : e.getValue().route() != null ? e.getValue().route().repeatInterval() : Duration.ofHours(4);
                send = last == null || last.resolved() || !last.fingerprint().equals(fp)
                    || !last.at().plus(repeat).isAfter(now);
            }
            if (send && !fp.equals(inQueue)) {
                enqueue(e.getKey(), fp, rcv.name(), n, now);
            }
        }
        // Told it fires, but the alert is gone (forgotten a day after it resolved, or its rule removed): resolve it.
        for (Map.Entry<List<String>, Outbox.Sent> e : sent.entrySet()) {
            if (!e.getValue().resolved() && !desired.containsKey(e.getKey()) && !held.contains(e.getKey())
                && config.receivers().containsKey(e.getKey().get(0)) && !e.getKey().get(1).equals("nplus:Watchdog")) {
                Notification n = new Notification(e.getKey().get(1), true, "info", "", "nplus", Map.of(), Map.of(), now, now,
                    List.of(), false);
                if (!"R".equals(queued.get(e.getKey()))) {
                    enqueue(e.getKey(), "R", e.getKey().get(0), n, now);
                }
            }
        }
        synchronized (loop) {
            loop.notifyAll();
        }
    }

    /**
     * Marks a notification queued, then stores it. In this order: a delivery thread that sends it at once removes the
     * mark it finds; the other way round, a mark set after that delivery would stay and hold back every repeat.
     */
    private void enqueue(List<String> key, String fp, String receiver, Notification n, Instant now) throws SQLException {
        String before = queued.put(key, fp);
        try {
            outbox.put(receiver, n, now);
        } catch (SQLException | RuntimeException ex) {
            if (before == null) {
                queued.remove(key, fp);
            } else {
                queued.replace(key, fp, before);
            }
            throw ex;
        }
    }

    private boolean isTriggered(List<String> key) {
        Outbox.Sent s = sent.get(key);
        return (s != null && !s.resolved()) || (queued.containsKey(key) && !queued.get(key).startsWith("R"));
    }

    private record Desired(Notification n, NotifyConfig.Route route) {
    }

    private static String groupKey(NotifyConfig cfg, NotifyConfig.Route r, Alert a) {
        StringBuilder b = new StringBuilder("nplus:group:").append(cfg.routes().indexOf(r));
        for (String l : r.groupBy()) {
            b.append(':').append(a.label(l));
        }
        return b.toString();
    }

    /** The content that matters for "was this already said": not the values that move with every poll. */
    static String fingerprint(Notification n) {
        if (n.resolved()) {
            return "R";
        }
        Set<String> keys = new TreeSet<>();
        for (Notification.Member m : n.alerts()) {
            keys.add(m.key());
        }
        return "T" + n.severity() + keys;
    }

    private Instant firingEndsAt(Instant now, NotifyConfig.Receiver r) {
        Duration every = r != null && r.resendEvery() != null ? r.resendEvery() : Duration.ofMinutes(1);
        return now.plus(every.multipliedBy(4).compareTo(Duration.ofMinutes(5)) < 0 ? Duration.ofMinutes(5)
            : every.multipliedBy(4));
    }

    private Notification single(Alert a, boolean resolved, Instant now, NotifyConfig.Receiver r) {
        Notification.Member m = member(a);
        return new Notification(a.key(), resolved, a.severity().word(), a.summary(), source(a), a.labels(),
            a.annotations(), a.firedAt() != null ? a.firedAt() : a.activeAt(),
            resolved ? a.resolvedAt() != null ? a.resolvedAt() : now : firingEndsAt(now, r), List.of(m), false);
    }

    private static Notification.Member member(Alert a) {
        return new Notification.Member(a.key(), a.state().word(), a.summary(), a.labels(), a.annotations(),
            a.firedAt() != null ? a.firedAt() : a.activeAt(), a.resolvedAt(), Double.isNaN(a.value()) ? null : a.value());
    }

    private Notification group(String key, List<Alert> alerts, boolean resolved, Instant now, NotifyConfig.Receiver r) {
        if (alerts.isEmpty()) {
            return new Notification(key, true, "info", "", "nplus", Map.of(), Map.of(), now, now, List.of(), false);
        }
        List<Alert> sorted = new ArrayList<>(alerts);
        sorted.sort(Comparator.comparing(Alert::key));
        Map<String, String> common = new LinkedHashMap<>(sorted.get(0).labels());
        for (Alert a : sorted) {
            common.entrySet().removeIf(e -> !e.getValue().equals(a.labels().get(e.getKey())));
        }
        String severity = sorted.stream().map(Alert::severity).max(Comparator.naturalOrder()).orElseThrow().word();
        common.put("severity", severity);
        StringBuilder summary = new StringBuilder();
        if (sorted.size() == 1) {
            summary.append(sorted.get(0).summary());
        } else {
            summary.append(sorted.size()).append(" alerts: ");
            for (int i = 0; i < Math.min(3, sorted.size()); i++) {
                summary.append(i == 0 ? "" : "; ").append(sorted.get(i).summary());
            }
            if (sorted.size() > 3) {
                summary.append("; and ").append(sorted.size() - 3).append(" more");
            }
        }
        Instant start = sorted.stream().map(a -> a.firedAt() != null ? a.firedAt() : a.activeAt()).min(Comparator.naturalOrder())
            .orElse(now);
        return new Notification(key, resolved, severity, summary.toString(), common.getOrDefault("target",
            common.getOrDefault("group", "nplus")), common, Map.of(), start, resolved ? now : firingEndsAt(now, r),
            sorted.stream().map(Notifier::member).toList(), false);
    }

    private Notification watchdog(Instant now, NotifyConfig.Receiver r) {
        Map<String, String> labels = Map.of("alertname", "Watchdog", "severity", "info");
        Map<String, String> ann = Map.of("summary", "nplus evaluates its rules: this alert always fires, so Alertmanager"
            + " can tell when nplus stops (route it to a dead man's switch)");
        Notification.Member m = new Notification.Member("nplus:Watchdog", "firing", ann.get("summary"), labels, ann, now,
            null, null);
        return new Notification("nplus:Watchdog", false, "info", ann.get("summary"), "nplus", labels, ann, now,
            firingEndsAt(now, r), List.of(m), false);
    }

    private static String source(Alert a) {
        String t = a.label("target");
        return t.isEmpty() ? a.label("group").isEmpty() ? "nplus" : a.label("group") : t;
    }

    // ------------------------------------------------------------------ delivery

    private void run() {
        while (!stopped) {
            try {
                dispatch();
            } catch (SQLException | RuntimeException e) {
                watchdogProblem = "outbox: " + e.getMessage();
            }
            synchronized (loop) {
                try {
                    loop.wait(options.pollEvery().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Starts a sender for every receiver that has due entries and is not already sending. */
    private void dispatch() throws SQLException {
        Instant now = clock.instant();
        Map<String, List<Outbox.Entry>> byReceiver = new LinkedHashMap<>();
        for (Outbox.Entry e : outbox.due(now, 500)) {
            byReceiver.computeIfAbsent(e.receiver(), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<Outbox.Entry>> r : byReceiver.entrySet()) {
            if (busy.add(r.getKey())) {
                senders.execute(() -> {
                    try {
                        deliver(r.getKey(), r.getValue());
                    } finally {
                        busy.remove(r.getKey());
                    }
                });
            }
        }
    }

    private void deliver(String receiverName, List<Outbox.Entry> entries) {
        NotifyConfig.Receiver r = config.receivers().get(receiverName);
        for (Outbox.Entry e : entries) {
            if (stopped) {
                return;
            }
            try {
                if (r == null) {
                    outbox.drop(e); // the receiver left the config
                    queued.remove(List.of(e.receiver(), e.dedupKey()));
                    count(receiverName, "receiver_removed");
                    continue;
                }
                RateLimit limit = limits.computeIfAbsent(receiverName, k -> new RateLimit(r.perMinute()));
                Instant now = clock.instant();
                Instant slot = limit.take(now);
                if (slot.isAfter(now)) {
                    outbox.retry(e, slot, e.lastError()); // not an attempt: waiting for its turn
                    continue;
                }
                Transport.Result res = r.transport().send(e.notification());
                Instant after = clock.instant();
                List<String> key = List.of(e.receiver(), e.dedupKey());
                switch (res.outcome()) {
                    case DELIVERED -> {
                        String fp = fingerprint(e.notification());
                        outbox.delivered(e, after, fp);
                        sent.put(key, new Outbox.Sent(e.receiver(), e.dedupKey(), e.notification().resolved(), after, fp));
                        queued.remove(key, fp);
                        sentCount.computeIfAbsent(receiverName, k -> new AtomicLong()).incrementAndGet();
                    }
                    case RETRY -> {
                        outbox.retry(e, after.plus(backoff(e.attempts(), res)), res.status() + " " + res.answer());
                        retryCount.computeIfAbsent(receiverName, k -> new AtomicLong()).incrementAndGet();
                    }
                    default -> {
                        outbox.drop(e);
                        queued.remove(key);
                        count(receiverName, "http_" + res.status());
                    }
                }
                onDelivery.accept(new Delivery(receiverName, r.transport().kind(), e.dedupKey(), e.notification().resolved(),
                    res.outcome(), res.status(), res.answer(), e.attempts() + 1));
            } catch (SQLException ex) {
                watchdogProblem = "outbox: " + ex.getMessage();
                return;
            }
        }
    }

    private void count(String receiver, String reason) {
        failedCount.computeIfAbsent(List.of(receiver, reason), k -> new AtomicLong()).incrementAndGet();
    }

    /** Exponential with jitter; Retry-After wins; a throttled receiver without one is given more room. */
    Duration backoff(int attempts, Transport.Result res) {
        if (res.retryAfter() != null) {
            return res.retryAfter().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : res.retryAfter();
        }
        Duration base = res.status() == 429 ? options.throttledRetry() : options.firstRetry();
        long ms = base.toMillis() << Math.min(20, attempts);
        ms = Math.min(ms, options.maxRetry().toMillis());
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis((long) (ms * jitter));
    }

    /** A token bucket: {@code perMinute} notifications a minute, in bursts of at most ten seconds' worth. */
    static final class RateLimit {
        private final int perMinute;
        private final double burst;
        private double tokens;
        private Instant last;

        RateLimit(int perMinute) {
            this.perMinute = Math.max(1, perMinute);
            this.burst = Math.max(1, this.perMinute / 6.0);
            this.tokens = burst;
        }

        /** Takes a token and returns {@code now}, or returns when the next token is due (taking none). */
        synchronized Instant take(Instant now) {
            if (last != null) {
                tokens = Math.min(burst, tokens + (now.toEpochMilli() - last.toEpochMilli()) * perMinute / 60_000.0);
            }
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return now;
            }
            return now.plusMillis((long) Math.ceil((1 - tokens) * 60_000.0 / perMinute));
        }
    }

    // ------------------------------------------------------------------ watchdog, test, stats

    /** Pings the dead man's switch if one is configured and it is due. Call only after a completed cycle. */
    public void watchdogPing() {
        NotifyConfig.Watchdog w = config.watchdog();
        Instant now = clock.instant();
        if (w == null || now.isBefore(lastWatchdog.plus(w.interval()))) {
            return;
        }
        lastWatchdog = now;
        senders.execute(() -> {
            try {
                HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(w.url()).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.discarding());
                watchdogProblem = r.statusCode() / 100 == 2 ? "" : "watchdog " + hostOf(w.url()) + " answered " + r.statusCode();
            } catch (java.io.IOException e) {
                watchdogProblem = "watchdog " + hostOf(w.url()) + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static String hostOf(URI u) {
        return u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""); // never the path: it may hold a token
    }

    /** Sends a test notification to one receiver now (not through the outbox) and returns its answer. */
    public Transport.Result test(String receiver) {
        NotifyConfig.Receiver r = config.receivers().get(receiver);
        if (r == null) {
            throw new IllegalArgumentException("no receiver '" + receiver + "'; configured: "
                + String.join(", ", new TreeSet<>(config.receivers().keySet())));
        }
        return r.transport().send(testNotification(clock.instant()));
    }

    public static Notification testNotification(Instant now) {
        Map<String, String> labels = Map.of("alertname", "NplusTest", "severity", "info", "target", "nplus");
        Map<String, String> ann = Map.of("summary", "a test notification from nplus notify test: the receiver works");
        return new Notification("nplus:test:" + now.toEpochMilli(), false, "info", ann.get("summary"), "nplus", labels, ann,
            now, now.plus(Duration.ofMinutes(5)), List.of(new Notification.Member("nplus:test:" + now.toEpochMilli(),
                "firing", ann.get("summary"), labels, ann, now, null, null)), true);
    }

    public Map<String, Long> sentCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        sentCount.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public Map<List<String>, Long> failedCounts() {
        Map<List<String>, Long> out = new LinkedHashMap<>();
        failedCount.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public Map<String, Long> retryCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        retryCount.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public int queued() {
        try {
            return outbox.size();
        } catch (SQLException e) {
            return -1;
        }
    }

    /** A problem with the outbox or the watchdog, or "". */
    public String problem() {
        return watchdogProblem;
    }

    @Override
    public void close() {
        stopped = true;
        synchronized (loop) {
            loop.notifyAll();
        }
        senders.shutdownNow();
        try {
            loop.join(2000);
            senders.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
