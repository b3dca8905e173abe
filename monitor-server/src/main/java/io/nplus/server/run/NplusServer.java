package io.nplus.server.run;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.DeviceState;
import io.nplus.core.model.Fleet;
import io.nplus.core.model.PollStatus;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.server.config.RunConfig;
import io.nplus.server.http.HttpServer;
import io.nplus.server.http.Route;
import io.nplus.server.http.Routes;
import io.nplus.server.metrics.CollectorMetrics;
import io.nplus.server.metrics.DeviceMetrics;
import io.nplus.server.metrics.FleetCollector;
import io.nplus.server.metrics.HistoryFeed;
import io.nplus.server.metrics.StoreCollector;
import io.nplus.server.http.HistoryRoutes;
import io.nplus.server.http.AlertRoutes;
import io.nplus.server.metrics.AlertCollector;
import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.engine.H2AlertStore;
import io.nplus.alerting.engine.Silences;
import io.nplus.alerting.model.Group;
import io.nplus.alerting.model.Observation;
import io.nplus.alerting.notify.Notifier;
import io.nplus.alerting.notify.Outbox;
import io.nplus.server.metrics.NotifyCollector;
import io.nplus.core.store.StoreException;
import io.nplus.core.store.StoreService;
import io.nplus.core.store.TimeSeriesStore;
import io.nplus.snmp.engine.EngineTarget;
import io.nplus.snmp.engine.PollEngine;
import io.nplus.snmp.engine.PollOutcome;
import io.nplus.snmp.engine.RealTimeDriver;
import io.nplus.snmp.poll.DevicePoller;
import io.nplus.snmp.session.SnmpClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running collector: the SNMP client and polling engine, the fleet's latest state, the metrics built from it
 * and the HTTP server that serves them.
 *
 * <pre>{@code
 * try (NplusServer server = NplusServer.start(config, Clock.systemUTC())) {
 *     server.reload(newConfig);   // all or nothing: the caller loads and checks newConfig first
 * }
 * }</pre>
 */
public final class NplusServer implements Closeable {
    private static final Logger log = LoggerFactory.getLogger("nplus");

    private final Clock clock;
    private final SnmpClient client;
    private final PollEngine engine;
    private final RealTimeDriver driver;
    private final Fleet fleet = new Fleet();
    private final CollectorMetrics collector;
    private final HttpServer http;
    private final AtomicReference<RunConfig> config = new AtomicReference<>();
    private final StoreService history;
    private final HistoryFeed feed = new HistoryFeed();
    private final H2AlertStore alertStore;
    private final AlertEngine alerts;
    private final Silences silences;
    private final Outbox outbox;
    private final Notifier notifier;
    private final java.util.concurrent.ScheduledExecutorService ticker;
    private final Map<String, PollStatus> lastStatus = new java.util.concurrent.ConcurrentHashMap<>();
    private final TrapService traps;

    private NplusServer(RunConfig initial, Clock clock) throws IOException {
        this.clock = clock;
        // The data directory first: a second nplus on it, or a damaged file, stops the start before anything else.
        try {
            this.history = StoreService.start(initial.dataDir(), clock, storeOptions(initial.history()),
                StoreService.Options.defaults());
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
        history.onEvent(m -> log.warn(m));
        H2AlertStore store;
        try {
            store = H2AlertStore.open(initial.dataDir());
        } catch (java.sql.SQLException e) {
            history.close();
            throw new IOException("cannot open the alert states in " + initial.dataDir() + ": " + e.getMessage(), e);
        }
        this.alertStore = store;
        this.alerts = new AlertEngine(clock, initial.alerting().pack(), alertStore);
        for (io.nplus.alerting.rules.EvalContext.Heartbeat h : alertStore.heartbeats()) {
            alerts.restoreHeartbeat(h);
        }
        this.silences = new Silences(clock, alertStore.silences(), alertStore::saveSilence);
        this.ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nplus-alerts");
            t.setDaemon(true);
            return t;
        });
        try {
            this.outbox = Outbox.open(initial.dataDir());
            this.notifier = new Notifier(clock, initial.alerting().notifications(), outbox, alerts, silences,
                Notifier.Options.defaults());
        } catch (java.sql.SQLException e) {
            alertStore.close();
            history.close();
            throw new IOException("cannot open the notification outbox in " + initial.dataDir() + ": " + e.getMessage(), e);
        }
        notifier.onDelivery(NplusServer::logDelivery);
        alerts.onTransition(a -> {
            log.info("event=alert state={} alertname={} severity={} key=\"{}\" summary=\"{}\"", a.state().word(), a.rule(),
                a.severity().word(), a.key(), a.summary());
            ticker.execute(this::reconcile); // a page goes out now, not at the next tick
        });
        SnmpClient opened;
        try {
            opened = SnmpClient.open(SnmpClient.Options.defaults().withWeakProtocols(initial.allowWeakProtocols()));
        } catch (IOException | RuntimeException e) {
            history.close();
            alertStore.close();
            throw e;
        }
        this.client = opened;
        try {
            PrometheusRegistry registry = new PrometheusRegistry();
            String version = NplusServer.class.getPackage().getImplementationVersion();
            this.collector = new CollectorMetrics(registry, version == null ? "development" : version);
            registry.register(new FleetCollector(fleet));
            registry.register(new StoreCollector(history));
            registry.register(new AlertCollector(alerts));
            registry.register(new NotifyCollector(notifier));
            DevicePoller poller = new DevicePoller(client, new DeviceInterpreter(new Detector(ProfileCatalog.builtIn())),
                clock);
            RunConfig.Polling p = initial.polling();
            this.engine = new PollEngine(poller::poll, clock, new PollEngine.Options(p.maxInFlight(), p.jitter(),
                p.maxBackoff(), System.nanoTime()), this::polled);
            this.driver = new RealTimeDriver(engine, clock);
            this.traps = new TrapService(clock, fleet, engine, alerts, io.nplus.mibs.trap.TrapCatalog.builtIn());
            registry.register(new io.nplus.server.metrics.TrapCollector(traps::counters));
            Map<String, Route> routes = new LinkedHashMap<>();
            routes.put("/", Routes.index());
            routes.put("/metrics", Routes.metrics(registry));
            routes.put("/api/v1/devices", Routes.devices(fleet));
            routes.put("/api/v1/devices/*", Routes.device(fleet));
            routes.put("/api/v1/query_range", HistoryRoutes.queryRange(history, clock));
            routes.put("/api/v1/alerts", AlertRoutes.alerts(alerts, silences));
            routes.put("/api/v1/events", io.nplus.server.http.EventRoutes.events(traps.events()));
            routes.put("/api/v1/heartbeat/*", AlertRoutes.heartbeat(alerts, alertStore::saveHeartbeat));
            routes.put("/api/v1/silences", AlertRoutes.silences(silences, clock));
            routes.put("/api/v1/silences/*", AlertRoutes.expire(silences));
            routes.put("/-/healthy", Routes.healthy());
            routes.put("/-/ready", Routes.ready(this::readiness));
            this.http = listen(initial, routes, Set.of("/api/v1/heartbeat/*", "/api/v1/silences", "/api/v1/silences/*"));
        } catch (IOException | RuntimeException e) {
            client.close();
            notifier.close();
            outbox.close();
            alertStore.close();
            history.close();
            ticker.shutdownNow();
            throw e;
        }
    }

    private static void logDelivery(Notifier.Delivery d) {
        String action = d.resolved() ? "resolve" : "trigger";
        switch (d.outcome()) {
            case DELIVERED -> log.info("event=notify receiver={} kind={} action={} key=\"{}\" status={} attempt={}",
                d.receiver(), d.kind(), action, d.dedupKey(), d.status(), d.attempt());
            case RETRY -> log.warn("event=notify receiver={} kind={} action={} key=\"{}\" status={} attempt={} note=\"will"
                + " retry\" answer=\"{}\"", d.receiver(), d.kind(), action, d.dedupKey(), d.status(), d.attempt(), d.answer());
            default -> log.error("event=notify receiver={} kind={} action={} key=\"{}\" status={} note=\"refused, not"
                + " retried\" answer=\"{}\"", d.receiver(), d.kind(), action, d.dedupKey(), d.status(), d.answer());
        }
    }

    private void reconcile() {
        try {
            notifier.reconcile();
        } catch (java.sql.SQLException | RuntimeException e) {
            log.warn("event=notify error=\"{}\"", e.toString());
        }
    }

    static TimeSeriesStore.Options storeOptions(RunConfig.History h) {
        return TimeSeriesStore.Options.defaults().withRetention(h.rawRetention(), h.rollupRetention());
    }

    public StoreService history() {
        return history;
    }

    public AlertEngine alerts() {
        return alerts;
    }

    public Silences silences() {
        return silences;
    }

    /** One evaluation cycle: fleet rules, then notifications; the watchdog is pinged only when both completed. */
    private void tickAlerts() {
        try {
            alerts.tick();
            notifier.reconcile();
            notifier.watchdogPing();
        } catch (java.sql.SQLException | RuntimeException e) {
            log.warn("event=alerts_tick error=\"{}\"", e.toString());
        }
    }

    public Notifier notifier() {
        return notifier;
    }

    public static NplusServer start(RunConfig config, Clock clock) throws IOException {
        NplusServer server = new NplusServer(config, clock);
        server.reload(config);
        if (server.traps.startError() != null) {
            String why = server.traps.startError();
            server.close();
            throw new IOException(why);
        }
        server.driver.start();
        server.notifier.start();
        server.ticker.scheduleWithFixedDelay(server::tickAlerts, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        return server;
    }

    private static HttpServer listen(RunConfig config, Map<String, Route> routes, Set<String> posts) throws IOException {
        try {
            return HttpServer.start(new InetSocketAddress(resolve(config.listen().host()), config.listen().port()), routes,
                posts, 1024);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the HTTP server", e);
        } catch (RuntimeException e) {
            throw new IOException("cannot listen on " + config.listen() + ": " + rootMessage(e), e);
        }
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    public Fleet fleet() {
        return fleet;
    }

    public PollEngine engine() {
        return engine;
    }

    public RunConfig config() {
        return config.get();
    }

    /** Switches to a checked config: targets that stay keep their state. The listen address needs a restart. */
    public void reload(RunConfig next) {
        RunConfig previous = config.get();
        if (previous != null && !previous.listen().equals(next.listen())) {
            log.warn("event=reload listen={} note=\"the listen address changes on restart; still serving on {}\"",
                next.listen(), previous.listen());
        }
        List<EngineTarget> targets = new ArrayList<>();
        for (RunConfig.Target t : next.targets()) {
            try {
                targets.add(new EngineTarget(t.name(), InetAddress.getByName(t.address().host()), t.address().port(),
                    t.credentials(), t.interval(), t.timeout(), t.retries(), t.maxRepetitions(), t.deadline(), t.labels()));
            } catch (UnknownHostException e) {
                // A name that does not resolve now may later; the device is reported unreachable meanwhile.
                log.warn("event=resolve target={} host={} error=\"cannot resolve\"", t.name(), t.address().host());
            }
        }
        if (previous != null) {
            java.util.Set<String> kept = new java.util.HashSet<>(next.targets().stream().map(RunConfig.Target::name).toList());
            previous.targets().stream().map(RunConfig.Target::name).filter(n -> !kept.contains(n)).forEach(n -> {
                collector.forget(n);
                lastStatus.remove(n);
                feed.forget(n);
            });
            if (!previous.history().equals(next.history()) || !previous.dataDir().equals(next.dataDir())) {
                log.warn("event=reload note=\"history settings (data dir, retention) change on restart\"");
            }
        }
        config.set(next);
        fleet.configure(next.targets().stream().map(RunConfig.Target::name).toList());
        Map<String, java.time.Duration> intervals = new LinkedHashMap<>();
        next.targets().forEach(t -> intervals.put(t.name(), t.interval()));
        List<Group> groups = new ArrayList<>();
        for (RunConfig.Group g : next.groups()) {
            groups.add(new Group(g.name(), g.need(), g.members().stream().map(m -> new Group.Member(m.target(), m.kind(),
                m.component())).toList()));
        }
        alerts.setFleet(intervals, groups);
        alerts.setRules(next.alerting().pack());
        notifier.setConfig(next.alerting().notifications());
        engine.setTargets(targets);
        collector.targets(targets.size());
        traps.configure(next.traps(), next.allowWeakProtocols(), targets);
    }

    /** The trap receiver, or null when the config has no traps section (or it could not bind). */
    public io.nplus.snmp.trap.TrapReceiver trapReceiver() {
        return traps.receiver();
    }

    public io.nplus.server.events.EventLog events() {
        return traps.events();
    }

    public void reloadFailed() {
        collector.reloaded(false);
    }

    public void reloaded() {
        collector.reloaded(true);
    }

    /**
     * What the rules see of a poll (with its roles applied): the next one is due after the interval, or after the
     * collector's backoff of an unreachable target, so a collection gap is judged against that.
     */
    public static Observation observation(PollOutcome o, DeviceSnapshot snap, RunConfig.Target target) {
        Duration next = o.nextIn().compareTo(target.interval()) > 0 ? o.nextIn() : target.interval();
        return new Observation(target.name(), snap.polledAt(), snap.status() == PollStatus.OK, snap.error(),
            snap.components(), o.rates(), o.reboot(), next, target.labels());
    }

    private void polled(PollOutcome o) {
        RunConfig cfg = config.get();
        RunConfig.Target target = cfg.targets().stream().filter(t -> t.name().equals(o.target().name())).findFirst()
            .orElse(null);
        if (target == null) {
            return; // removed by a reload while polling
        }
        DeviceSnapshot snap = withRoles(o.snapshot(), target);
        DeviceState previous = fleet.get(target.name());
        DeviceSnapshot good = snap.status() == PollStatus.OK ? snap : previous == null ? null : previous.lastGood();
        DeviceMetrics metrics = DeviceMetrics.of(target.name(), target.labels(), snap, o.rates(),
            previous != null && previous.extra() instanceof DeviceMetrics m ? m : null);
        fleet.put(new DeviceState(target.name(), target.address().toString(), target.labels(), snap, good, o.rates(),
            o.events(), o.failures(), o.lateness(), clock.instant(), metrics));
        history.submit(feed.samples(target.name(), snap));
        try {
            alerts.observe(observation(o, snap, target));
        } catch (RuntimeException e) {
            log.warn("event=alerts target={} error=\"{}\"", target.name(), e.toString()); // a rule's defect, not the device's
        }
        collector.polled(target.name(), snap.requests(), snap.varbinds(), o.lateness(), DeviceMetrics.errorReasons(snap),
            o.events().size());
        PollStatus before = lastStatus.put(target.name(), snap.status());
        if (before != snap.status()) {
            if (snap.status() == PollStatus.OK) {
                log.info("event=poll_state target={} status=ok components={} health={}", target.name(),
                    snap.components().size(), snap.worstHealth().word());
            } else {
                log.warn("event=poll_state target={} status={} error=\"{}\"", target.name(), snap.status().word(), snap.error());
            }
        }
        for (String e : o.events()) {
            log.info("event=counters target={} detail=\"{}\"", target.name(), e);
        }
    }

    /** Interfaces get the role their name matches in the config (onboard, management, fabric ...). */
    public static DeviceSnapshot withRoles(DeviceSnapshot s, RunConfig.Target t) {
        if (s.components().isEmpty() || t.roles().isEmpty()) {
            return s;
        }
        List<Component> out = new ArrayList<>(s.components().size());
        for (Component c : s.components()) {
            String role = c.kind() == ComponentKind.INTERFACE ? t.roleOf(c.name()) : "";
            if (role.isEmpty()) {
                out.add(c);
            } else {
                Map<String, String> labels = new LinkedHashMap<>(c.labels());
                labels.put("interface_role", role);
                out.add(new Component(c.kind(), c.id(), c.name(), c.health(), c.state(), c.readings(), c.counters(), labels,
                    c.thresholds(), c.reason(), c.notes(), c.profile()));
            }
        }
        return new DeviceSnapshot(s.target(), s.polledAt(), s.duration(), s.status(), s.error(), s.system(), s.profiles(),
            out, s.problems(), s.requests(), s.varbinds());
    }

    /** Why nplus is not ready, one reason per line; empty when it is. */
    List<String> readiness() {
        List<String> problems = new ArrayList<>();
        RunConfig cfg = config.get();
        if (cfg == null) {
            problems.add("no configuration loaded");
        } else if (fleet.states().isEmpty() && !cfg.targets().isEmpty()) {
            problems.add("no poll has finished yet");
        }
        StoreService.Status st = history.status();
        if (!st.up()) {
            problems.add("history store down since " + st.downSince() + " (" + st.reason() + "): " + st.error()
                + "; polling continues, " + st.pendingSamples() + " samples wait in memory, reopening with backoff");
        }
        return problems;
    }

    private static InetAddress resolve(String host) throws IOException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve listen address '" + host + "'");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.close();
            traps.close();
            http.close();
            client.close();
        } finally {
            ticker.shutdownNow();
            notifier.close();
            outbox.close();
            alertStore.close();
            history.close(java.time.Duration.ofSeconds(10)); // what was polled is written before the lock goes
        }
    }
}
