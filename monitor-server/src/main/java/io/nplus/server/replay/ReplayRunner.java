package io.nplus.server.replay;

import io.nplus.core.time.VirtualClock;
import io.nplus.snmp.engine.PollOutcome;
import io.nplus.snmp.lab.scenario.Scenario;
import io.nplus.snmp.lab.scenario.ScenarioAction;
import io.nplus.snmp.lab.scenario.ScenarioEvent;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replays a scenario through the whole of nplus and judges its expectations.
 *
 * <pre>{@code
 * ReplayResult r = ReplayRunner.run(BuiltInScenarios.load("demo"), true, ReplayRunner.Listener.NONE);
 * r.passed();
 * }</pre>
 *
 * <p>Virtual time moves without sleeping, one step at a time: to the next due poll, the next scenario event (or end
 * of a silence), or the next 5-second evaluation tick of the alert engine, whichever comes first. At each step the
 * devices are set to the scenario's state, the polls due are sent over real SNMP on loopback and waited for, the
 * rules are evaluated and the notifier's outbox is drained to the capture receiver before time moves on. In real
 * time the same steps wait on the wall clock instead.
 */
public final class ReplayRunner {
    /** The alert engine's time-driven evaluations, as in {@code nplus run}. */
    static final Duration TICK = Duration.ofSeconds(5);

    /** Told of each event and notification as it happens (a timeline printed while the replay runs). */
    public interface Listener {
        void event(ScenarioEvent e);

        void notice(Notice n);

        Listener NONE = new Listener() {
            @Override
            public void event(ScenarioEvent e) {
            }

            @Override
            public void notice(Notice n) {
            }
        };
    }

    private ReplayRunner() {
    }

    /** Runs {@code scenario} on a virtual clock ({@code virtual}) or in real time. */
    public static ReplayResult run(Scenario scenario, boolean virtual, Listener listener) throws IOException,
        InterruptedException {
        long wallStart = System.nanoTime();
        Clock clock = virtual ? new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")) : Clock.systemUTC();
        Instant start = clock.instant();
        List<ScenarioEvent> played = new ArrayList<>();
        try (ReplayRig rig = new ReplayRig(scenario, clock, start, virtual, listener::notice)) {
            Duration t = Duration.ZERO;
            Duration nextTick = TICK;
            Duration moved = null;
            while (true) {
                // The devices are set to the scenario's state only when something will look at it or it changes:
                // a poll is due, or an event happens (a day has 17,280 evaluation ticks and only 1,440 polls each).
                Instant due = rig.engine.nextDue();
                Duration change = moved == null ? Duration.ZERO : rig.player.nextChangeAfter(moved);
                boolean pollDue = due != null && !due.isAfter(clock.instant());
                // (After a pause the engine schedules the device anew, within one interval, as a restarted nplus.)
                if (pollDue || (change != null && change.compareTo(t) <= 0)) {
                    moved = t;
                    for (ScenarioEvent e : rig.player.moveTo(t)) {
                        played.add(e);
                        listener.event(e);
                        if (e.action() instanceof ScenarioAction.Heartbeat h) {
                            rig.alerts.heartbeat(h.name(), h.maxAge());
                        }
                    }
                    rig.pause(rig.player.pausedAt(t));
                }
                boolean polled = await(rig.engine.dispatchDue());
                boolean tick = t.compareTo(nextTick) >= 0;
                while (nextTick.compareTo(t) <= 0) {
                    nextTick = nextTick.plus(TICK);
                }
                if (polled || tick) {
                    evaluate(rig);
                }
                if (t.compareTo(scenario.duration()) >= 0) {
                    break;
                }
                Duration next = min(nextTick, scenario.duration());
                due = rig.engine.nextDue();
                if (due != null) {
                    next = min(next, Duration.between(start, due));
                }
                change = rig.player.nextChangeAfter(t);
                if (change != null) {
                    next = min(next, change);
                }
                if (next.compareTo(t) <= 0) {
                    next = t.plusMillis(1); // a poll due in the past (a slow step): dispatch it now, a moment on
                }
                if (clock instanceof VirtualClock v) {
                    v.advanceTo(start.plus(next));
                    t = next;
                } else {
                    long ms = Duration.between(clock.instant(), start.plus(next)).toMillis();
                    if (ms > 0) {
                        Thread.sleep(ms);
                    }
                    t = Duration.between(start, clock.instant());
                    t = t.compareTo(scenario.duration()) > 0 ? scenario.duration() : t;
                }
            }
            evaluate(rig);
            List<Notice> notices = rig.capture.notices();
            return new ReplayResult(scenario, virtual, played, notices, Verdicts.judge(scenario.expectations(), notices),
                Duration.ofNanos(System.nanoTime() - wallStart), rig.polls.get());
        }
    }

    /** Fleet rules, then notifications, drained to the capture receiver before time moves on. */
    private static void evaluate(ReplayRig rig) throws InterruptedException, IOException {
        rig.alerts.tick();
        try {
            rig.notifier.reconcile();
        } catch (SQLException e) {
            throw new IOException("the replay's outbox failed: " + e.getMessage(), e);
        }
        rig.drain();
    }

    /** Waits for the polls started (each is bounded by its own deadline); true when there were any. */
    private static boolean await(List<CompletableFuture<PollOutcome>> polls) throws InterruptedException, IOException {
        if (polls.isEmpty()) {
            return false;
        }
        try {
            CompletableFuture.allOf(polls.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IOException("a poll failed inside nplus: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("polls did not finish within 5 minutes of real time; the machine is overloaded", e);
        }
        return true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
