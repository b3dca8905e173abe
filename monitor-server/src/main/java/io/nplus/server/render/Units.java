package io.nplus.server.render;

import io.nplus.mibs.expr.Values;
import java.util.Locale;

/** Readings in the units people read: 10 Gbit/s, 20.5 GB, 42%, -2.5 dBm, 53 °C. */
public final class Units {
    private Units() {
    }

    /** The reading's short label ("speed", "rx power") and its value with unit. */
    public static String format(String reading, double v) {
        String name = label(reading);
        return name + " " + value(reading, v);
    }

    public static String label(String reading) {
        String base = reading;
        for (String suffix : new String[] {"_bits_per_second", "_bytes", "_ratio", "_dbm", "_celsius", "_amperes",
            "_volts", "_watts", "_seconds", "_percent", "_rpm", "_hertz", "_cubic_meters_per_minute"}) {
            if (base.endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
                break;
            }
        }
        return base.replace('_', ' ');
    }

    public static String value(String reading, double v) {
        if (reading.endsWith("_bits_per_second")) {
            return scaled(v, 1000, new String[] {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"});
        }
        if (reading.endsWith("_bytes")) {
            return scaled(v, 1000, new String[] {"B", "kB", "MB", "GB", "TB", "PB"});
        }
        if (reading.endsWith("_ratio")) {
            return v == 0 ? "0%" : String.format(Locale.ROOT, v * 100 < 10 ? "%.1f%%" : "%.0f%%", v * 100);
        }
        if (reading.endsWith("_dbm")) {
            return String.format(Locale.ROOT, "%.2f dBm", v);
        }
        if (reading.endsWith("_celsius")) {
            return Values.formatNumber(round(v, 1)) + " °C";
        }
        if (reading.endsWith("_amperes")) {
            return Math.abs(v) < 1 ? Values.formatNumber(round(v * 1000, 2)) + " mA" : Values.formatNumber(round(v, 3)) + " A";
        }
        if (reading.endsWith("_volts")) {
            return Values.formatNumber(round(v, 3)) + " V";
        }
        if (reading.endsWith("_watts")) {
            return Math.abs(v) < 1 ? Values.formatNumber(round(v * 1000, 3)) + " mW" : Values.formatNumber(round(v, 2)) + " W";
        }
        if (reading.endsWith("_seconds")) {
            return uptime(v);
        }
        if (reading.endsWith("_percent")) {
            return Values.formatNumber(round(v, 1)) + "%";
        }
        if (reading.endsWith("_rpm")) {
            return Values.formatNumber(round(v, 0)) + " rpm";
        }
        return Values.formatNumber(v);
    }

    public static String uptime(double seconds) {
        long s = (long) seconds;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 > 0 ? " " + s % 60 + "s" : "");
        }
        if (s < 86400) {
            return s / 3600 + "h" + (s / 60 % 60 > 0 ? " " + s / 60 % 60 + "m" : "");
        }
        return s / 86400 + "d" + (s / 3600 % 24 > 0 ? " " + s / 3600 % 24 + "h" : "");
    }

    private static String scaled(double v, double base, String[] units) {
        int i = 0;
        double x = v;
        while (Math.abs(x) >= base && i < units.length - 1) {
            x /= base;
            i++;
        }
        return Values.formatNumber(round(x, x >= 100 || i == 0 ? 0 : 1)) + " " + units[i];
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
