package io.nplus.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.core.store.DataDir;
import io.nplus.core.store.Query;
import io.nplus.core.store.Selector;
import io.nplus.core.store.TimeSeriesStore;
import io.nplus.core.time.Durations;
import io.nplus.server.render.Sparkline;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nplus history TARGET [COMPONENT] [--since 24h]}: what a device's readings did, one line per reading
 * with a sparkline, grouped by component. It asks the running nplus ({@code --url}), or reads a stopped nplus's
 * data directory ({@code --data-dir}).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = {"What a device's readings did over time: one sparkline per reading, grouped by component.",
        "Asks the running nplus (--url), or reads the data directory of a stopped one (--data-dir)."})
public final class HistoryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "The target's name, as in the config.")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "COMPONENT",
        description = "Only components whose name or id matches (a glob: xe-0/0/*, dsk.3).")
    String component;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
        description = "How far back (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--width", paramLabel = "N", defaultValue = "48", description = "Sparkline width in characters (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:9730",
        description = "The running nplus (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Read this data directory instead (nplus must not be running on it).")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One series on the grid, whatever it came from. */
    record Line(String metric, Map<String, String> labels, long[] times, double[] values) {
    }

    @Override
    public Integer call() throws Exception {
        if (width < 8 || width > 400) {
            throw new IllegalArgumentException("--width must be 8..400");
        }
        long end = System.currentTimeMillis();
        long start = end - since.toMillis();
        long step = Math.max(1000, since.toMillis() / width);
        // The device's limits are constant and on /metrics; a sparkline of them says nothing.
        String base = "target=\"" + quote(target) + "\",__name__!~\".*_threshold_.*\"";
        List<Line> lines = new ArrayList<>();
        if (component == null) {
            lines.addAll(read("{" + base + "}", start, end, step));
        } else {
            // By id (dsk.3) or by name (xe-0/0/*): two queries, the same series found twice counted once.
            String re = quote(glob(component).pattern());
            Map<String, Line> unique = new LinkedHashMap<>();
            for (String by : new String[] {"component", "name"}) {
                for (Line l : read("{" + base + "," + by + "=~\"" + re + "\"}", start, end, step)) {
                    unique.putIfAbsent(l.metric() + l.labels(), l);
                }
            }
            lines.addAll(unique.values());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (lines.isEmpty()) {
            out.printf("%s: no history%s in the last %s (is the name right? nplus keeps history from its first poll on)%n",
                target, component == null ? "" : " of components matching '" + component + "'", Durations.format(since));
            out.flush();
            return 3;
        }
        print(out, lines, start, end, step);
        out.flush();
        return 0;
    }

    private List<Line> read(String selector, long start, long end, long step) throws Exception {
        return dataDir != null ? fromStore(selector, start, end, step) : fromServer(selector, start, end, step);
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private List<Line> fromServer(String selector, long start, long end, long step) throws IOException, InterruptedException {
        String q = url.replaceAll("/+$", "") + "/api/v1/query_range?series=" + URLEncoder.encode(selector,
            StandardCharsets.UTF_8) + "&start=" + start / 1000.0 + "&end=" + end / 1000.0 + "&step=" + step / 1000.0;
        HttpResponse<String> r;
        try {
            r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(HttpRequest.newBuilder(
                URI.create(q)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("cannot reach nplus at " + url + " (is nplus run running? give --url, or --data-dir"
                + " to read the history of a stopped nplus)");
        }
        JsonNode body = new ObjectMapper().readTree(r.body());
        if (r.statusCode() != 200) {
            throw new IOException(url + " answered " + r.statusCode() + ": " + body.path("error").asText(r.body()));
        }
        List<Line> out = new ArrayList<>();
        for (JsonNode s : body.at("/data/result")) {
            Map<String, String> labels = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : s.get("metric").properties()) {
                labels.put(e.getKey(), e.getValue().asText());
            }
            String metric = labels.remove("__name__");
            int n = (int) ((end - start) / step) + 1;
            long[] times = new long[n];
            double[] values = new double[n];
            java.util.Arrays.fill(values, Double.NaN);
            for (int k = 0; k < n; k++) {
                times[k] = start + k * step;
            }
            for (JsonNode v : s.get("values")) {
                long t = Math.round(v.get(0).asDouble() * 1000);
                int k = (int) Math.round((double) (t - start) / step);
                if (k >= 0 && k < n) {
                    values[k] = Double.parseDouble(v.get(1).asText());
                }
            }
            out.add(new Line(metric, labels, times, values));
        }
        return out;
    }

    private List<Line> fromStore(String selector, long start, long end, long step) throws Exception {
        try (DataDir dir = DataDir.lock(dataDir);
             TimeSeriesStore store = TimeSeriesStore.open(dir, Clock.systemUTC(), TimeSeriesStore.Options.defaults())) {
            List<Line> out = new ArrayList<>();
            for (Query.Range r : Query.range(store, Selector.parse(selector), start, end, step, 100_000)) {
                out.add(new Line(r.series().key().metric(), r.series().key().labels(), r.times(), r.values()));
            }
            return out;
        }
    }

    private void print(PrintWriter out, List<Line> lines, long start, long end, long step) {
        Pattern only = component == null ? null : glob(component);
        Map<String, List<Line>> byComponent = new LinkedHashMap<>();
        List<Line> device = new ArrayList<>();
        lines.sort(java.util.Comparator.comparing((Line l) -> l.labels().getOrDefault("component", ""))
            .thenComparing(Line::metric));
        for (Line l : lines) {
            String id = l.labels().get("component");
            if (l.metric().contains("_threshold_")) {
                continue; // the device's limits: constant, and on /metrics; a sparkline of them says nothing
            }
            if (id == null) {
                device.add(l);
            } else if (only == null || only.matcher(id).matches()
                || only.matcher(l.labels().getOrDefault("name", "")).matches()) {
                byComponent.computeIfAbsent(id, k -> new ArrayList<>()).add(l);
            }
        }
        out.printf("%s: the last %s, one character per %s%n", target, Durations.format(Duration.ofMillis(end - start)),
            Durations.format(Duration.ofMillis(step)));
        if (only == null) {
            for (Line l : device) {
                row(out, "", label(l.metric()), l);
            }
        }
        if (byComponent.isEmpty() && only != null) {
            out.printf("no component of %s matches '%s'%n", target, component);
            return;
        }
        for (List<Line> group : byComponent.values()) {
            Line first = group.get(0);
            String kind = group.stream().map(l -> l.labels().get("kind")).filter(k -> k != null).findFirst().orElse("");
            out.printf("%s%s%n", first.labels().getOrDefault("name", first.labels().get("component")),
                kind.isEmpty() ? "" : "  (" + kind + ", " + first.labels().get("component") + ")");
            for (Line l : group) {
                row(out, "  ", label(l.metric()), l);
            }
        }
    }

    private void row(PrintWriter out, String indent, String what, Line l) {
        double[] v = l.values();
        boolean counter = l.metric().endsWith("_total");
        if (counter) {
            v = perSecond(l.times(), v);
            what = what + "/s";
        }
        if (l.metric().equals("nplus_component_severity")) {
            out.printf(Locale.ROOT, "%s%-28s %s  now %s, worst %s%n", indent, "health", Sparkline.of(v, 0, 4),
                health(last(v)), health(max(v)));
            return;
        }
        out.printf(Locale.ROOT, "%s%-28s %s  now %s  min %s  max %s%n", indent, what, Sparkline.of(v), num(last(v)),
            num(min(v)), num(max(v)));
    }

    /** The per-second rate between grid points; a decrease (a reset, a reboot) leaves a gap, never a spike. */
    static double[] perSecond(long[] times, double[] v) {
        double[] out = new double[v.length];
        java.util.Arrays.fill(out, Double.NaN);
        int prev = -1;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                continue;
            }
            if (prev >= 0 && v[i] >= v[prev]) {
                out[i] = (v[i] - v[prev]) / ((times[i] - times[prev]) / 1000.0);
            }
            prev = i;
        }
        return out;
    }

    /** nplus_transceiver_rx_power_dbm -> rx_power_dbm (the kind is on the component line). */
    static String label(String metric) {
        String m = metric.startsWith("nplus_") ? metric.substring(6) : metric;
        for (String kind : new String[] {"transceiver_", "interface_", "storage_", "filesystem_", "sensor_",
            "virtual_drive_", "physical_drive_", "controller_", "battery_", "enclosure_", "power_supply_", "fan_",
            "chassis_"}) {
            if (m.startsWith(kind)) {
                m = m.substring(kind.length());
                break;
            }
        }
        return m.endsWith("_total") ? m.substring(0, m.length() - 6) : m;
    }

    private static String health(double rank) {
        if (Double.isNaN(rank)) {
            return "-";
        }
        String[] words = {"ok", "unknown", "warning", "degraded", "failed"};
        int r = (int) rank;
        return r >= 0 && r < words.length ? words[r] : Double.toString(rank);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1e12) {
            return String.format(Locale.ROOT, "%.3gT", v / 1e12);
        }
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3gG", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private static double last(double[] v) {
        for (int i = v.length - 1; i >= 0; i--) {
            if (!Double.isNaN(v[i])) {
                return v[i];
            }
        }
        return Double.NaN;
    }

    private static double min(double[] v) {
        double m = Double.NaN;
        for (double x : v) {
            if (!Double.isNaN(x) && (Double.isNaN(m) || x < m)) {
                m = x;
            }
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NaN;
        for (double x : v) {
            if (!Double.isNaN(x) && (Double.isNaN(m) || x > m)) {
                m = x;
            }
        }
        return m;
    }

    static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
