package io.nplus.server.metrics;

import java.util.List;

/** How readings become metric names: {@code nplus_<kind>_<reading>}, the unit kept last, as Prometheus wants. */
final class MetricNames {
    /** Unit suffixes of reading names, longest first; the part before is the quantity. */
    static final List<String> UNITS = List.of("bytes_per_second", "bits_per_second", "cubic_meters_per_minute", "seconds", "bytes",
        "ratio", "dbm", "celsius", "amperes", "volts", "watts", "percent", "rpm", "hertz");

    private MetricNames() {
    }

    static String reading(String kind, String reading) {
        return "nplus_" + kind + "_" + reading;
    }

    /** {@code rx_power_dbm} -> {@code nplus_transceiver_rx_power_threshold_dbm}. */
    static String threshold(String kind, String reading) {
        for (String u : UNITS) {
            if (reading.endsWith("_" + u)) {
                return "nplus_" + kind + "_" + reading.substring(0, reading.length() - u.length() - 1) + "_threshold_" + u;
            }
        }
        return "nplus_" + kind + "_" + reading + "_threshold";
    }

    /** Counter families are named without _total; the writers append it. */
    static String counter(String kind, String counter) {
        return "nplus_" + kind + "_" + counter;
    }

    static String rate(String kind, String counter) {
        return "nplus_" + kind + "_" + counter + "_per_second";
    }

    static String unitOf(String reading) {
        for (String u : UNITS) {
            if (reading.endsWith("_" + u)) {
                return u;
            }
        }
        return "";
    }
}
