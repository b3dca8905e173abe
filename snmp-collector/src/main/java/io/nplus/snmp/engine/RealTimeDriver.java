package io.nplus.snmp.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a {@link PollEngine} in real time on one thread: sleep until the next due time (or until a poll finishes
 * or the fleet changes), dispatch what is due, repeat. The polls themselves run on SNMP4J's threads.
 */
public final class RealTimeDriver implements AutoCloseable {
    private static final Duration MAX_SLEEP = Duration.ofSeconds(1);

    private final PollEngine engine;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean signalled;

    public RealTimeDriver(PollEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        this.thread = new Thread(this::loop, "nplus-scheduler");
        this.thread.setDaemon(true);
        engine.onWake(this::signal);
    }

    public void start() {
        thread.start();
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            engine.dispatchDue();
            Instant next = engine.nextDue();
            Duration sleep = next == null ? MAX_SLEEP : Duration.between(clock.instant(), next);
            if (sleep.compareTo(MAX_SLEEP) > 0) {
                sleep = MAX_SLEEP;
            }
            lock.lock();
            try {
                if (!signalled && !sleep.isNegative() && !sleep.isZero()) {
                    changed.awaitNanos(sleep.toNanos());
                }
                signalled = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
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
}
