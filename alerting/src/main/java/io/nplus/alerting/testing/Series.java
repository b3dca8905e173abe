package io.nplus.alerting.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * promtool's expanding notation for the values of a rule test, one value per step, separated by spaces:
 *
 * <pre>
 * 1           one value
 * 1x4         1 1 1 1 1            (a, then n more: n+1 values)
 * 1+2x3       1 3 5 7              (start a, add b, n more)
 * 10-1x2      10 9 8
 * _           a missing value      (a component or reading absent, a target not polled)
 * _x3         _ _ _                (as in promtool: n missing values, not n+1)
 * ok x5       ok ok ok ok ok ok    (words: a space before the count)
 * </pre>
 *
 * A count may also stand apart from a number ({@code -3 x5} is {@code -3x5}). Missing values are null in the
 * lists returned.
 */
public final class Series {
    /** More values than any test needs: a typo like x1000000000 is an error, not an OutOfMemoryError. */
    static final int MAX_VALUES = 1_000_000;

    private static final String NUM = "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?";
    private static final String UNSIGNED = "(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?";
    private static final Pattern NUMBER = Pattern.compile("(" + NUM + ")(?:([-+])(" + UNSIGNED + "))?(?:x(\\d+))?");
    private static final Pattern MISSING = Pattern.compile("_(?:x(\\d+))?");
    private static final Pattern COUNT = Pattern.compile("x(\\d+)");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_.:/-]*");
    private static final Pattern WORD_WITH_COUNT = Pattern.compile("[A-Za-z][A-Za-z0-9_.:/-]*?x\\d+");

    private Series() {
    }

    /** Numbers, null where a value is missing. */
    public static List<Double> numbers(String text) {
        List<Double> out = new ArrayList<>();
        for (String token : tokens(text)) {
            Matcher missing = MISSING.matcher(token);
            if (missing.matches()) {
                add(out, null, missing.group(1) == null ? 1 : count(missing.group(1), token), text);
                continue;
            }
            Matcher m = NUMBER.matcher(token);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad series '" + text.trim() + "': '" + token + "' is not a number, _"
                    + " or a+bxn (like 1, 1x5, 100+60x30, 10-1x5, _x3)");
            }
            double a = Double.parseDouble(m.group(1));
            double b = m.group(3) == null ? 0 : Double.parseDouble(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
            if (m.group(3) != null && m.group(4) == null) {
                throw new IllegalArgumentException("bad series '" + text.trim() + "': '" + token + "' needs a count: "
                    + token + "x5 is " + m.group(1) + " and then 5 more steps of " + m.group(2) + m.group(3));
            }
            int n = m.group(4) == null ? 0 : count(m.group(4), token);
            check(out.size() + (long) n + 1, text);
            for (int i = 0; i <= n; i++) {
                out.add(a + i * b);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Words (health or state), null where a value is missing. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String token : tokens(text)) {
            Matcher missing = MISSING.matcher(token);
            if (missing.matches()) {
                add(out, null, missing.group(1) == null ? 1 : count(missing.group(1), token), text);
                continue;
            }
            String word = token;
            int n = 0;
            int x = token.lastIndexOf(" x");
            if (x > 0) {
                word = token.substring(0, x);
                n = count(token.substring(x + 2), token);
            }
            if (WORD_WITH_COUNT.matcher(word).matches()) {
                throw new IllegalArgumentException("bad series '" + text.trim() + "': '" + word + "': to repeat a word"
                    + " put a space before the count, as in 'ok x5'");
            }
            if (!WORD.matcher(word).matches()) {
                throw new IllegalArgumentException("bad series '" + text.trim() + "': '" + word + "' is not a word or _"
                    + " (write words like 'ok x5 degraded x3')");
            }
            add(out, word, n + 1, text);
        }
        return Collections.unmodifiableList(out);
    }

    /** The value at step {@code i}: a series shorter than the test holds its last value. */
    public static <T> T at(List<T> values, int i) {
        return values.get(Math.min(i, values.size() - 1));
    }

    /** Splits on spaces and joins a lone count to the value before it: "-3 x5" is "-3x5", "ok x5" stays one token. */
    private static List<String> tokens(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty series; give values like '1x30' or 'ok x5 degraded x10'");
        }
        List<String> out = new ArrayList<>();
        for (String t : text.trim().split("\\s+")) {
            if (!COUNT.matcher(t).matches()) {
                out.add(t);
                continue;
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("bad series '" + text.trim() + "': '" + t + "' repeats nothing;"
                    + " write the value first, as in 'ok x5'");
            }
            String before = out.remove(out.size() - 1);
            if (hasCount(before)) {
                throw new IllegalArgumentException("bad series '" + text.trim() + "': '" + before + " " + t
                    + "' has two counts");
            }
            // Numbers and _ take the count joined (1x5, _x3); a word keeps it apart ("ok x5").
            boolean number = before.equals("_") || NUMBER.matcher(before).matches();
            out.add(number ? before + t : before + " " + t);
        }
        return out;
    }

    private static boolean hasCount(String token) {
        if (token.contains(" ")) {
            return true;
        }
        Matcher missing = MISSING.matcher(token);
        if (missing.matches()) {
            return missing.group(1) != null;
        }
        Matcher number = NUMBER.matcher(token);
        return number.matches() && number.group(4) != null;
    }

    private static int count(String digits, String token) {
        try {
            int n = Integer.parseInt(digits);
            if (n > MAX_VALUES) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + token + "': a count above " + MAX_VALUES);
        }
    }

    private static <T> void add(List<T> out, T value, int n, String text) {
        check(out.size() + (long) n, text);
        for (int i = 0; i < n; i++) {
            out.add(value);
        }
    }

    private static void check(long size, String text) {
        if (size > MAX_VALUES) {
            throw new IllegalArgumentException("series '" + abbreviate(text) + "' has more than " + MAX_VALUES
                + " values");
        }
    }

    private static String abbreviate(String text) {
        String t = text.trim();
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
