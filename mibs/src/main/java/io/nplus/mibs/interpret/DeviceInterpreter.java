package io.nplus.mibs.interpret;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.profile.Profile;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.SystemInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns everything read from one device into its health: detection, then every matched profile. The poller
 * feeds it what it walked (and which probed tables were present); tests feed it a whole recording.
 *
 * <pre>{@code
 * DeviceInterpreter interpreter = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()));
 * DeviceHealth health = interpreter.interpret(Snmprec.read(walkFile));
 * }</pre>
 */
public final class DeviceInterpreter {
    private final Detector detector;

    public DeviceInterpreter(Detector detector) {
        this.detector = detector;
    }

    public Detector detector() {
        return detector;
    }

    /** What one device says: its system group, the profiles that matched, and the components. */
    public record DeviceHealth(SystemInfo system, List<String> profiles, List<Component> components,
                               List<Explanation> explanations) {
        public DeviceHealth {
            profiles = List.copyOf(profiles);
            components = List.copyOf(components);
            explanations = List.copyOf(explanations);
        }
    }

    /** Interprets a complete recording: a table is present when the recording has rows under it. */
    public DeviceHealth interpret(MibSnapshot data) {
        return interpret(data, c -> data.hasUnder(c.oid()), false);
    }

    public DeviceHealth interpret(MibSnapshot data, Predicate<ColumnDef> present, boolean explain) {
        SystemInfo system = detector.system(data);
        List<Profile> matched = detector.select(detector.candidates(system), present);
        return interpret(system, matched, data, explain);
    }

    public DeviceHealth interpret(SystemInfo system, List<Profile> matched, MibSnapshot data, boolean explain) {
        List<Component> components = new ArrayList<>();
        List<Explanation> explanations = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Profile p : matched) {
            ids.add(p.id());
            Interpreter.Result r = Interpreter.interpret(p, data, explain);
            for (Component c : r.components()) {
                // Two profiles describing the same thing must say so with 'supersedes'; the first one wins.
                if (seen.add(c.kind().word() + "\u0000" + c.id())) {
                    components.add(c);
                }
            }
            explanations.addAll(r.explanations());
        }
        return new DeviceHealth(system, ids, components, explanations);
    }
}
