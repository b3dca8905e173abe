package io.nplus.snmp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.PollStatus;
import io.nplus.core.secret.Secret;
import io.nplus.core.time.VirtualClock;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.SystemInfo;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.lab.LabDevice;
import io.nplus.snmp.poll.DevicePoller;
import io.nplus.snmp.poll.PollRequest;
import io.nplus.snmp.poll.PollResult;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import io.nplus.snmp.testing.BlackHole;
import io.nplus.snmp.testing.FakeAgent;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 4: the polling engine's schedule, limits and backoff, on a virtual clock and for real. */
class PollEngineTest {
    static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");
    static final Credentials V2 = Credentials.community(Credentials.Version.V2C, Secret.of("public"));

    static EngineTarget target(String name, Duration interval) {
        return new EngineTarget(name, InetAddress.getLoopbackAddress(), 161, V2, interval, Duration.ofSeconds(1), 0,
            25, interval.multipliedBy(9).dividedBy(10), Map.of());
    }

    static PollResult result(PollRequest r, PollStatus status, Instant at) {
        DeviceSnapshot s = new DeviceSnapshot(r.display(), at, Duration.ofMillis(5), status, status == PollStatus.OK ? ""
            : "no answer", new SystemInfo("", "", "", 100.0), List.of(), List.of(), List.of(), 1, 1);
        // The detection names the request's own target, so a test can see which one the engine handed back.
        return new PollResult(s, List.of(), 10, status == PollStatus.OK
            ? new io.nplus.snmp.poll.Detection(r.display(), "", 100.0, at, List.of()) : null);
    }

    /** Runs the engine on a virtual clock, one second at a time, completing every poll at once. */
    static final class Sim {
        final VirtualClock clock = new VirtualClock(T0);
        final Map<String, List<Instant>> started = new ConcurrentHashMap<>();
        final Map<String, List<String>> known = new ConcurrentHashMap<>();
        final Map<String, PollStatus> answer = new HashMap<>();
        final List<PollOutcome> outcomes = new CopyOnWriteArrayList<>();
        final PollEngine engine;

        Sim(PollEngine.Options options) {
            engine = new PollEngine(r -> {
                started.computeIfAbsent(r.display(), k -> Collections.synchronizedList(new ArrayList<>())).add(clock.instant());
                known.computeIfAbsent(r.display(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(r.known() == null ? "-" : r.known().objectId());
                return CompletableFuture.completedFuture(result(r, answer.getOrDefault(r.display(), PollStatus.OK),
                    clock.instant()));
            }, clock, options, outcomes::add);
        }

        void runFor(Duration d) {
            Instant end = clock.instant().plus(d);
            while (clock.instant().isBefore(end)) {
                engine.dispatchDue();
                clock.advance(Duration.ofMillis(100));
            }
        }
    }

    @Nested
    class OnAVirtualClock {
        @Test
        void everyTargetIsPolledOncePerIntervalWithSpreadStarts() {
            Sim sim = new Sim(new PollEngine.Options(1000, 0.1, Duration.ofMinutes(10), 42));
            List<EngineTarget> fleet = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fleet.add(target("t" + i, Duration.ofSeconds(60)));
            }
            sim.engine.setTargets(fleet);
            sim.runFor(Duration.ofMinutes(10));
            for (int i = 0; i < 100; i++) {
                List<Instant> times = sim.started.get("t" + i);
                assertThat(times).hasSizeBetween(9, 11);
                for (int k = 1; k < times.size(); k++) {
                    long gap = Duration.between(times.get(k - 1), times.get(k)).toMillis();
                    assertThat(gap).isBetween(54_000L, 66_100L); // one interval, +- the 10 % jitter
                }
            }
            // First polls spread over the first interval, not all at once.
            long inFirstSecond = sim.started.values().stream().filter(l -> l.get(0).isBefore(T0.plusSeconds(1))).count();
            assertThat(inFirstSecond).isLessThan(10);
        }

        @Test
        void unreachableTargetBacksOffWithoutTouchingTheOthers() {
            Sim sim = new Sim(new PollEngine.Options(1000, 0.0, Duration.ofMinutes(4), 1));
            sim.answer.put("dead", PollStatus.UNREACHABLE);
            sim.engine.setTargets(List.of(target("dead", Duration.ofSeconds(30)), target("alive", Duration.ofSeconds(30))));
            sim.runFor(Duration.ofMinutes(20));
            List<Instant> dead = sim.started.get("dead");
            List<Long> gaps = new ArrayList<>();
            for (int k = 1; k < dead.size(); k++) {
                gaps.add(Duration.between(dead.get(k - 1), dead.get(k)).toSeconds());
            }
            // Three failures on the 30 s schedule, then 60, 120, and at most the 4 min backoff limit from then on.
            assertThat(gaps.subList(0, 6)).containsExactly(30L, 30L, 30L, 60L, 120L, 240L);
            // each outcome says when the next attempt comes
            List<Long> announced = sim.outcomes.stream().filter(o -> o.target().name().equals("dead"))
                .map(o -> Math.round(o.nextIn().toMillis() / 1000.0)).toList(); // from the end of the poll
            assertThat(announced.subList(0, 6)).containsExactly(30L, 30L, 30L, 60L, 120L, 240L);
            assertThat(gaps).allMatch(g -> g <= 240);
            assertThat(sim.started.get("alive")).hasSizeBetween(39, 41);
            assertThat(sim.outcomes.stream().filter(o -> o.target().name().equals("dead")).mapToInt(PollOutcome::failures).max())
                .hasValue(dead.size());
        }

        @Test
        void inFlightLimitMakesTheRestWaitAndCountsTheirLateness() {
            VirtualClock clock = new VirtualClock(T0);
            List<CompletableFuture<PollResult>> pending = new ArrayList<>();
            List<PollRequest> asked = new ArrayList<>();
            List<PollOutcome> outcomes = new ArrayList<>();
            PollEngine engine = new PollEngine(r -> {
                CompletableFuture<PollResult> f = new CompletableFuture<>();
                pending.add(f);
                asked.add(r);
                return f;
            }, clock, new PollEngine.Options(2, 0.0, Duration.ofMinutes(1), 3), outcomes::add);
            List<EngineTarget> fleet = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fleet.add(target("t" + i, Duration.ofMillis(1)));
            }
            engine.setTargets(fleet); // 1 ms interval: all five due at once
            clock.advance(Duration.ofSeconds(1));
            assertThat(engine.dispatchDue()).hasSize(2);
            assertThat(engine.inFlight()).isEqualTo(2);
            assertThat(engine.dispatchDue()).isEmpty();
            clock.advance(Duration.ofSeconds(3));
            pending.get(0).complete(result(asked.get(0), PollStatus.OK, clock.instant()));
            assertThat(engine.dispatchDue()).hasSize(1);
            assertThat(outcomes.get(0).lateness()).isLessThan(Duration.ofSeconds(2));
            assertThat(engine.dispatchDue()).as("two in flight again: the rest wait").isEmpty();
            pending.get(2).complete(result(asked.get(2), PollStatus.OK, clock.instant()));
            assertThat(outcomes.get(1).lateness()).isGreaterThanOrEqualTo(Duration.ofSeconds(3)); // waited for a slot
        }

        @Test
        void pollThatRunsPastItsNextSlotSkipsItInsteadOfBursting() {
            VirtualClock clock = new VirtualClock(T0);
            List<CompletableFuture<PollResult>> pending = new ArrayList<>();
            List<PollRequest> asked = new ArrayList<>();
            PollEngine engine = new PollEngine(r -> {
                CompletableFuture<PollResult> f = new CompletableFuture<>();
                pending.add(f);
                asked.add(r);
                return f;
            }, clock, new PollEngine.Options(10, 0.0, Duration.ofMinutes(1), 5), o -> { });
            engine.setTargets(List.of(target("slow", Duration.ofSeconds(10))));
            clock.advance(Duration.ofSeconds(10));
            assertThat(engine.dispatchDue()).hasSize(1);
            clock.advance(Duration.ofSeconds(35)); // the poll took 35 s: three slots went by
            pending.get(0).complete(result(asked.get(0), PollStatus.OK, clock.instant()));
            assertThat(engine.overruns()).isEqualTo(3);
            assertThat(engine.dispatchDue()).isEmpty(); // no burst of catch-up polls
            assertThat(engine.nextDue()).isAfter(clock.instant());
        }

        @Test
        void eachPollGetsThePreviousDetectionOfItsOwnTargetUntilAFailure() {
            Sim sim = new Sim(new PollEngine.Options(100, 0.0, Duration.ofMinutes(10), 5));
            sim.engine.setTargets(List.of(target("a", Duration.ofSeconds(10)), target("b", Duration.ofSeconds(10))));
            sim.runFor(Duration.ofSeconds(30)); // three polls each, whatever the random offset
            assertThat(sim.known.get("a")).startsWith("-", "a", "a");
            assertThat(sim.known.get("b")).startsWith("-", "b", "b");
            int failed = sim.known.get("a").size();
            sim.answer.put("a", PollStatus.UNREACHABLE);
            sim.runFor(Duration.ofSeconds(10)); // exactly one poll, which fails
            sim.answer.remove("a");
            sim.runFor(Duration.ofSeconds(30));
            List<String> a = sim.known.get("a");
            assertThat(a.get(failed)).isEqualTo("a");
            assertThat(a.get(failed + 1)).as("after a failure the device is detected again").isEqualTo("-");
            assertThat(a.get(failed + 2)).isEqualTo("a");
        }

        @Test
        void reloadKeepsTheStateOfTargetsThatStay() {
            Sim sim = new Sim(new PollEngine.Options(100, 0.0, Duration.ofMinutes(10), 9));
            sim.answer.put("a", PollStatus.UNREACHABLE);
            sim.engine.setTargets(List.of(target("a", Duration.ofSeconds(10)), target("b", Duration.ofSeconds(10))));
            sim.runFor(Duration.ofSeconds(45));
            int failures = sim.engine.failures().get("a");
            assertThat(failures).isGreaterThanOrEqualTo(2);
            sim.engine.setTargets(List.of(target("a", Duration.ofSeconds(20)), target("c", Duration.ofSeconds(10))));
            assertThat(sim.engine.failures()).containsOnlyKeys("a", "c").containsEntry("a", failures).containsEntry("c", 0);
            assertThat(sim.engine.targets()).extracting(EngineTarget::interval).contains(Duration.ofSeconds(20));
        }
    }

    /** Real SNMP, real time: a black-holed and a slow target do not delay twenty healthy ones. */
    @Test
    void blackHoledAndSlowTargetsDoNotDelayTheOthers() throws Exception {
        MibSnapshot linux = TestData.read("linux");
        Map<String, LabDevice> devices = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            devices.put("d" + i, new LabDevice("d" + i, linux));
        }
        try (LabAgent lab = LabAgent.start(LabAgent.Options.loopback(0), devices);
             BlackHole hole = new BlackHole();
             FakeAgent slow = FakeAgent.start((req, v1) -> FakeAgent.serve(req, linux, v1), 700);
             SnmpClient client = SnmpClient.open(SnmpClient.Options.defaults().withBindAddress("127.0.0.1"))) {
            DevicePoller poller = new DevicePoller(client, new DeviceInterpreter(new Detector(ProfileCatalog.builtIn())),
                Clock.systemUTC());
            List<PollOutcome> outcomes = new CopyOnWriteArrayList<>();
            PollEngine engine = new PollEngine(poller::poll, Clock.systemUTC(), new PollEngine.Options(64, 0.1,
                Duration.ofMinutes(1), 11), outcomes::add);
            List<EngineTarget> fleet = new ArrayList<>();
            Duration interval = Duration.ofSeconds(1);
            for (int i = 0; i < 20; i++) {
                fleet.add(new EngineTarget("d" + i, InetAddress.getLoopbackAddress(), lab.port(),
                    Credentials.community(Credentials.Version.V2C, Secret.of("d" + i)), interval, Duration.ofMillis(900), 0,
                    25, Duration.ofMillis(900), Map.of()));
            }
            fleet.add(new EngineTarget("hole", InetAddress.getLoopbackAddress(), hole.port(), V2, interval,
                Duration.ofMillis(900), 0, 25, Duration.ofMillis(900), Map.of()));
            fleet.add(new EngineTarget("slow", InetAddress.getLoopbackAddress(), slow.port(), V2, Duration.ofSeconds(3),
                Duration.ofMillis(1000), 0, 25, Duration.ofMillis(2900), Map.of()));
            engine.setTargets(fleet);
            try (RealTimeDriver driver = new RealTimeDriver(engine, Clock.systemUTC())) {
                driver.start();
                Thread.sleep(5_000);
                // The slow target's first poll may start up to one interval late (the grid's random offset) and
                // then takes up to its deadline: give it that long, polling the others all the while.
                long until = System.nanoTime() + 5_000_000_000L;
                while (outcomes.stream().noneMatch(o -> o.target().name().equals("slow")) && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
            }
            List<PollOutcome> healthy = outcomes.stream().filter(o -> o.target().name().startsWith("d")).toList();
            assertThat(healthy.size()).isBetween(20 * 3, 20 * 11);
            assertThat(healthy).allMatch(o -> o.snapshot().status() == PollStatus.OK);
            // A poll held up by the black hole would start at least its 900 ms timeout late; 600 ms leaves room for
            // a busy shared machine without hiding that.
            long late = healthy.stream().filter(o -> o.lateness().compareTo(Duration.ofMillis(600)) > 0).count();
            assertThat(late).as("healthy polls started more than 600 ms late").isZero();
            assertThat(outcomes).filteredOn(o -> o.target().name().equals("hole"))
                .allMatch(o -> o.snapshot().status() == PollStatus.UNREACHABLE).isNotEmpty();
            assertThat(outcomes).filteredOn(o -> o.target().name().equals("slow"))
                .as("polls of the slow target: %s", outcomes.stream().filter(o -> o.target().name().equals("slow"))
                    .map(o -> o.snapshot().status() + " " + o.snapshot().error() + " " + o.snapshot().problems()).toList())
                .anyMatch(o -> o.snapshot().status() == PollStatus.OK);
        }
    }
}
