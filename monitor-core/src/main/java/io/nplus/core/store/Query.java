package io.nplus.core.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads for people and for rules: a range on a step grid (what a graph or a sparkline needs), and the
 * aggregates of a window (what an alert rule needs: how often a value changed, its min, max and average).
 */
public final class Query {
    /** At most this many points per series in a range, as Prometheus' limit. */
    public static final int MAX_POINTS = 11_000;

    private Query() {
    }

    /**
     * One series on the grid start, start + step, ... end. A point is the last sample at or before it, at most
     * {@code lookback} old; where raw samples are past retention, the 5-minute rollup's average. NaN where
     * there was nothing.
     */
    public record Range(TimeSeriesStore.Series series, long[] times, double[] values, boolean fromRollups) {
    }

    public static List<Range> range(TimeSeriesStore store, Selector selector, long start, long end, long step,
                                    int maxSeries) throws SQLException {
        if (step <= 0) {
            throw new IllegalArgumentException("step must be positive");
        }
        if (end < start) {
            throw new IllegalArgumentException("end is before start");
        }
        long points = (end - start) / step + 1;
        if (points > MAX_POINTS) {
            throw new IllegalArgumentException(points + " points per series is more than " + MAX_POINTS
                + "; use a larger step");
        }
        List<TimeSeriesStore.Series> found = store.find(selector);
        if (found.size() > maxSeries) {
            throw new IllegalArgumentException(found.size() + " series match; at most " + maxSeries
                + " per query: narrow the selector");
        }
        long lookback = Math.max(step, 5 * 60_000L);
        List<Range> out = new ArrayList<>();
        for (TimeSeriesStore.Series s : found) {
            out.add(one(store, s, start, end, step, lookback, (int) points));
        }
        return out;
    }

    private static Range one(TimeSeriesStore store, TimeSeriesStore.Series s, long start, long end, long step,
                             long lookback, int points) throws SQLException {
        long horizon = store.rawHorizon();
        Samples raw = store.read(s.id(), Math.max(start - lookback, horizon), end);
        Rollups.Series rollups = start - lookback < horizon ? store.rollups(s.id(), start - lookback, horizon)
            : new Rollups.Series(new long[0], new double[0], new double[0], new double[0], new long[0]);
        long[] times = new long[points];
        double[] values = new double[points];
        int r = 0;
        for (int k = 0; k < points; k++) {
            long t = start + k * step;
            times[k] = t;
            values[k] = Double.NaN;
            int i = raw.indexAtOrBefore(t);
            if (i >= 0 && raw.time(i) > t - lookback) {
                values[k] = raw.value(i);
                continue;
            }
            while (r + 1 < rollups.size() && rollups.times()[r + 1] <= t) {
                r++;
            }
            if (r < rollups.size() && rollups.times()[r] <= t && rollups.times()[r] > t - lookback) {
                values[k] = rollups.avg()[r];
            }
        }
        return new Range(s, times, values, rollups.size() > 0);
    }

    /**
     * What a window of raw samples says: how many, min, max, average, the first and last value, and how many
     * times the value changed from one sample to the next (an interface flapping, a drive state going back and
     * forth).
     */
    public record Stats(int count, double min, double max, double avg, double first, double last, int changes) {
        public static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    public static Stats window(TimeSeriesStore store, int series, long from, long to) throws SQLException {
        Samples s = store.read(series, from, to);
        if (s.size() == 0) {
            return Stats.EMPTY;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int changes = 0;
        for (int i = 0; i < s.size(); i++) {
            double v = s.value(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            if (i > 0 && s.raw(i) != s.raw(i - 1)) {
                changes++;
            }
        }
        return new Stats(s.size(), min, max, sum / s.size(), s.value(0), s.value(s.size() - 1), changes);
    }

    /** The newest sample of a series within {@code maxAge} of now, or null. */
    public static Double latest(TimeSeriesStore store, int series, long now, long maxAge) throws SQLException {
        Samples s = store.read(series, now - maxAge, now);
        return s.size() == 0 ? null : s.value(s.size() - 1);
    }
}
