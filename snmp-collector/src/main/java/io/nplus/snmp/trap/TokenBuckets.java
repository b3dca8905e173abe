package io.nplus.snmp.trap;

import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A token bucket per source address: {@code ratePerSecond} notifications a second on average, {@code burst} at
 * once. Only allowed sources get a bucket (unknown ones are dropped before), so the map is as big as the
 * allow-list. Used by the network thread alone.
 */
final class TokenBuckets {
    private final Clock clock;
    private final double ratePerSecond;
    private final double burst;
    private final Map<InetAddress, double[]> buckets = new HashMap<>(); // {tokens, last refill in millis}

    TokenBuckets(Clock clock, double ratePerSecond, int burst) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /** Takes one token from the source's bucket; false when it is empty. */
    synchronized boolean take(InetAddress source) {
        long now = clock.millis();
        double[] b = buckets.computeIfAbsent(source, k -> new double[] {burst, now});
        double elapsed = Math.max(0, now - (long) b[1]) / 1000.0;
        b[0] = Math.min(burst, b[0] + elapsed * ratePerSecond);
        b[1] = now;
        if (b[0] >= 1) {
            b[0] -= 1;
            return true;
        }
        return false;
    }

    /** Forgets the buckets of sources no longer allowed. */
    synchronized void retain(Set<InetAddress> sources) {
        buckets.keySet().retainAll(sources);
    }

    synchronized int size() {
        return buckets.size();
    }
}
