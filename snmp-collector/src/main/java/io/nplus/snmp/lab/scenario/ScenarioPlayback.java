package io.nplus.snmp.lab.scenario;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Plays a scenario on the wall clock, on its own thread: the devices are moved to the scenario's state every second
 * (and at each event), so uptimes, rates and ramps move as on live devices. At the scenario's end it either stops,
 * leaving the devices serving their last state, or ({@code loop}) starts over: sets and removals are undone, uptimes
 * keep growing.
 *
 * <pre>{@code
 * try (ScenarioPlayback p = new ScenarioPlayback(player, Clock.systemUTC(), true, e -> log(e))) {
 *     p.start();
 *     p.awaitEnd();
 * }
 * }</pre>
 */
public final class ScenarioPlayback implements AutoCloseable {
    private static final Duration STEP = Duration.ofSeconds(1);

    private final ScenarioPlayer player;
    private final Clock clock;
    private final boolean loop;
    private final Consumer<ScenarioEvent> onEvent;
    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean running = true;

    public ScenarioPlayback(ScenarioPlayer player, Clock clock, boolean loop, Consumer<ScenarioEvent> onEvent) {
        this.player = player;
        this.clock = clock;
        this.loop = loop;
        this.onEvent = onEvent;
        this.thread = new Thread(this::run, "nplus-scenario");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Waits until a scenario that does not loop has played to its end (or the playback is closed). */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    private void run() {
        Instant start = clock.instant();
        Duration duration = player.scenario().duration();
        try {
            while (running) {
                Duration elapsed = Duration.between(start, clock.instant());
                boolean over = !loop && elapsed.compareTo(duration) >= 0;
                Duration t = over ? duration : loop ? Duration.ofNanos(elapsed.toNanos() % duration.toNanos()) : elapsed;
                for (ScenarioEvent e : player.moveTo(t, elapsed)) {
                    onEvent.accept(e);
                }
                if (over) {
                    return;
                }
                Duration wait = STEP;
                Duration next = player.nextChangeAfter(t);
                if (next != null && next.minus(t).compareTo(wait) < 0) {
                    wait = next.minus(t);
                }
                if (loop && duration.minus(t).compareTo(wait) < 0) {
                    wait = duration.minus(t);
                }
                Thread.sleep(Math.max(1, wait.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the playback thread has finished. */
    public boolean hasEnded() {
        return ended.getCount() == 0;
    }

    /** Waits at most {@code timeout} for the end; true when it came. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
