package io.nplus.snmp.lab.scenario;

import io.nplus.core.time.Durations;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import io.nplus.mibs.data.SnmprecException;
import io.nplus.mibs.yaml.YamlDocument;
import io.nplus.mibs.yaml.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Reads and checks a scenario. Every mistake is a {@link YamlException} reading {@code file:line key.path: what is
 * wrong; what is allowed}: an unknown key, a bad duration, an event past the scenario's duration, a device that is
 * not declared, an OID the device's walk does not have, a value that does not fit the walk's type.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("raid.yaml"), builtInWalks);
 * }</pre>
 */
public final class ScenarioLoader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final String ACTIONS = "set, rate, ramp, reboot, silence, flap, remove, restore, heartbeat or pause";

    private ScenarioLoader() {
    }

    /** A scenario file; its walks are found next to it, then among {@code builtIn}. */
    public static Scenario load(Path file, WalkSource builtIn) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        WalkSource local = new WalkSource() {
            @Override
            public MibSnapshot walk(String name) throws IOException {
                Path p = dir.resolve(name);
                if (!Files.isRegularFile(p)) {
                    return null;
                }
                try {
                    return Snmprec.read(p);
                } catch (SnmprecException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public List<String> names() {
                return List.of();
            }
        };
        return parse(file.toString(), Files.readString(file), local, builtIn);
    }

    /** A scenario from text; {@code local} finds walks relative to it, {@code builtIn} the walks built into nplus. */
    public static Scenario parse(String name, String text, WalkSource local, WalkSource builtIn) {
        YamlDocument doc = YamlDocument.parse(name, text);
        ScenarioSpec spec = doc.bind(ScenarioSpec.class);
        return new Check(doc, spec, local, builtIn).run();
    }

    private static final class Check {
        private final YamlDocument doc;
        private final ScenarioSpec spec;
        private final WalkSource local;
        private final WalkSource builtIn;
        private final Map<String, Scenario.Device> devices = new LinkedHashMap<>();
        private Duration duration;

        Check(YamlDocument doc, ScenarioSpec spec, WalkSource local, WalkSource builtIn) {
            this.doc = doc;
            this.spec = spec;
            this.local = local;
            this.builtIn = builtIn;
        }

        Scenario run() {
            String name = spec.name() == null ? defaultName(doc.name()) : spec.name();
            if (!NAME.matcher(name).matches()) {
                throw doc.error("name", "a scenario name uses letters, digits and _ . : -, got '" + name + "'");
            }
            Duration interval = spec.interval() == null ? Duration.ofSeconds(60) : duration(spec.interval(), "interval");
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw doc.error("interval", "interval " + Durations.format(interval) + " is below 1s");
            }
            if (spec.duration() == null) {
                throw doc.error("duration", "a scenario needs a duration (how long it plays: 3h, 24h ...)");
            }
            duration = duration(spec.duration(), "duration");
            devices();
            List<ScenarioEvent> events = new ArrayList<>();
            List<ScenarioSpec.EventSpec> es = spec.events() == null ? List.of() : spec.events();
            for (int i = 0; i < es.size(); i++) {
                events.add(event(es.get(i), "events[" + i + "]"));
            }
            events.sort(Comparator.comparing(ScenarioEvent::at)); // stable: same-time events keep the file's order
            List<Expectation> expectations = new ArrayList<>();
            List<ScenarioSpec.ExpectSpec> xs = spec.expect() == null ? List.of() : spec.expect();
            for (int i = 0; i < xs.size(); i++) {
                expectations.add(ScenarioExpectations.parse(doc, xs.get(i), "expect[" + i + "]", duration,
                    devices.keySet()));
            }
            return new Scenario(name, spec.description() == null ? "" : spec.description(), doc.name(), interval, duration,
                List.copyOf(devices.values()), spec.groups(), events, expectations, doc);
        }

        private void devices() {
            List<ScenarioSpec.DeviceSpec> ds = spec.devices() == null ? List.of() : spec.devices();
            if (ds.isEmpty()) {
                throw doc.error("devices", "no devices: list at least one {name, walk}");
            }
            for (int i = 0; i < ds.size(); i++) {
                ScenarioSpec.DeviceSpec d = ds.get(i);
                String path = "devices[" + i + "]";
                if (d == null || d.name() == null || !NAME.matcher(d.name()).matches()) {
                    throw doc.error(path + ".name", "every device needs a name of letters, digits and _ . : -, got '"
                        + (d == null ? null : d.name()) + "'");
                }
                if (devices.containsKey(d.name())) {
                    throw doc.error(path + ".name", "device name '" + d.name() + "' is used twice");
                }
                if (d.walk() == null) {
                    throw doc.error(path, "device " + d.name() + " needs a walk: a .snmprec file relative to the scenario,"
                        + " or a walk built into nplus");
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (d.labels() != null) {
                    for (Map.Entry<String, String> l : d.labels().entrySet()) {
                        if (!LABEL.matcher(l.getKey()).matches() || l.getKey().startsWith("__")) {
                            throw doc.error(path + ".labels." + l.getKey(), "label names are [a-zA-Z_][a-zA-Z0-9_]*");
                        }
                        labels.put(l.getKey(), l.getValue() == null ? "" : l.getValue());
                    }
                }
                devices.put(d.name(), new Scenario.Device(d.name(), d.walk(), walk(d.walk(), path + ".walk"), labels));
            }
        }

        private MibSnapshot walk(String ref, String path) {
            try {
                MibSnapshot w = local.walk(ref);
                if (w == null) {
                    w = builtIn.walk(ref);
                }
                if (w == null) {
                    List<String> known = builtIn.names();
                    throw doc.error(path, "no walk '" + ref + "': not a file next to the scenario, nor a built-in walk"
                        + (known.isEmpty() ? "" : " (built-in: " + String.join(", ", known) + ")"));
                }
                if (w.size() == 0) {
                    throw doc.error(path, "walk '" + ref + "' is empty");
                }
                return w;
            } catch (IOException e) {
                throw doc.error(path, "cannot read walk '" + ref + "': " + e.getMessage());
            }
        }

        private ScenarioEvent event(ScenarioSpec.EventSpec e, String path) {
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
            Duration d = "0".equals(text.trim()) ? Duration.ZERO : parse(text, path);
            if (d.compareTo(duration) > 0) {
                throw doc.error(path, Durations.format(d) + " is beyond the scenario's duration "
                    + Durations.format(duration) + "; make it earlier or the duration longer");
            }
            return d;
        }

        private Duration duration(String text, String path) {
            Duration d = parse(text, path);
            if (d.isZero()) {
                throw doc.error(path, "'" + text + "' is zero; give a positive duration");
            }
            return d;
        }

        private Duration parse(String text, String path) {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw doc.error(path, e.getMessage());
            }
        }

        private static int count(Object... xs) {
            int n = 0;
            for (Object x : xs) {
                n += x == null ? 0 : 1;
            }
            return n;
        }
    }

    private static String defaultName(String source) {
        String n = Path.of(source).getFileName().toString();
        return n.replaceAll("\\.ya?ml$", "");
    }
}
