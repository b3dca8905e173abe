package io.nplus.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to: a day of polling, or an incident's timeline, replays in seconds and the
 * same way every time.
 *
 * <pre>{@code
 * VirtualClock clock = new VirtualClock(Instant.parse("2026-11-21T00:00:00Z"));
 * clock.advance(Duration.ofMinutes(1));
 * }</pre>
 */
public final class VirtualClock extends Clock {
    private final AtomicReference<Instant> now;

    public VirtualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a virtual clock moves forward, not by " + d);
        }
        now.updateAndGet(t -> t.plus(d));
    }

    /** Moves to {@code t}, if it is later than now. */
    public void advanceTo(Instant t) {
        now.updateAndGet(cur -> t.isAfter(cur) ? t : cur);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
