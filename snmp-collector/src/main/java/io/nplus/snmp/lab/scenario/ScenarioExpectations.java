package io.nplus.snmp.lab.scenario;

import io.nplus.core.time.Durations;
import io.nplus.mibs.yaml.YamlDocument;
import java.time.Duration;
import java.util.Collection;

/** Checks one item of a scenario's {@code expect:} list and makes it an {@link Expectation}. */
final class ScenarioExpectations {
    private static final String KINDS = "page, no_page, resolved, no_pages_before, no_pages or max_pages";

    private ScenarioExpectations() {
    }

    static Expectation parse(YamlDocument doc, ScenarioSpec.ExpectSpec x, String path, Duration duration,
                             Collection<String> devices) {
        if (x == null) {
            throw doc.error(path, "an empty expectation; give one of " + KINDS);
        }
        int line = doc.lineOf(path);
        int kinds = (x.page() != null ? 1 : 0) + (x.noPage() != null ? 1 : 0) + (x.resolved() != null ? 1 : 0)
            + (x.noPagesBefore() != null ? 1 : 0) + (x.noPages() != null ? 1 : 0);
        if (kinds == 0 && x.maxPages() != null) {
            onlyWith(doc, x, path, "max_pages");
            return new Expectation.MaxPages(maxPages(doc, x.maxPages(), path), line);
        }
        if (kinds != 1) {
            throw doc.error(path, (kinds == 0 ? "no expectation" : kinds + " expectations") + " in one item; give exactly"
                + " one of " + KINDS);
        }
        if (x.page() != null) {
            Expectation.Selector s = selector(doc, x.page(), path + ".page", devices);
            Duration after = x.after() == null ? Duration.ZERO : offset(doc, x.after(), path + ".after", duration);
            Duration within = within(doc, x.within(), path, "page");
            return new Expectation.Page(s, after, within, x.maxPages() == null ? null : maxPages(doc, x.maxPages(), path),
                line);
        }
        if (x.resolved() != null) {
            if (x.maxPages() != null) {
                throw doc.error(path + ".max_pages", "max_pages goes with page (or alone), not with resolved");
            }
            Expectation.Selector s = selector(doc, x.resolved(), path + ".resolved", devices);
            Duration after = x.after() == null ? Duration.ZERO : offset(doc, x.after(), path + ".after", duration);
            return new Expectation.Resolved(s, after, within(doc, x.within(), path, "resolved"), line);
        }
        if (x.noPage() != null) {
            onlyWith(doc, x, path, "no_page");
            return new Expectation.NoPage(selector(doc, x.noPage(), path + ".no_page", devices), line);
        }
        if (x.noPagesBefore() != null) {
            onlyWith(doc, x, path, "no_pages_before");
            return new Expectation.NoPagesBefore(offset(doc, x.noPagesBefore(), path + ".no_pages_before", duration), line);
        }
        onlyWith(doc, x, path, "no_pages");
        if (!x.noPages()) {
            throw doc.error(path + ".no_pages", "no_pages: true is the only form (leave it out otherwise)");
        }
        return new Expectation.NoPages(line);
    }

    private static void onlyWith(YamlDocument doc, ScenarioSpec.ExpectSpec x, String path, String kind) {
        String extra = x.after() != null ? "after" : x.within() != null ? "within"
            : x.maxPages() != null && !kind.equals("max_pages") ? "max_pages" : null;
        if (extra != null) {
            throw doc.error(path + "." + extra, extra + " does not go with " + kind + "; after and within go with page and"
                + " resolved");
        }
    }

    private static Expectation.Selector selector(YamlDocument doc, ScenarioSpec.SelectorSpec s, String path,
                                                 Collection<String> devices) {
        if (s.device() == null && s.group() == null && s.heartbeat() == null && s.rule() == null) {
            throw doc.error(path, "say whose page: device (one of " + String.join(", ", devices) + "), group"
                + " (a redundancy group's name), heartbeat (a job's name) or rule (an alert name)");
        }
        if (s.device() != null && !devices.contains(s.device())) {
            throw doc.error(path + ".device", "unknown device '" + s.device() + "'; declared: " + String.join(", ", devices));
        }
        return new Expectation.Selector(s.device(), s.group(), s.component(), s.rule(), s.heartbeat());
    }

    private static Duration within(YamlDocument doc, String text, String path, String kind) {
        if (text == null) {
            throw doc.error(path, kind + " needs 'within': how long after 'after' it may take (2m)");
        }
        Duration d = parse(doc, text, path + ".within");
        if (d.isZero()) {
            throw doc.error(path + ".within", "'" + text + "' is zero; give a positive duration");
        }
        return d;
    }

    private static int maxPages(YamlDocument doc, int n, String path) {
        if (n < 0) {
            throw doc.error(path + ".max_pages", "max_pages must be 0 or more, got " + n);
        }
        return n;
    }

    private static Duration offset(YamlDocument doc, String text, String path, Duration duration) {
        Duration d = "0".equals(text.trim()) ? Duration.ZERO : parse(doc, text, path);
        if (d.compareTo(duration) > 0) {
            throw doc.error(path, Durations.format(d) + " is beyond the scenario's duration " + Durations.format(duration));
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
}
