package io.nplus.snmp.lab.scenario;

import io.nplus.mibs.data.MibSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * One device's data as a function of time: its walk, changed by the events that have happened. Counters the
 * scenario does not touch stay constant (a steady device, whose rates are 0); sysUpTime (and hrSystemUptime)
 * advance with the time elapsed. A reboot zeroes every counter and restarts the uptime.
 *
 * <p>The part that only changes at events (sets, removals, a reboot's zeroed counters) is rebuilt when an event
 * takes effect; what moves continuously (uptime, counters with a rate, ramps, flaps) is a handful of bindings
 * merged in at each call, so serving a day of polls costs little.
 */
final class DevicePlayer {
    static final OID SYS_UPTIME = new OID("1.3.6.1.2.1.1.3.0");
    static final OID HR_SYSTEM_UPTIME = new OID("1.3.6.1.2.1.25.1.1.0");

    private final MibSnapshot walk;
    private final List<ScenarioEvent> events;
    private int applied = -1;
    private MibSnapshot fixed;
    private Map<OID, Track> moving = Map.of();
    private List<OID> removed = List.of();
    private Double rebootAt;

    DevicePlayer(MibSnapshot walk, List<ScenarioEvent> events) {
        this.walk = walk;
        this.events = List.copyOf(events);
    }

    /** What the device serves {@code t} into the scenario, {@code elapsed} after it started serving (loops). */
    MibSnapshot at(Duration t, Duration elapsed) {
        double s = seconds(t);
        int n = 0;
        while (n < events.size() && events.get(n).at().compareTo(t) <= 0) {
            n++;
        }
        if (n != applied) {
            rebuild(n);
        }
        TreeMap<OID, Variable> now = new TreeMap<>();
        for (Map.Entry<OID, Track> e : moving.entrySet()) {
            if (!isRemoved(e.getKey())) {
                now.put(e.getKey(), e.getValue().value(s));
            }
        }
        for (OID up : new OID[] {SYS_UPTIME, HR_SYSTEM_UPTIME}) {
            Variable base = walk.get(up);
            if (base instanceof TimeTicks ticks && !isRemoved(up)) {
                long v = rebootAt != null ? (long) ((s - rebootAt) * 100) : ticks.getValue() + elapsed.toMillis() / 10;
                now.put(up, new TimeTicks(v & 0xFFFFFFFFL));
            }
        }
        return MibSnapshot.union(fixed, MibSnapshot.of(now));
    }

    /** Whether the device is silent at {@code t}. */
    boolean silentAt(Duration t) {
        for (ScenarioEvent e : events) {
            if (e.action() instanceof ScenarioAction.Silence si && e.at().compareTo(t) <= 0 && e.at().plus(si.length()).compareTo(t) > 0) {
                return true;
            }
        }
        return false;
    }

    private void rebuild(int n) {
        Map<OID, Track> tracks = new HashMap<>();
        List<OID> gone = new ArrayList<>();
        Double reboot = null;
        for (ScenarioEvent e : events.subList(0, n)) {
            double at = seconds(e.at());
            ScenarioAction a = e.action();
            if (a instanceof ScenarioAction.Set set) {
                set.values().forEach((oid, v) -> tracks.put(oid,
                    ScenarioValues.isCounter(v) ? new Track.Counter(at, v, rateOf(tracks.get(oid))) : new Track.Fixed(v)));
            } else if (a instanceof ScenarioAction.Rate r) {
                tracks.put(r.oid(), new Track.Counter(at, current(tracks, r.oid(), at), r.perSecond()));
            } else if (a instanceof ScenarioAction.Ramp r) {
                Variable from = current(tracks, r.oid(), at);
                tracks.put(r.oid(), new Track.Ramp(ScenarioValues.toDouble(from), r.to(), at, seconds(r.over()), from));
            } else if (a instanceof ScenarioAction.Flap f) {
                tracks.put(f.oid(), new Track.Flap(f.values(), at, seconds(f.every()), seconds(f.until()),
                    tracks.getOrDefault(f.oid(), new Track.Fixed(walk.get(f.oid())))));
            } else if (a instanceof ScenarioAction.Reboot) {
                reboot = at;
                for (int i = 0; i < walk.size(); i++) {
                    Variable v = walk.value(i);
                    if (ScenarioValues.isCounter(v)) {
                        OID oid = walk.oid(i);
                        Variable zero = v instanceof Counter64 ? new Counter64(0) : new Counter32(0);
                        tracks.put(oid, new Track.Counter(at, zero, rateOf(tracks.get(oid))));
                    }
                }
            } else if (a instanceof ScenarioAction.Remove r) {
                gone.add(r.prefix());
            } else if (a instanceof ScenarioAction.Restore r) {
                gone.removeIf(p -> p.startsWith(r.prefix()));
            }
            // Silence is a matter of answering (silentAt); a heartbeat concerns the monitor, not the device.
        }
        this.removed = gone;
        this.rebootAt = reboot;
        Map<OID, Track> dynamic = new HashMap<>();
        MibSnapshot.Builder b = new MibSnapshot.Builder(walk.size());
        for (int i = 0; i < walk.size(); i++) {
            OID oid = walk.oid(i);
            if (isRemoved(oid)) {
                continue;
            }
            Track t = tracks.get(oid);
            if (t == null) {
                b.add(oid, walk.value(i));
            } else if (t.isFixed()) {
                b.add(oid, t.value(0));
            } else {
                dynamic.put(oid, t);
            }
        }
        this.fixed = b.build();
        this.moving = dynamic;
        this.applied = n;
    }

    private Variable current(Map<OID, Track> tracks, OID oid, double at) {
        Track t = tracks.get(oid);
        return t == null ? walk.get(oid) : t.value(at);
    }

    private static double rateOf(Track t) {
        return t instanceof Track.Counter c ? c.perSecond() : 0;
    }

    private boolean isRemoved(OID oid) {
        for (OID p : removed) {
            if (oid.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** How one OID's value depends on time (seconds into the scenario). */
    sealed interface Track {
        Variable value(double t);

        default boolean isFixed() {
            return false;
        }

        record Fixed(Variable v) implements Track {
            @Override
            public Variable value(double t) {
                return v;
            }

            @Override
            public boolean isFixed() {
                return true;
            }
        }

        /** A counter at {@code start} from {@code since} on, advancing {@code perSecond}; Counter32 wraps at 2^32. */
        record Counter(double since, Variable start, double perSecond) implements Track {
            @Override
            public Variable value(double t) {
                long delta = (long) Math.floor(perSecond * Math.max(0, t - since));
                if (start instanceof Counter64 c) {
                    return new Counter64(c.getValue() + delta); // long arithmetic wraps at 2^64, as the counter does
                }
                return new Counter32((start.toLong() + delta) & 0xFFFFFFFFL);
            }

            @Override
            public boolean isFixed() {
                return perSecond == 0;
            }
        }

        record Ramp(double from, double to, double since, double over, Variable like) implements Track {
            @Override
            public Variable value(double t) {
                double f = Math.min(1, Math.max(0, (t - since) / over));
                return ScenarioValues.numberLike(from + (to - from) * f, like);
            }
        }

        record Flap(List<Variable> values, double since, double every, double until, Track before) implements Track {
            @Override
            public Variable value(double t) {
                if (t >= until) {
                    return before.value(t);
                }
                long step = (long) Math.floor(Math.max(0, t - since) / every);
                return values.get((int) (step % values.size()));
            }
        }
    }
}
