package io.nplus.server.replay;

import io.nplus.core.time.Durations;
import io.nplus.snmp.lab.scenario.Expectation;
import io.nplus.snmp.lab.scenario.ScenarioEvent;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a replay is shown: timeline lines as things happen, a summary at the end, or one JSON document. */
public final class ReplayReport {
    private ReplayReport() {
    }

    /** {@code +10m00s   event     db1 set 1.3.6... = 7  (drive 3 fails)}. */
    public static String line(ScenarioEvent e) {
        return String.format("%-10s %-9s %s", ScenarioEvent.offset(e.at()), "event", e.describe());
    }

    /** {@code +11m02s   PAGE      db1 "Disk 3" StorageRedundancyLost: ...}. */
    public static String line(Notice n) {
        String kind = switch (n.kind()) {
            case "page" -> "PAGE";
            case "notify" -> n.severity();
            default -> n.kind();
        };
        return String.format("%-10s %-9s %s %s: %s", ScenarioEvent.offset(n.at()), kind, n.subject(), n.rule(), n.summary());
    }

    /** A listener that prints the timeline to {@code out} as the replay runs. */
    public static ReplayRunner.Listener printer(PrintWriter out) {
        return new ReplayRunner.Listener() {
            @Override
            public void event(ScenarioEvent e) {
                out.println(line(e));
                out.flush();
            }

            @Override
            public void notice(Notice n) {
                if (!n.kind().equals("repeat")) {
                    out.println(line(n));
                    out.flush();
                }
            }
        };
    }

    public static void summary(ReplayResult r, PrintWriter out) {
        out.printf("%nSummary: %s, %s of scenario %s in %s of real time (%d polls)%n", r.scenario().name(),
            Durations.format(r.scenario().duration()), r.virtual() ? "on a virtual clock" : "in real time",
            seconds(r.wall().toMillis()), r.polls());
        List<ReplayResult.Verdict> faults = r.verdicts().stream().filter(v -> v.expectation() instanceof Expectation.Page)
            .toList();
        if (!faults.isEmpty()) {
            out.printf("  %-40s %-10s %-11s %-13s %s%n", "fault (page expected)", "after", "first page", "time to page",
                "pages");
            for (ReplayResult.Verdict v : faults) {
                Expectation.Page p = (Expectation.Page) v.expectation();
                out.printf("  %-40s %-10s %-11s %-13s %d%n", p.selector(), ScenarioEvent.offset(p.after()),
                    v.firstPage() == null ? "-" : ScenarioEvent.offset(v.firstPage().at()),
                    v.timeToPage() == null ? "-" : Durations.format(v.timeToPage().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), v.matching());
            }
        }
        List<Notice> unexpected = r.unexpectedPages();
        out.printf("  pages: %d, nobody expected: %d%s%n", r.pages().size(), unexpected.size(),
            unexpected.isEmpty() ? "" : " (" + Verdicts.list(unexpected) + ")");
        out.printf("  resolved: %d%n", r.resolvedPages().size());
        for (ReplayResult.Verdict v : r.verdicts()) {
            out.printf("  %-7s %s: %s%n", v.ok() ? "ok" : "FAILED", v.expectation().describe(), v.detail());
        }
        long failed = r.verdicts().stream().filter(v -> !v.ok()).count();
        int n = r.verdicts().size();
        out.println(n == 0 ? "  no expectations" : failed == 0 ? (n == 1 ? "  the expectation holds" : "  all " + n
            + " expectations hold") : "  " + failed + " of " + n + (n == 1 ? " expectation" : " expectations") + " FAILED");
        out.flush();
    }

    /** The {@code --json} document: pages, resolved and expectations as the issue gives them, and more. */
    public static Map<String, Object> json(ReplayResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario().name());
        m.put("virtual", r.virtual());
        m.put("duration_seconds", r.scenario().duration().toSeconds());
        m.put("wall_seconds", r.wall().toMillis() / 1000.0);
        m.put("polls", r.polls());
        m.put("passed", r.passed());
        List<Object> events = new ArrayList<>();
        for (ScenarioEvent e : r.events()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("at_seconds", e.at().toSeconds());
            x.put("device", e.device());
            x.put("action", e.action().describe());
            x.put("note", e.note());
            events.add(x);
        }
        m.put("events", events);
        m.put("pages", r.pages().stream().map(ReplayReport::notice).toList());
        m.put("resolved", r.resolvedPages().stream().map(ReplayReport::notice).toList());
        m.put("unexpected_pages", r.unexpectedPages().stream().map(ReplayReport::notice).toList());
        m.put("notifications", r.notices().stream().map(ReplayReport::notice).toList());
        List<Object> xs = new ArrayList<>();
        for (ReplayResult.Verdict v : r.verdicts()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("ok", v.ok());
            x.put("expect", v.expectation().describe());
            x.put("line", v.expectation().line());
            x.put("detail", v.detail());
            if (v.expectation() instanceof Expectation.Page) {
                x.put("time_to_page_seconds", v.timeToPage() == null ? null : v.timeToPage().toSeconds());
                x.put("pages", v.matching());
            }
            xs.add(x);
        }
        m.put("expectations", xs);
        return m;
    }

    private static Map<String, Object> notice(Notice n) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("at_seconds", n.at().toSeconds());
        x.put("device", n.device());
        x.put("component", n.component());
        x.put("rule", n.rule());
        x.put("severity", n.severity());
        x.put("summary", n.summary());
        x.put("kind", n.kind());
        x.put("group", n.group());
        x.put("component_id", n.componentId());
        x.put("heartbeat", n.heartbeat());
        x.put("key", n.key());
        return x;
    }

    private static String seconds(long ms) {
        return String.format("%.1fs", ms / 1000.0);
    }
}
