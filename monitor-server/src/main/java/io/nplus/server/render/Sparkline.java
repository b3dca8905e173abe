package io.nplus.server.render;

/**
 * A terminal sparkline: one block character per value, from {@code ▁} (the lowest) to {@code █} (the highest);
 * a blank where there is no value (NaN). A flat series is drawn at the bottom.
 */
public final class Sparkline {
    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    /** Scaled between the series' own minimum and maximum. */
    public static String of(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return of(values, lo, hi);
    }

    /** Scaled between {@code lo} and {@code hi} (values outside are clamped). */
    public static String of(double[] values, double lo, double hi) {
        StringBuilder b = new StringBuilder(values.length);
        for (double v : values) {
            if (Double.isNaN(v)) {
                b.append(' ');
            } else if (!(hi > lo) || Double.isInfinite(hi - lo)) {
                b.append(BARS[0]);
            } else {
                int i = (int) Math.round((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo) * (BARS.length - 1));
                b.append(BARS[i]);
            }
        }
        return b.toString();
    }
}
