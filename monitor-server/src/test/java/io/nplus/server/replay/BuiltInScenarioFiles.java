package io.nplus.server.replay;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import io.nplus.snmp.lab.scenario.Scenario;
import io.nplus.snmp.lab.scenario.ScenarioLoader;
import io.nplus.snmp.lab.scenario.WalkSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The built-in scenarios and lab walks as the jar carries them: classpath resources under scenarios/ and lab/. */
final class BuiltInScenarioFiles {
    private BuiltInScenarioFiles() {
    }

    /** The names in scenarios/scenarios.list, in order (without .yaml). */
    static List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : lines("scenarios/scenarios.list")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                names.add(l.split("\\s+")[0].replaceFirst("\\.yaml$", ""));
            }
        }
        return names;
    }

    static String text(String name) throws IOException {
        try (InputStream in = open("scenarios/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Scenario load(String name) throws IOException {
        return ScenarioLoader.parse("scenarios/" + name + ".yaml", text(name), WalkSource.NONE, LAB);
    }

    /** The walks under lab/ (the built-in lab's recordings and the scenarios' ones). */
    static final WalkSource LAB = new WalkSource() {
        @Override
        public MibSnapshot walk(String name) throws IOException {
            String file = name.endsWith(".snmprec") ? name : name + ".snmprec";
            InputStream in = BuiltInScenarioFiles.class.getClassLoader().getResourceAsStream("lab/" + file);
            if (in == null) {
                return null;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return Snmprec.read(r, "lab/" + file);
            }
        }

        @Override
        public List<String> names() {
            return List.of();
        }
    };

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = BuiltInScenarioFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("no resource " + resource + " on the classpath");
        }
        return in;
    }
}
