package io.nplus.snmp.engine;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.PollStatus;
import io.nplus.snmp.poll.Detection;
import io.nplus.snmp.poll.DevicePoller;
import io.nplus.snmp.poll.PollRequest;
import io.nplus.snmp.poll.PollResult;
import io.nplus.snmp.rate.RateEngine;
import io.nplus.snmp.walk.WalkLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Schedules and runs polls for a fleet of targets.
 *
 * <pre>{@code
 * PollEngine engine = new PollEngine(devicePoller::poll, clock, PollEngine.Options.defaults(), fleet::update);
 * engine.setTargets(targets);
 * new RealTimeDriver(engine, clock).start();      // or, on a virtual clock: engine.dispatchDue() after each advance
 * }</pre>
 *
 * <p>Each target keeps a grid: due times one interval apart, starting at a random offset (so a thousand devices
 * with the same interval do not all start at once), each shifted by up to {@code jitter} of the interval. A poll
 * that runs past its next due time skips that slot rather than queueing a burst. At most {@code maxInFlight} polls
 * run at once; a due poll that finds no free slot waits and its lateness is counted. A target that does not answer
 * keeps its schedule for {@value #FAILURES_ON_SCHEDULE} failed polls (so "unreachable for 3 intervals" is seen on
 * time), then is tried again after 2, 4, 8 ... intervals, at most {@code maxBackoff} apart: it costs almost nothing
 * and never delays the others, because every poll is asynchronous and bounded by its own deadline. Each outcome says
 * when the next attempt is ({@link PollOutcome#nextIn()}), so a gap in collection is judged against it.
 */
public final class PollEngine {
    /** Failed polls that keep the regular schedule before the engine backs off. */
    public static final int FAILURES_ON_SCHEDULE = 3;

    /**
     * @param maxInFlight polls running at once
     * @param jitter fraction of the interval each due time may move, 0..0.5
     * @param maxBackoff longest wait between attempts at an unreachable target
     */
    public record Options(int maxInFlight, double jitter, Duration maxBackoff, long seed) {
        public static Options defaults() {
            return new Options(256, 0.1, Duration.ofMinutes(5), System.nanoTime());
        }
    }

    /** What runs one poll: {@link DevicePoller#poll} in production, a script in tests. */
    @FunctionalInterface
    public interface Poller {
        CompletableFuture<PollResult> poll(PollRequest request);
    }

    private final Poller poller;
    private final Clock clock;
    private final Options options;
    private final Consumer<PollOutcome> listener;
    private final Random random;
    private final Object lock = new Object();
    private final Map<String, TargetState> targets = new LinkedHashMap<>();
    private final PriorityQueue<TargetState> queue = new PriorityQueue<>(Comparator.comparing((TargetState t) -> t.due));
    private final List<Runnable> wakeups = new ArrayList<>();
    private int inFlight;
    private long overruns;

    public PollEngine(Poller poller, Clock clock, Options options, Consumer<PollOutcome> listener) {
        this.poller = poller;
        this.clock = clock;
        this.options = options;
        this.listener = listener;
        this.random = new Random(options.seed());
    }

    /** Per-target state, kept across polls and across reloads of the same target. */
    private static final class TargetState {
        EngineTarget target;
        Instant base;        // the grid: due times are base + k * interval (+ jitter)
        Instant due;
        boolean running;
        boolean removed;
        int failures;
        int maxRepetitions;
        Detection detection;
        final RateEngine rates = new RateEngine();
        Instant lastStart;    // of the last poll, regular or not: out-of-turn polls keep their distance from it
        Instant regularDue;   // while pulled forward by pollSoon: the slot it will return to
        boolean repollPending;
        Duration repollGap;

        TargetState(EngineTarget target) {
            this.target = target;
            this.maxRepetitions = target.maxRepetitions();
        }
    }

    /**
     * Replaces the fleet. Targets that stay (same name and identity) keep their schedule, rates and learned
     * limits; their interval and other settings are updated. New targets start within one interval.
     */
    public void setTargets(List<EngineTarget> list) {
        synchronized (lock) {
            Map<String, TargetState> next = new LinkedHashMap<>();
            Instant now = clock.instant();
            for (EngineTarget t : list) {
                TargetState s = targets.get(t.name());
                if (s != null && s.target.identity().equals(t.identity())) {
                    s.target = t;
                    s.maxRepetitions = Math.min(s.maxRepetitions, t.maxRepetitions());
                } else {
                    s = new TargetState(t);
                    long offset = (long) (random.nextDouble() * t.interval().toMillis());
                    s.base = now.plusMillis(offset);
                    s.due = s.base;
                }
                next.put(t.name(), s);
            }
            for (TargetState old : targets.values()) {
                if (next.get(old.target.name()) != old) {
                    old.removed = true;
                }
            }
            targets.clear();
            targets.putAll(next);
            queue.clear();
            for (TargetState s : targets.values()) {
                if (!s.running) {
                    queue.add(s);
                }
            }
        }
        wake();
    }

    public List<EngineTarget> targets() {
        synchronized (lock) {
            return targets.values().stream().map(s -> s.target).toList();
        }
    }

    /** The earliest due time of a target waiting to be polled, or null when none waits. */
    public Instant nextDue() {
        synchronized (lock) {
            TargetState s = queue.peek();
            return s == null ? null : s.due;
        }
    }

    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Due slots skipped because the previous poll of the same target was still running. */
    public long overruns() {
        synchronized (lock) {
            return overruns;
        }
    }

    /** Called (from any thread) whenever a poll finishes or the fleet changes, so a driver can dispatch again. */
    public void onWake(Runnable r) {
        synchronized (lock) {
            wakeups.add(r);
        }
    }

    /** Polls a target now, out of turn (a trap said something changed); false if it is unknown or running. */
    public boolean pollNow(String name) {
        synchronized (lock) {
            TargetState s = targets.get(name);
            if (s == null || s.running) {
                return false;
            }
            queue.remove(s);
            s.due = clock.instant();
            queue.add(s);
        }
        wake();
        return true;
    }

    /**
     * Polls a target soon, out of turn, because a trap said something changed: at once, or {@code minGap} after
     * the start of its last poll when that was more recent. Requests meanwhile share that one poll (many traps,
     * one poll); a request while the target is being polled adds one more poll after it, since the trap may have
     * come after the table was read. The regular schedule is kept: the next slot still comes, on time. False for a
     * target the engine does not know.
     */
    public boolean pollSoon(String name, Duration minGap) {
        synchronized (lock) {
            TargetState s = targets.get(name);
            if (s == null || s.removed) {
                return false;
            }
            if (s.running) {
                s.repollPending = true;
                s.repollGap = minGap;
                return true;
            }
            pullForward(s, minGap);
        }
        wake();
        return true;
    }

    /** Moves a queued target's due time to the earliest an out-of-turn poll may start. Caller holds the lock. */
    private void pullForward(TargetState s, Duration minGap) {
        Instant now = clock.instant();
        Instant at = s.lastStart == null || !s.lastStart.plus(minGap).isAfter(now) ? now : s.lastStart.plus(minGap);
        if (s.due.isAfter(at)) {
            queue.remove(s);
            if (s.regularDue == null) {
                s.regularDue = s.due;
            }
            s.due = at;
            queue.add(s);
        }
    }

    /**
     * Starts every poll that is due now, as far as free slots allow, and returns their futures (each completes
     * after the listener has seen the outcome).
     */
    public List<CompletableFuture<PollOutcome>> dispatchDue() {
        List<Start> starts = new ArrayList<>();
        Instant now = clock.instant();
        synchronized (lock) {
            while (inFlight < options.maxInFlight() && !queue.isEmpty() && !queue.peek().due.isAfter(now)) {
                TargetState s = queue.poll();
                s.running = true;
                s.lastStart = now;
                inFlight++;
                starts.add(new Start(s, s.due, now, s.maxRepetitions, s.detection, s.regularDue));
                s.regularDue = null;
            }
        }
        List<CompletableFuture<PollOutcome>> futures = new ArrayList<>();
        for (Start st : starts) {
            futures.add(run(st));
        }
        return futures;
    }

    /** @param regularDue for an out-of-turn poll, the regular slot it was pulled forward from; else null */
    private record Start(TargetState state, Instant due, Instant started, int maxRepetitions, Detection known,
                         Instant regularDue) {
    }

    private CompletableFuture<PollOutcome> run(Start st) {
        EngineTarget t = st.state.target;
        PollRequest request = new PollRequest(t.name(), t.host(), t.port(), t.credentials(), t.timeout(), t.retries(),
            t.deadline(), WalkLimits.defaults().withMaxRepetitions(st.maxRepetitions), false, st.known);
        CompletableFuture<PollResult> poll;
        try {
            poll = poller.poll(request);
        } catch (RuntimeException e) {
            poll = CompletableFuture.failedFuture(e);
        }
        return poll.handle((result, error) -> finish(st, result, error));
    }

    private PollOutcome finish(Start st, PollResult result, Throwable error) {
        TargetState s = st.state;
        EngineTarget t = s.target;
        DeviceSnapshot snapshot;
        if (error != null) {
            // A defect of ours, not the device's: report it as an error poll, keep polling.
            snapshot = new DeviceSnapshot(t.name(), st.started, Duration.ZERO, PollStatus.ERROR,
                t.name() + ": internal error while polling: " + error, new io.nplus.mibs.vocab.SystemInfo("", "", "", null),
                List.of(), List.of(), List.of(), 0, 0);
        } else {
            snapshot = result.snapshot();
        }
        RateEngine.Rates rates;
        int failures;
        Duration nextIn;
        synchronized (lock) {
            boolean ok = snapshot.status() == PollStatus.OK;
            failures = ok ? 0 : s.failures + 1;
            s.failures = failures;
            if (ok) {
                s.maxRepetitions = Math.min(s.target.maxRepetitions(), result.maxRepetitions());
                s.detection = result.detection();
                rates = s.rates.update(snapshot.polledAt(), snapshot.system().uptimeSeconds(), snapshot.components());
            } else {
                s.detection = null;
                if (failures >= 2) {
                    s.rates.reset(); // rates across an outage would mix two unrelated counter states
                }
                rates = new RateEngine.Rates(Map.of(), List.of(), false);
            }
            schedule(s, ok, st.regularDue);
            nextIn = s.removed || s.due == null ? t.interval() : Duration.between(clock.instant(), s.due);
            inFlight--;
        }
        PollOutcome outcome = new PollOutcome(t, snapshot, rates.byComponent(), rates.events(), rates.reboot(), st.due,
            Duration.between(st.due, st.started), failures, nextIn);
        try {
            listener.accept(outcome);
        } finally {
            wake();
        }
        return outcome;
    }

    /** Puts a target back in the queue at its next due time. Caller holds the lock. */
    private void schedule(TargetState s, boolean ok, Instant regularDue) {
        s.running = false;
        if (s.removed) {
            return;
        }
        Instant now = clock.instant();
        Duration interval = s.target.interval();
        if (regularDue != null && regularDue.isAfter(now) && (ok || s.failures <= FAILURES_ON_SCHEDULE)) {
            s.due = regularDue; // an out-of-turn poll: the slot it came before is still to come
        } else if (!ok && s.failures > FAILURES_ON_SCHEDULE) {
            long factor = 1L << Math.min(20, s.failures - FAILURES_ON_SCHEDULE);
            Duration wait = interval.multipliedBy(factor);
            if (wait.compareTo(options.maxBackoff()) > 0) {
                wait = options.maxBackoff().compareTo(interval) > 0 ? options.maxBackoff() : interval;
            }
            s.base = now.plus(wait);
            s.due = s.base;
        } else {
            Instant next = s.base.plus(interval);
            while (!next.isAfter(now)) {
                next = next.plus(interval);
                overruns++;
            }
            s.base = next;
            long jitterMillis = (long) (random.nextDouble() * options.jitter() * interval.toMillis());
            s.due = next.plusMillis(jitterMillis);
        }
        queue.add(s);
        if (s.repollPending) {
            s.repollPending = false;
            pullForward(s, s.repollGap);
        }
    }

    private void wake() {
        List<Runnable> copy;
        synchronized (lock) {
            copy = new ArrayList<>(wakeups);
        }
        copy.forEach(Runnable::run);
    }

    /** The states of every target, for tests and the status page: name to consecutive failures. */
    public Map<String, Integer> failures() {
        synchronized (lock) {
            Map<String, Integer> out = new HashMap<>();
            targets.forEach((k, v) -> out.put(k, v.failures));
            return out;
        }
    }
}
