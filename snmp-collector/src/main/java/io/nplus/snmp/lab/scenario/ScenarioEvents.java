package io.nplus.snmp.lab.scenario;

import io.nplus.core.time.Durations;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.yaml.YamlDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Checks one item of a scenario's {@code events:} list against the declared devices and their walks, and makes it
 * a {@link ScenarioEvent}.
 */
final class ScenarioEvents {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
    private static final String ACTIONS = "set, rate, ramp, reboot, silence, flap, remove, restore, heartbeat or pause";

    private final YamlDocument doc;
    private final Map<String, Scenario.Device> devices;
    private final Duration duration;

    ScenarioEvents(YamlDocument doc, Map<String, Scenario.Device> devices, Duration duration) {
        this.doc = doc;
        this.devices = devices;
        this.duration = duration;
    }

    ScenarioEvent event(ScenarioSpec.EventSpec e, String path) {
        if (e == null) {
            throw doc.error(path, "an empty event; give at, device and one of " + ACTIONS);
        }
        if (e.at() == null) {
            throw doc.error(path, "an event needs 'at': when it happens, as an offset from the start (10m, 1h30m)");
        }
        Duration at = offset(e.at(), path + ".at");
        int line = doc.lineOf(path);
        int actions = count(e.set(), e.rate(), e.ramp(), e.reboot(), e.silence(), e.flap(), e.remove(), e.restore(),
            e.heartbeat(), e.pause());
        if (actions != 1) {
            throw doc.error(path, (actions == 0 ? "no action" : actions + " actions") + " in one event; give exactly"
                + " one of " + ACTIONS);
        }
        if (e.heartbeat() != null) {
            if (e.device() != null) {
                throw doc.error(path + ".device", "a heartbeat comes from a job, not a device: leave device out");
            }
            ScenarioSpec.HeartbeatSpec h = e.heartbeat();
            if (h.name() == null || !NAME.matcher(h.name()).matches()) {
                throw doc.error(path + ".heartbeat.name", "a heartbeat needs a name of letters, digits and _ . : -");
            }
            Duration maxAge = h.maxAge() == null ? Duration.ofHours(26) : duration(h.maxAge(), path + ".heartbeat.max_age");
            return new ScenarioEvent(at, "", new ScenarioAction.Heartbeat(h.name(), maxAge), e.note(), line);
        }
        if (e.pause() != null && e.device() == null) {
            return new ScenarioEvent(at, "", new ScenarioAction.Pause(duration(e.pause(), path + ".pause")), e.note(),
                line);
        }
        if (e.device() == null) {
            throw doc.error(path, "an event needs 'device': one of " + String.join(", ", devices.keySet()));
        }
        Scenario.Device d = devices.get(e.device());
        if (d == null) {
            throw doc.error(path + ".device", "unknown device '" + e.device() + "'; declared: "
                + String.join(", ", devices.keySet()));
        }
        return new ScenarioEvent(at, d.name(), action(e, d, at, path), e.note(), line);
    }

    private ScenarioAction action(ScenarioSpec.EventSpec e, Scenario.Device d, Duration at, String path) {
        if (e.set() != null) {
            if (e.set().isEmpty()) {
                throw doc.error(path + ".set", "set needs at least one OID: value");
            }
            Map<OID, Variable> values = new LinkedHashMap<>();
            for (Map.Entry<String, Object> s : e.set().entrySet()) {
                String p = path + ".set." + s.getKey();
                OID oid = existing(s.getKey(), d, p);
                values.put(oid, convert(s.getValue(), d.walk().get(oid), p));
            }
            return new ScenarioAction.Set(values);
        }
        if (e.rate() != null) {
            String p = path + ".rate";
            OID oid = existing(require(e.rate().oid(), p, "oid"), d, p + ".oid");
            Variable v = d.walk().get(oid);
            if (!ScenarioValues.isCounter(v)) {
                throw doc.error(p + ".oid", oid + " is " + v.getSyntaxString() + " in " + d.name()
                    + "'s walk; rate moves Counter32 and Counter64 values (use ramp for a gauge)");
            }
            Double perSecond = e.rate().perSecond();
            if (perSecond == null || perSecond < 0 || perSecond.isNaN() || perSecond.isInfinite()) {
                throw doc.error(p + ".per_second", "per_second needs a number >= 0 (how much the counter advances"
                    + " each second), got " + perSecond);
            }
            return new ScenarioAction.Rate(oid, perSecond);
        }
        if (e.ramp() != null) {
            String p = path + ".ramp";
            OID oid = existing(require(e.ramp().oid(), p, "oid"), d, p + ".oid");
            Variable v = d.walk().get(oid);
            if (!ScenarioValues.isGauge(v)) {
                throw doc.error(p + ".oid", oid + " is " + v.getSyntaxString() + " in " + d.name()
                    + "'s walk; ramp moves INTEGER, Gauge32, Unsigned32 and TimeTicks values (use rate for a counter)");
            }
            if (e.ramp().to() == null) {
                throw doc.error(p, "ramp needs 'to': the value it ends at");
            }
            convert(Math.round(e.ramp().to()), v, p + ".to");
            Duration over = duration(require(e.ramp().over(), p, "over"), p + ".over");
            return new ScenarioAction.Ramp(oid, e.ramp().to(), over);
        }
        if (e.reboot() != null) {
            if (!e.reboot()) {
                throw doc.error(path + ".reboot", "reboot: true is the only form (leave the event out otherwise)");
            }
            return new ScenarioAction.Reboot();
        }
        if (e.silence() != null) {
            Duration length = duration(e.silence(), path + ".silence");
            return new ScenarioAction.Silence(length);
        }
        if (e.pause() != null) {
            return new ScenarioAction.Pause(duration(e.pause(), path + ".pause"));
        }
        if (e.flap() != null) {
            return flap(e.flap(), d, at, path + ".flap");
        }
        if (e.remove() != null) {
            return new ScenarioAction.Remove(subtree(e.remove(), d, path + ".remove"));
        }
        return new ScenarioAction.Restore(subtree(e.restore(), d, path + ".restore"));
    }

    private ScenarioAction flap(ScenarioSpec.FlapSpec f, Scenario.Device d, Duration at, String p) {
        OID oid = existing(require(f.oid(), p, "oid"), d, p + ".oid");
        Variable like = d.walk().get(oid);
        if (f.values() == null || f.values().size() < 2) {
            throw doc.error(p + ".values", "flap needs at least two values to alternate between, as [1, 2]");
        }
        List<Variable> values = new ArrayList<>();
        for (int i = 0; i < f.values().size(); i++) {
            values.add(convert(f.values().get(i), like, p + ".values[" + i + "]"));
        }
        Duration every = duration(require(f.every(), p, "every"), p + ".every");
        Duration until = offset(require(f.until(), p, "until"), p + ".until");
        if (until.compareTo(at) <= 0) {
            throw doc.error(p + ".until", "until " + Durations.format(until) + " is not after the event's at "
                + Durations.format(at));
        }
        return new ScenarioAction.Flap(oid, values, every, until);
    }

    private String require(String value, String path, String key) {
        if (value == null) {
            throw doc.error(path, "missing '" + key + "'");
        }
        return value;
    }

    /** An OID the device's walk has: set, rate, ramp and flap change values, they do not invent objects. */
    private OID existing(String text, Scenario.Device d, String path) {
        OID oid = parseOid(text, path);
        if (d.walk().get(oid) == null) {
            throw doc.error(path, "OID " + oid + " is not in " + d.name() + "'s walk (" + d.walkRef() + ")"
                + nearby(d.walk(), oid));
        }
        return oid;
    }

    private OID subtree(String text, Scenario.Device d, String path) {
        OID oid = parseOid(text, path);
        if (d.walk().get(oid) == null && !d.walk().hasUnder(oid)) {
            throw doc.error(path, "nothing in " + d.name() + "'s walk (" + d.walkRef() + ") lies under " + oid
                + nearby(d.walk(), oid));
        }
        return oid;
    }

    private static String nearby(MibSnapshot walk, OID oid) {
        OID parent = oid.size() > 1 ? oid.trim() : oid;
        List<String> near = new ArrayList<>();
        for (int i = walk.higher(parent); i < walk.size() && near.size() < 3 && walk.oid(i).startsWith(parent); i++) {
            near.add(walk.oid(i).toString());
        }
        return near.isEmpty() ? "" : "; it has " + String.join(", ", near) + (near.size() == 3 ? " ..." : "");
    }

    private OID parseOid(String text, String path) {
        try {
            return ScenarioValues.oid(text);
        } catch (IllegalArgumentException e) {
            throw doc.error(path, e.getMessage());
        }
    }

    private Variable convert(Object value, Variable like, String path) {
        try {
            return ScenarioValues.convert(value, like);
        } catch (IllegalArgumentException e) {
            throw doc.error(path, "bad value: " + e.getMessage());
        }
    }

    /** An offset into the scenario: 0 or a duration, not beyond the scenario's duration. */

    private Duration offset(String text, String path) {
        return ScenarioLoader.offset(doc, text, path, duration);
    }

    private Duration duration(String text, String path) {
        return ScenarioLoader.duration(doc, text, path);
    }

    private static int count(Object... xs) {
        int n = 0;
        for (Object x : xs) {
            n += x == null ? 0 : 1;
        }
        return n;
    }
}
