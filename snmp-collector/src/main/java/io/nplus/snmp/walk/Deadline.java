package io.nplus.snmp.walk;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A point on the monotonic clock by which a device's poll must be over. */
public record Deadline(long atNanos, LongSupplier nanoTime) {
    public static Deadline after(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos(), System::nanoTime);
    }

    public long remainingMillis() {
        return Math.max(0, (atNanos - nanoTime.getAsLong()) / 1_000_000);
    }

    public boolean passed() {
        return nanoTime.getAsLong() - atNanos >= 0;
    }
}
