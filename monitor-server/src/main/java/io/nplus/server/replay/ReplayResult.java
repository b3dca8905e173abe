package io.nplus.server.replay;

import io.nplus.snmp.lab.scenario.Scenario;
import io.nplus.snmp.lab.scenario.ScenarioEvent;
import java.time.Duration;
import java.util.List;

/**
 * What a replay showed: the events played, every notification the capture receiver got, and each expectation's
 * verdict.
 *
 * @param wall how long the replay took in real time
 * @param polls polls of the scenario's devices that finished
 */
public record ReplayResult(Scenario scenario, boolean virtual, List<ScenarioEvent> events, List<Notice> notices,
                           List<Verdict> verdicts, Duration wall, long polls) {
    public ReplayResult {
        events = List.copyOf(events);
        notices = List.copyOf(notices);
        verdicts = List.copyOf(verdicts);
    }

    /** New pages only: not tickets, not repeats of a page already open. */
    public List<Notice> pages() {
        return notices.stream().filter(Notice::isPage).toList();
    }

    /** Resolves of alerts that had paged. */
    public List<Notice> resolvedPages() {
        return notices.stream().filter(n -> n.kind().equals("resolved") && n.severity().equals("page")).toList();
    }

    public boolean passed() {
        return verdicts.stream().allMatch(Verdict::ok);
    }

    /** Pages that match no page expectation's selector. */
    public List<Notice> unexpectedPages() {
        return pages().stream().filter(p -> verdicts.stream().noneMatch(v -> v.expectation()
            instanceof io.nplus.snmp.lab.scenario.Expectation.Page x && Verdicts.matches(x.selector(), p))).toList();
    }

    /**
     * One expectation's outcome.
     *
     * @param firstPage the page that met a page expectation (the first matching one at or after its {@code after}),
     *                  or null
     * @param matching pages matching its selector over the whole replay (page, no_page expectations), else 0
     */
    public record Verdict(io.nplus.snmp.lab.scenario.Expectation expectation, boolean ok, String detail,
                          Notice firstPage, int matching) {
        /** For page expectations: first page minus {@code after}; null otherwise or when nothing paged. */
        public Duration timeToPage() {
            return firstPage != null && expectation instanceof io.nplus.snmp.lab.scenario.Expectation.Page p
                ? firstPage.at().minus(p.after()) : null;
        }
    }
}
