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
            ScenarioEvents parser = new ScenarioEvents(doc, devices, duration);
            List<ScenarioSpec.EventSpec> es = spec.events() == null ? List.of() : spec.events();
            for (int i = 0; i < es.size(); i++) {
                events.add(parser.event(es.get(i), "events[" + i + "]"));
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

        private Duration duration(String text, String path) {
            return ScenarioLoader.duration(doc, text, path);
        }
    }

    /** An offset into the scenario: 0 or a duration, not beyond the scenario's duration. */
    static Duration offset(YamlDocument doc, String text, String path, Duration duration) {
        Duration d = "0".equals(text.trim()) ? Duration.ZERO : parse(doc, text, path);
        if (d.compareTo(duration) > 0) {
            throw doc.error(path, Durations.format(d) + " is beyond the scenario's duration "
                + Durations.format(duration) + "; make it earlier or the duration longer");
        }
        return d;
    }

    /** A positive duration. */
    static Duration duration(YamlDocument doc, String text, String path) {
        Duration d = parse(doc, text, path);
        if (d.isZero()) {
            throw doc.error(path, "'" + text + "' is zero; give a positive duration");
        }
        return d;
    }

    private static Duration parse(YamlDocument doc, String text, String path) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw doc.error(path, e.getMessage());
        }
    }

    private static String defaultName(String source) {
        String n = Path.of(source).getFileName().toString();
        return n.replaceAll("\\.ya?ml$", "");
    }
}
