package io.nplus.server.render;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.PollStatus;
import io.nplus.core.model.WalkProblem;
import io.nplus.mibs.interpret.Explanation;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The human form of a snapshot: a header line, then one compact row per component, grouped by kind with the
 * kind holding the worst component first, worst health first within a kind. A non-ok row is followed by its
 * reason.
 */
public final class HealthTable {
    private static final int NAME_WIDTH = 32;
    private static final int STATE_WIDTH = 12;
    private static final int READINGS = 4;

    private HealthTable() {
    }

    public static void print(DeviceSnapshot s, List<Explanation> explanations, PrintWriter out) {
        out.println(header(s));
        if (s.status() != PollStatus.OK) {
            out.println(s.error());
            out.flush();
            return;
        }
        out.println("profiles: " + String.join(", ", s.profiles()));
        Map<ComponentKind, List<Component>> byKind = new EnumMap<>(ComponentKind.class);
        for (Component c : s.components()) {
            byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
        }
        List<Map.Entry<ComponentKind, List<Component>>> kinds = new ArrayList<>(byKind.entrySet());
        kinds.sort(Comparator.comparingInt((Map.Entry<ComponentKind, List<Component>> e) -> -worst(e.getValue()).rank())
            .thenComparing(Map.Entry::getKey));
        if (!kinds.isEmpty()) {
            out.println();
            out.printf("%-15s %-" + NAME_WIDTH + "s %-9s %-" + STATE_WIDTH + "s %s%n", "KIND", "NAME", "HEALTH", "STATE",
                "READINGS");
        }
        for (Map.Entry<ComponentKind, List<Component>> e : kinds) {
            List<Component> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparingInt((Component c) -> -c.health().rank()));
            for (Component c : list) {
                out.printf("%-15s %-" + NAME_WIDTH + "s %-9s %-" + STATE_WIDTH + "s %s%n", c.kind().word(),
                    cut(c.name(), NAME_WIDTH), c.health().word(), cut(c.state(), STATE_WIDTH), readings(c));
                if (c.health() != Health.OK && !c.reason().isEmpty()) {
                    out.println("                  -> " + c.reason());
                }
            }
        }
        if (!s.problems().isEmpty()) {
            out.println();
            for (WalkProblem p : s.problems()) {
                out.println("incomplete: " + p.what() + ": " + p.reason() + (p.detail().isEmpty() ? "" : " (" + p.detail() + ")")
                    + ", " + p.rows() + " rows read");
            }
        }
        if (!explanations.isEmpty()) {
            out.println();
            for (Explanation x : explanations) {
                out.println(x.kind().word() + " " + x.id() + "  (" + x.profile() + " " + x.recipe() + ")");
                for (Explanation.Step st : x.steps()) {
                    out.println("    " + st.what() + " = " + st.result() + "    <- " + st.expression());
                    for (String r : st.reads()) {
                        out.println("        " + r);
                    }
                }
            }
        }
        out.flush();
    }

    static String header(DeviceSnapshot s) {
        StringBuilder sb = new StringBuilder(s.target());
        if (s.status() == PollStatus.OK) {
            if (!s.system().name().isEmpty()) {
                sb.append("  ").append(s.system().name());
            }
            if (s.system().uptimeSeconds() != null) {
                sb.append("  up ").append(Units.uptime(s.system().uptimeSeconds()));
            }
            sb.append("  health ").append(s.worstHealth().word());
            sb.append(String.format(java.util.Locale.ROOT, "  (%d components, %d varbinds in %d requests, %.0f ms)",
                s.components().size(), s.varbinds(), s.requests(), s.duration().toNanos() / 1e6));
            if (!s.system().descr().isEmpty()) {
                sb.append(System.lineSeparator()).append(cut(s.system().descr().replaceAll("\\s+", " "), 100));
            }
        } else {
            sb.append("  ").append(s.status().word());
        }
        return sb.toString();
    }

    private static Health worst(List<Component> list) {
        Health w = Health.OK;
        for (Component c : list) {
            w = Health.worst(w, c.health());
        }
        return w;
    }

    private static String readings(Component c) {
        // Timestamps (uptime at the last change) are for rules, not for reading at a glance.
        return c.readings().entrySet().stream().filter(e -> !e.getKey().endsWith("_uptime_seconds")).limit(READINGS)
            .map(e -> Units.format(e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
