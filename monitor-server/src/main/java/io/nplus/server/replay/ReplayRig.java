package io.nplus.server.replay;

import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.engine.Silences;
import io.nplus.alerting.model.Group;
import io.nplus.alerting.notify.Notifier;
import io.nplus.alerting.notify.NotifyConfig;
import io.nplus.alerting.notify.Outbox;
import io.nplus.alerting.rules.RulePack;
import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.PollStatus;
import io.nplus.core.net.HostPort;
import io.nplus.core.secret.Secret;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.yaml.YamlDocument;
import io.nplus.server.config.ConfigLoader;
import io.nplus.server.config.ConfigSpec;
import io.nplus.server.config.RunConfig;
import io.nplus.server.run.NplusServer;
import io.nplus.snmp.engine.EngineTarget;
import io.nplus.snmp.engine.PollEngine;
import io.nplus.snmp.engine.PollOutcome;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.scenario.Scenario;
import io.nplus.snmp.lab.scenario.ScenarioPlayer;
import io.nplus.snmp.poll.DevicePoller;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Everything a replay runs, wired as {@code nplus run} wires it: the lab agent playing the scenario on loopback,
 * the poll engine over SNMP4J, the alert engine with the built-in rules and the scenario's groups, and the
 * notifier with its outbox, routed to a capture receiver.
 */
final class ReplayRig implements Closeable {
    /** The schema of a scenario's {@code groups:}, the run config's; the rest of the file is the scenario's. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record GroupsSpec(List<ConfigSpec.GroupSpec> groups) {
    }

    final ScenarioPlayer player;
    final AlertEngine alerts;
    final Notifier notifier;
    final PollEngine engine;
    final CaptureTransport capture;
    final AtomicLong polls = new AtomicLong();
    /** Polls that failed or left tables unread: on loopback a sign of an overloaded machine, and they change alerts. */
    final AtomicLong pollsImperfect = new AtomicLong();
    private final LabAgent agent;
    private final SnmpClient client;
    private final Outbox outbox;
    private final Path dataDir;
    private final Map<String, RunConfig.Target> targets = new LinkedHashMap<>();
    private final List<EngineTarget> engineTargets = new ArrayList<>();
    private java.util.Set<String> paused = java.util.Set.of();

    ReplayRig(Scenario scenario, Clock clock, Instant start, boolean virtual, Consumer<Notice> notices) throws IOException {
        List<RunConfig.Group> groups = groups(scenario);
        this.player = new ScenarioPlayer(scenario);
        this.dataDir = Files.createTempDirectory("nplus-replay");
        this.agent = LabAgent.start(LabAgent.Options.loopback(0), player.devices());
        SnmpClient c = null;
        Outbox o = null;
        try {
            c = SnmpClient.open(SnmpClient.Options.defaults().withBindAddress("127.0.0.1"));
            o = Outbox.open(dataDir);
            this.alerts = new AlertEngine(clock, RulePack.builtIn(), AlertEngine.Persistence.NONE);
            this.capture = new CaptureTransport(clock, start, notices);
            NotifyConfig.Receiver receiver = new NotifyConfig.Receiver("capture", capture, 100_000, null);
            NotifyConfig routes = new NotifyConfig(Map.of("capture", receiver), List.of(new NotifyConfig.Route(Map.of(),
                "capture", false, List.of(), Duration.ofSeconds(30), Duration.ofHours(4))), null);
            this.notifier = new Notifier(clock, routes, o, alerts, new Silences(clock, List.of(), s -> { }),
                Notifier.Options.defaults());
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(c, o);
            agent.close();
            deleteDataDir();
            if (e instanceof SQLException) {
                throw new IOException("cannot open the replay's outbox: " + e.getMessage(), e);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        }
        this.client = c;
        this.outbox = o;
        DevicePoller poller = new DevicePoller(client, new DeviceInterpreter(new Detector(ProfileCatalog.builtIn())), clock);
        // A fixed seed: the same scenario replays the same way on a virtual clock.
        this.engine = new PollEngine(poller::poll, clock, new PollEngine.Options(64, 0.1, Duration.ofMinutes(5), 8L),
            this::polled);
        // On a virtual clock a silent device costs real seconds of timeouts: short ones (loopback answers in
        // microseconds), with retries so that a busy machine does not invent an outage.
        int retries = virtual ? 2 : 1;
        Duration timeout = virtual ? Duration.ofMillis(500) : Duration.ofSeconds(2);
        // All tries of a poll fit in its interval, as the run config requires (a 1s interval gets 500ms tries).
        Duration perTry = scenario.interval().dividedBy(retries + 1);
        timeout = perTry.compareTo(timeout) < 0 ? perTry : timeout;
        List<EngineTarget> list = new ArrayList<>();
        Map<String, Duration> intervals = new LinkedHashMap<>();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (Scenario.Device d : scenario.devices()) {
            Credentials cred = Credentials.community(Credentials.Version.V2C, Secret.of(d.name()));
            Duration deadline = scenario.interval().multipliedBy(9).dividedBy(10);
            RunConfig.Target t = new RunConfig.Target(d.name(), new HostPort("127.0.0.1", agent.port()), "lab", cred,
                scenario.interval(), timeout, retries, 25, deadline, d.labels(), ConfigLoader.defaultRoles());
            targets.put(d.name(), t);
            list.add(new EngineTarget(d.name(), loopback, agent.port(), cred, scenario.interval(), timeout, retries, 25,
                deadline, d.labels()));
            intervals.put(d.name(), scenario.interval());
        }
        alerts.setFleet(intervals, groups.stream().map(g -> new Group(g.name(), g.need(), g.members().stream()
            .map(m -> new Group.Member(m.target(), m.kind(), m.component())).toList())).toList());
        engineTargets.addAll(list);
        engine.setTargets(list);
        notifier.start();
    }

    /** The scenario's groups, checked as the run config's are (file:line on a mistake). */
    static List<RunConfig.Group> groups(Scenario scenario) {
        YamlDocument doc = scenario.document();
        GroupsSpec spec = doc.bind(GroupsSpec.class);
        return ConfigLoader.groups(doc, spec.groups(), scenario.devices().stream().map(Scenario.Device::name).toList());
    }

    private void polled(PollOutcome o) {
        RunConfig.Target t = targets.get(o.target().name());
        DeviceSnapshot snap = NplusServer.withRoles(o.snapshot(), t);
        polls.incrementAndGet();
        if (snap.status() != PollStatus.OK || !snap.problems().isEmpty()) {
            pollsImperfect.incrementAndGet();
        }
        alerts.observe(NplusServer.observation(o, snap, t));
    }

    /**
     * Stops polling these devices (a scenario's pause: a gap in nplus's own collection) and polls the others. The
     * alert engine still expects them, as it would from a collector that stalled.
     */
    void pause(java.util.Set<String> names) {
        if (!names.equals(paused)) {
            paused = java.util.Set.copyOf(names);
            engine.setTargets(engineTargets.stream().filter(t -> !paused.contains(t.name())).toList());
        }
    }

    /** Waits (real time, bounded) until every notification put in the outbox has reached the capture receiver. */
    void drain() throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (notifier.queued() > 0 && System.nanoTime() < until) {
            Thread.sleep(1);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            notifier.close();
            closeQuietly(client, outbox);
            agent.close();
        } finally {
            deleteDataDir();
        }
    }

    private static void closeQuietly(SnmpClient c, Outbox o) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // closing a loopback socket: nothing to report
        }
        if (o != null) {
            o.close();
        }
    }

    private void deleteDataDir() throws IOException {
        try (var files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
