package io.nplus.server.replay;

import io.nplus.core.time.Durations;
import io.nplus.snmp.lab.scenario.Expectation;
import io.nplus.snmp.lab.scenario.ScenarioEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Judges a scenario's expectations against the notifications a replay captured. */
final class Verdicts {
    private Verdicts() {
    }

    static boolean matches(Expectation.Selector s, Notice n) {
        return s.matches(n.device(), n.group(), n.componentId(), n.component(), n.rule(), n.heartbeat());
    }

    static List<ReplayResult.Verdict> judge(List<Expectation> expectations, List<Notice> notices) {
        List<Notice> pages = notices.stream().filter(Notice::isPage).toList();
        List<ReplayResult.Verdict> out = new ArrayList<>();
        for (Expectation x : expectations) {
            out.add(judge(x, pages, notices));
        }
        return out;
    }

    private static ReplayResult.Verdict judge(Expectation x, List<Notice> pages, List<Notice> notices) {
        if (x instanceof Expectation.Page p) {
            List<Notice> matching = pages.stream().filter(n -> matches(p.selector(), n)).toList();
            Notice first = matching.stream().filter(n -> n.at().compareTo(p.after()) >= 0).findFirst().orElse(null);
            if (first == null) {
                return new ReplayResult.Verdict(x, false, matching.isEmpty() ? "no matching page at all" + others(pages)
                    : "no matching page at or after " + ScenarioEvent.offset(p.after()) + "; matching pages came at "
                    + times(matching), null, matching.size());
            }
            String when = "paged at " + ScenarioEvent.offset(first.at()) + ", " + Durations.format(first.at()
                .minus(p.after()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + " after the fault (" + first.rule() + ": " + first.summary() + ")";
            if (first.at().compareTo(p.after().plus(p.within())) > 0) {
                return new ReplayResult.Verdict(x, false, "too late: " + when + "; allowed " + Durations.format(p.within()),
                    first, matching.size());
            }
            if (p.maxPages() != null && matching.size() > p.maxPages()) {
                return new ReplayResult.Verdict(x, false, matching.size() + " matching pages, at most " + p.maxPages()
                    + " allowed: at " + times(matching), first, matching.size());
            }
            return new ReplayResult.Verdict(x, true, when, first, matching.size());
        }
        if (x instanceof Expectation.Resolved r) {
            List<Notice> resolves = notices.stream().filter(n -> n.kind().equals("resolved") && n.severity().equals("page")
                && matches(r.selector(), n)).toList();
            Notice first = resolves.stream().filter(n -> n.at().compareTo(r.after()) >= 0).findFirst().orElse(null);
            if (first == null) {
                return new ReplayResult.Verdict(x, false, resolves.isEmpty() ? "no matching page resolved"
                    : "no matching page resolved at or after " + ScenarioEvent.offset(r.after()) + "; resolves at "
                    + times(resolves), null, 0);
            }
            String when = "resolved at " + ScenarioEvent.offset(first.at()) + " (" + first.rule() + ")";
            boolean ok = first.at().compareTo(r.after().plus(r.within())) <= 0;
            return new ReplayResult.Verdict(x, ok, ok ? when : "too late: " + when, null, 0);
        }
        if (x instanceof Expectation.NoPage np) {
            List<Notice> matching = pages.stream().filter(n -> matches(np.selector(), n)).toList();
            return new ReplayResult.Verdict(x, matching.isEmpty(), matching.isEmpty() ? "none"
                : matching.size() + " matching: " + list(matching), null, matching.size());
        }
        if (x instanceof Expectation.NoPagesBefore b) {
            List<Notice> early = pages.stream().filter(n -> n.at().compareTo(b.before()) < 0).toList();
            return new ReplayResult.Verdict(x, early.isEmpty(), early.isEmpty() ? "none" : early.size() + " early: "
                + list(early), null, early.size());
        }
        if (x instanceof Expectation.NoPages) {
            return new ReplayResult.Verdict(x, pages.isEmpty(), pages.isEmpty() ? "none" : pages.size() + " pages: "
                + list(pages), null, pages.size());
        }
        Expectation.MaxPages m = (Expectation.MaxPages) x;
        return new ReplayResult.Verdict(x, pages.size() <= m.max(), pages.size() + (pages.size() == 1 ? " page" : " pages")
            + (pages.isEmpty() ? "" : ": " + list(pages)), null, pages.size());
    }

    private static String others(List<Notice> pages) {
        return pages.isEmpty() ? " (nothing paged)" : "; pages: " + list(pages);
    }

    private static String times(List<Notice> ns) {
        return ns.stream().map(n -> ScenarioEvent.offset(n.at())).collect(Collectors.joining(", "));
    }

    static String list(List<Notice> ns) {
        return ns.stream().limit(5).map(n -> ScenarioEvent.offset(n.at()) + " " + n.rule() + " " + n.subject())
            .collect(Collectors.joining("; ")) + (ns.size() > 5 ? "; and " + (ns.size() - 5) + " more" : "");
    }
}
