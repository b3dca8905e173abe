package io.nplus.server.replay;

import io.nplus.mibs.data.BuiltInResources;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.snmp.lab.scenario.Scenario;
import io.nplus.snmp.lab.scenario.ScenarioLoader;
import io.nplus.snmp.lab.scenario.WalkSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios and walks built into nplus: {@code scenarios/*.yaml} listed in {@code scenarios/scenarios.list},
 * and the recordings under {@code lab/} that any scenario may name in {@code walk:}.
 */
public final class BuiltInScenarios {
    private BuiltInScenarios() {
    }

    /** The built-in scenarios' names, in the list's order. */
    public static List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : BuiltInResources.listed("scenarios/scenarios.list")) {
            out.add(l.replaceAll("\\.ya?ml$", ""));
        }
        return out;
    }

    /** A built-in scenario by name. */
    public static Scenario load(String name) throws IOException {
        String text = BuiltInResources.text("scenarios/" + name + ".yaml");
        WalkSource local = new WalkSource() {
            @Override
            public MibSnapshot walk(String ref) throws IOException {
                return recording("scenarios/" + ref);
            }

            @Override
            public List<String> names() {
                return List.of();
            }
        };
        return ScenarioLoader.parse("scenarios/" + name + ".yaml", text, local, WALKS);
    }

    /**
     * A scenario from {@code fileOrName}: a file when one exists at that path, else a built-in scenario of that
     * name; null when it is neither.
     */
    public static Scenario find(String fileOrName) throws IOException {
        Path p = Path.of(fileOrName);
        if (Files.isRegularFile(p)) {
            return ScenarioLoader.load(p, WALKS);
        }
        return names().contains(fileOrName) ? load(fileOrName) : null;
    }

    /** The lab's recordings ({@code lab/NAME.snmprec} in the jar), by name with or without {@code .snmprec}. */
    public static final WalkSource WALKS = new WalkSource() {
        @Override
        public MibSnapshot walk(String name) throws IOException {
            return recording("lab/" + name);
        }

        @Override
        public List<String> names() {
            try {
                List<String> out = new ArrayList<>();
                for (String line : BuiltInResources.listed("lab/lab.list")) {
                    out.add(line.split("\\s+")[0]);
                }
                return out;
            } catch (IOException e) {
                return List.of();
            }
        }
    };

    /** A built-in recording, or null when there is none at that path (the loader then names what exists). */
    private static MibSnapshot recording(String path) throws IOException {
        String p = path.endsWith(".snmprec") ? path : path + ".snmprec";
        return BuiltInResources.exists(p) ? BuiltInResources.snmprec(p) : null;
    }
}
