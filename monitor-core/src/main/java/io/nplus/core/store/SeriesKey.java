package io.nplus.core.store;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a series is: a metric name and its labels, as in Prometheus
 * ({@code nplus_transceiver_rx_power_dbm{component="et-0/0/0",name="et-0/0/0",target="qfx1"}}).
 *
 * @param labels sorted by name; {@link #text()} is the canonical form kept in the store
 */
public record SeriesKey(String metric, SortedMap<String, String> labels) {
    public SeriesKey {
        Objects.requireNonNull(metric);
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public static SeriesKey of(String metric, Map<String, String> labels) {
        return new SeriesKey(metric, new TreeMap<>(labels));
    }

    public String label(String name) {
        return labels.get(name);
    }

    /** The canonical text: metric{a="x",b="y"} with labels sorted and values escaped as Prometheus does. */
    public String text() {
        return metric + labelText();
    }

    /** {a="x",b="y"}, or "" without labels. */
    public String labelText() {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(e.getKey()).append("=\"");
            escape(e.getValue(), b);
            b.append('"');
        }
        return b.append('}').toString();
    }

    static void escape(String v, StringBuilder b) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
    }

    /** Parses {@link #text()} back (the store's own form, not a query: see {@link Selector} for those). */
    public static SeriesKey parse(String text) {
        Selector s = Selector.parse(text);
        TreeMap<String, String> labels = new TreeMap<>();
        for (Selector.Matcher m : s.matchers()) {
            if (m.op() != Selector.Op.EQ) {
                throw new IllegalArgumentException("not a series key: " + text);
            }
            labels.put(m.label(), m.value());
        }
        return new SeriesKey(s.metric(), labels);
    }

    @Override
    public String toString() {
        return text();
    }
}
