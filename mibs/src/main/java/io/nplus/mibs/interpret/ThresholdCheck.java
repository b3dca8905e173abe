package io.nplus.mibs.interpret;

import io.nplus.mibs.expr.Values;
import io.nplus.mibs.vocab.Thresholds;
import java.util.List;

/**
 * The sanity check devices' thresholds need before they may raise an alarm. Real walks have every kind of bad
 * threshold: all four zero (a Nexus port without DOM), -32768 "unset" (Cisco), low above high, a warning outside
 * its alarm. Such values are dropped with a note; what remains is ordered
 * {@code low_alarm <= low_warning < high_warning <= high_alarm}.
 */
final class ThresholdCheck {
    private ThresholdCheck() {
    }

    /** Plausible range of a reading by its unit suffix, or null when any value is plausible. */
    static double[] plausible(String reading) {
        if (reading.endsWith("_dbm")) {
            return new double[] {-60, 40};
        }
        if (reading.endsWith("_celsius")) {
            return new double[] {-80, 250};
        }
        if (reading.endsWith("_amperes")) {
            return new double[] {0, 1000};
        }
        if (reading.endsWith("_volts")) {
            return new double[] {-1000, 1000};
        }
        if (reading.endsWith("_ratio")) {
            return new double[] {0, 1};
        }
        return null;
    }

    static Thresholds sanitize(String reading, Double la, Double lw, Double hw, Double ha, List<String> notes) {
        double[] range = plausible(reading);
        la = plausibleOrNull(reading, "low alarm", la, range, notes);
        lw = plausibleOrNull(reading, "low warning", lw, range, notes);
        hw = plausibleOrNull(reading, "high warning", hw, range, notes);
        ha = plausibleOrNull(reading, "high alarm", ha, range, notes);

        Double lowest = la != null ? la : lw;
        Double highest = ha != null ? ha : hw;
        Double[] all = {la, lw, hw, ha};
        long distinct = java.util.Arrays.stream(all).filter(java.util.Objects::nonNull).distinct().count();
        long given = java.util.Arrays.stream(all).filter(java.util.Objects::nonNull).count();
        if (given >= 2 && distinct == 1) {
            notes.add(reading + " thresholds ignored: all equal (" + Values.formatNumber(all[firstNonNull(all)]) + ")");
            return Thresholds.NONE;
        }
        if (lowest != null && highest != null && maxOf(la, lw) >= minOf(hw, ha)) {
            notes.add(reading + " thresholds ignored: low " + Values.formatNumber(maxOf(la, lw))
                + " is not below high " + Values.formatNumber(minOf(hw, ha)));
            return Thresholds.NONE;
        }
        if (la != null && lw != null && la > lw) {
            notes.add(reading + " low thresholds ignored: alarm " + Values.formatNumber(la) + " above warning "
                + Values.formatNumber(lw) + " (inverted)");
            la = null;
            lw = null;
        }
        if (ha != null && hw != null && hw > ha) {
            notes.add(reading + " high thresholds ignored: warning " + Values.formatNumber(hw) + " above alarm "
                + Values.formatNumber(ha) + " (inverted)");
            hw = null;
            ha = null;
        }
        return new Thresholds(la, lw, hw, ha);
    }

    private static int firstNonNull(Double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != null) {
                return i;
            }
        }
        return 0;
    }

    private static Double plausibleOrNull(String reading, String which, Double v, double[] range, List<String> notes) {
        if (v == null || range == null) {
            return v;
        }
        if (v < range[0] || v > range[1]) {
            notes.add(reading + " " + which + " threshold " + Values.formatNumber(v) + " ignored: outside "
                + Values.formatNumber(range[0]) + ".." + Values.formatNumber(range[1]));
            return null;
        }
        return v;
    }

    private static double maxOf(Double a, Double b) {
        return a == null ? b : b == null ? a : Math.max(a, b);
    }

    private static double minOf(Double a, Double b) {
        return a == null ? b : b == null ? a : Math.min(a, b);
    }
}
