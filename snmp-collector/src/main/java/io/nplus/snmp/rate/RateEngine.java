package io.nplus.snmp.rate;

import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Counter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-second rates from one device's counters, poll after poll. One instance per device; not thread-safe (a
 * device is polled by one poll at a time).
 *
 * <pre>{@code
 * RateEngine rates = new RateEngine();
 * Rates r = rates.update(snapshot.polledAt(), snapshot.system().uptimeSeconds(), snapshot.components());
 * Double inOctetsPerSecond = r.of("interface", "3").get("in_octets");   // absent when not trustworthy
 * }</pre>
 *
 * <p>The rules (../shared/reliability.md §2.1–2.3):
 * <ul>
 * <li>Counter64 deltas are unsigned (SNMP4J hands them out as signed longs). One that goes down crossed 2^64
 *     only if the delta that makes is plausible at the link's speed; otherwise it was reset: no rate.</li>
 * <li>A Counter32 is trusted only when the poll interval is shorter than its wrap time at the link's speed
 *     (34 s at 1 Gbit/s, 3.4 s at 10 Gbit/s). Then one that goes down wrapped once and the wrap is added, if
 *     the corrected rate is within 110 % of the speed. Without a known speed, only an increase is trusted.
 *     Otherwise the rate is unknown, never a guess.</li>
 * <li>sysUpTime going down (and not its 497-day wrap) is a reboot: every sample of that poll is dropped and
 *     counters are re-seeded. A changed ifCounterDiscontinuityTime drops that interface's sample.</li>
 * <li>A rate above 110 % of the interface speed is dropped as implausible.</li>
 * </ul>
 */
public final class RateEngine {
    private static final double TWO_32 = 4294967296.0;
    /** sysUpTime is 32-bit TimeTicks: it wraps after 2^32 / 100 seconds, about 497 days. */
    static final double UPTIME_WRAP_SECONDS = TWO_32 / 100.0;

    private Instant previousAt;
    private Double previousUptime;
    private final Map<String, Map<String, Counter>> previous = new HashMap<>();
    private final Map<String, Double> previousDiscontinuity = new HashMap<>();

    /** Rates of one poll: per component key ("interface/3"), per counter name, per second; and what happened. */
    public record Rates(Map<String, Map<String, Double>> byComponent, List<String> events, boolean reboot) {
        public Map<String, Double> of(String kind, String id) {
            return byComponent.getOrDefault(kind + "/" + id, Map.of());
        }
    }

    public Rates update(Instant at, Double uptimeSeconds, List<Component> components) {
        List<String> events = new ArrayList<>();
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        boolean reboot = false;
        double dt = previousAt == null ? 0 : (at.toEpochMilli() - previousAt.toEpochMilli()) / 1000.0;
        if (previousUptime != null && uptimeSeconds != null && uptimeSeconds < previousUptime) {
            boolean wrapped = previousUptime > UPTIME_WRAP_SECONDS - (dt + 60) && uptimeSeconds < dt + 60;
            if (!wrapped) {
                reboot = true;
                events.add(String.format(java.util.Locale.ROOT, "reboot: sysUpTime went from %.0f s to %.0f s;"
                    + " counters re-seeded, no rate this poll", previousUptime, uptimeSeconds));
            }
        }
        for (Component c : components) {
            if (c.counters().isEmpty()) {
                continue;
            }
            String key = c.kind().word() + "/" + c.id();
            Map<String, Counter> before = previous.get(key);
            Double disc = c.readings().get("discontinuity_uptime_seconds");
            Double discBefore = previousDiscontinuity.get(key);
            boolean discontinuity = disc != null && discBefore != null && !disc.equals(discBefore);
            if (discontinuity && !reboot) {
                events.add(c.name() + ": ifCounterDiscontinuityTime changed; no rate this poll");
            }
            if (before != null && !reboot && !discontinuity && dt > 0) {
                Map<String, Double> rates = new LinkedHashMap<>();
                Double speed = c.readings().get("speed_bits_per_second");
                for (Map.Entry<String, Counter> e : c.counters().entrySet()) {
                    Counter now = e.getValue();
                    Counter then = before.get(e.getKey());
                    if (then == null || then.bits() != now.bits()) {
                        continue; // new counter, or the device switched between 32 and 64 bits: re-seed
                    }
                    Double r = rate(e.getKey(), then, now, dt, speed);
                    if (r != null) {
                        rates.put(e.getKey(), r);
                    }
                }
                if (!rates.isEmpty()) {
                    out.put(key, rates);
                }
            }
            previous.put(key, new HashMap<>(c.counters()));
            if (disc != null) {
                previousDiscontinuity.put(key, disc);
            }
        }
        previousAt = at;
        previousUptime = uptimeSeconds;
        return new Rates(out, events, reboot);
    }

    /** Forgets everything, as after a long outage: the next poll only seeds. */
    public void reset() {
        previousAt = null;
        previousUptime = null;
        previous.clear();
        previousDiscontinuity.clear();
    }

    /** The rate of one counter, or null when it cannot be trusted. */
    static Double rate(String name, Counter then, Counter now, double seconds, Double speedBitsPerSecond) {
        double max = maxRate(name, speedBitsPerSecond);
        double delta;
        if (now.bits() == 64) {
            delta = new Counter(now.value() - then.value(), 64).asDouble(); // unsigned, modulo 2^64
            if (Long.compareUnsigned(now.value(), then.value()) < 0 && (Double.isNaN(max) || delta / seconds > max)) {
                // Down: a 2^64 wrap only if that is plausible at this link's speed; otherwise it was reset.
                return null;
            }
        } else {
            // At line rate a Counter32 may have wrapped more than once since the last poll: then no delta is
            // trustworthy, whatever the values say.
            if (!Double.isNaN(max) && TWO_32 / max <= seconds) {
                return null;
            }
            long a = then.value() & 0xFFFFFFFFL;
            long b = now.value() & 0xFFFFFFFFL;
            if (b >= a) {
                delta = b - a;
            } else if (Double.isNaN(max)) {
                return null; // one wrap or a reset: without a speed nothing tells them apart
            } else {
                delta = b + TWO_32 - a;
            }
        }
        double rate = delta / seconds;
        if (!Double.isNaN(max) && rate > max) {
            return null;
        }
        return rate;
    }

    /**
     * The most a counter can grow per second on a link of this speed, 10 % over for clock skew; NaN when
     * unknown. Octets: speed / 8. Packets, errors and discards: speed / 8 / 84 (a minimum Ethernet frame with
     * preamble and gap).
     */
    static double maxRate(String counter, Double speedBitsPerSecond) {
        if (speedBitsPerSecond == null || speedBitsPerSecond <= 0) {
            return Double.NaN;
        }
        double bytesPerSecond = speedBitsPerSecond / 8.0 * 1.1;
        return counter.endsWith("octets") ? bytesPerSecond : bytesPerSecond / 84.0;
    }
}
