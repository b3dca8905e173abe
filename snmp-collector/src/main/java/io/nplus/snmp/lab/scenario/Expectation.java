package io.nplus.snmp.lab.scenario;

import io.nplus.core.time.Durations;
import java.time.Duration;

/** What a replay must show, from a scenario's {@code expect:} list. Checked by the replay runner. */
public sealed interface Expectation {
    /** The line of the expectation in its file. */
    int line();

    /** How it reads in a summary: {@code page db1 "Disk 3" within 2m after +10m}. */
    String describe();

    /**
     * Which alerts a page, no_page or resolved expectation is about. Every given field must match: {@code device}
     * the alert's target, {@code group} its redundancy group, {@code component} a substring of the component's name
     * or id, {@code rule} the alert's name, {@code heartbeat} the job of a heartbeat alert; null fields match
     * anything.
     */
    record Selector(String device, String group, String component, String rule, String heartbeat) {
        public Selector(String device, String group, String component, String rule) {
            this(device, group, component, rule, null);
        }

        public boolean matches(String target, String groupName, String componentId, String componentName, String alertname) {
            return matches(target, groupName, componentId, componentName, alertname, "");
        }

        public boolean matches(String target, String groupName, String componentId, String componentName, String alertname,
                               String heartbeatName) {
            return (device == null || device.equals(target))
                && (group == null || group.equals(groupName))
                && (component == null || contains(componentId, component) || contains(componentName, component))
                && (rule == null || rule.equals(alertname))
                && (heartbeat == null || heartbeat.equals(heartbeatName));
        }

        private static boolean contains(String haystack, String needle) {
            return haystack != null && !haystack.isEmpty() && haystack.contains(needle);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (device != null) {
                b.append(device);
            }
            if (group != null) {
                b.append(b.length() > 0 ? " " : "").append("group ").append(group);
            }
            if (component != null) {
                b.append(" \"").append(component).append('"');
            }
            if (heartbeat != null) {
                b.append(b.length() > 0 ? " " : "").append("heartbeat ").append(heartbeat);
            }
            if (rule != null) {
                b.append(" ").append(rule);
            }
            return b.toString().trim();
        }
    }

    /**
     * A page matching {@code selector} within {@code within} of {@code after} (not before {@code after});
     * with {@code maxPages}, at most that many pages match over the whole replay (one incident, one page).
     */
    record Page(Selector selector, Duration after, Duration within, Integer maxPages, int line) implements Expectation {
        @Override
        public String describe() {
            return "page " + selector + " within " + Durations.format(within) + " after " + ScenarioEvent.offset(after)
                + (maxPages == null ? "" : ", at most " + maxPages + (maxPages == 1 ? " page" : " pages"));
        }
    }

    /** No page matching {@code selector} at all. */
    record NoPage(Selector selector, int line) implements Expectation {
        @Override
        public String describe() {
            return "no page " + selector;
        }
    }

    /** A page matching {@code selector} resolves within {@code within} of {@code after} (when its fault clears). */
    record Resolved(Selector selector, Duration after, Duration within, int line) implements Expectation {
        @Override
        public String describe() {
            return "resolved " + selector + " within " + Durations.format(within) + " after " + ScenarioEvent.offset(after);
        }
    }

    /** No page of any kind before this offset. */
    record NoPagesBefore(Duration before, int line) implements Expectation {
        @Override
        public String describe() {
            return "no pages before " + ScenarioEvent.offset(before);
        }
    }

    /** No page at all (a quiet replay). */
    record NoPages(int line) implements Expectation {
        @Override
        public String describe() {
            return "no pages";
        }
    }

    /** At most {@code max} pages over the whole replay. */
    record MaxPages(int max, int line) implements Expectation {
        @Override
        public String describe() {
            return "at most " + max + (max == 1 ? " page" : " pages");
        }
    }
}
