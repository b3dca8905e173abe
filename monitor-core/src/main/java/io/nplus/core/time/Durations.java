package io.nplus.core.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in flags and YAML: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h30m}, {@code 7d}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty duration; write it like 500ms, 5s, 2m, 1h or 7d");
        }
        Matcher m = PART.matcher(t);
        long nanos = 0;
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 500ms, 5s, 2m, 1h30m or 7d");
            }
            double n = Double.parseDouble(m.group(1));
            long unit;
            switch (m.group(2)) {
                case "ms": unit = 1_000_000L; break;
                case "s": unit = 1_000_000_000L; break;
                case "m": unit = 60_000_000_000L; break;
                case "h": unit = 3_600_000_000_000L; break;
                default: unit = 86_400_000_000_000L; break;
            }
            nanos += (long) (n * unit);
            at = m.end();
        }
        return Duration.ofNanos(nanos);
    }

    /** The shortest of the forms {@link #parse} reads: 90s prints as 1m30s, 1500ms as 1.5s. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0 && ms < 60_000) {
            return ms < 1000 ? ms + "ms" : (ms / 1000.0) + "s";
        }
        long s = ms / 1000;
        StringBuilder sb = new StringBuilder();
        long days = s / 86400;
        long hours = s / 3600 % 24;
        long minutes = s / 60 % 60;
        long seconds = s % 60;
        if (days > 0) {
            sb.append(days).append('d');
        }
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0 || sb.length() == 0) {
            sb.append(seconds).append('s');
        }
        return sb.toString();
    }
}
