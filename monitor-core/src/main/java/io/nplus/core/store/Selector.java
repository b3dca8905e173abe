package io.nplus.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which series a query reads, written as in PromQL: a metric name and label matchers,
 * {@code nplus_transceiver_rx_power_dbm{target="qfx1",name=~"et-0/0/.*"}}. Operators: {@code =}, {@code !=},
 * {@code =~} and {@code !~} (regular expressions match the whole value); {@code __name__} is the metric name. The metric may be left out when a
 * matcher is given ({@code {target="qfx1"}}: every series of qfx1).
 */
public record Selector(String metric, List<Matcher> matchers) {
    public enum Op { EQ, NE, RE, NRE }

    public record Matcher(String label, Op op, String value, Pattern pattern) {
        boolean matches(String actual) {
            String v = actual == null ? "" : actual;
            return switch (op) {
                case EQ -> v.equals(value);
                case NE -> !v.equals(value);
                case RE -> pattern.matcher(v).matches();
                case NRE -> !pattern.matcher(v).matches();
            };
        }
    }

    public Selector {
        matchers = List.copyOf(matchers);
    }

    public boolean matches(SeriesKey key) {
        if (!metric.isEmpty() && !metric.equals(key.metric())) {
            return false;
        }
        for (Matcher m : matchers) {
            if (!m.matches(m.label().equals("__name__") ? key.metric() : key.label(m.label()))) {
                return false;
            }
        }
        return true;
    }

    /** Parses a selector; the message of the IllegalArgumentException says where and what was expected. */
    public static Selector parse(String text) {
        return new Parser(text).selector();
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s.trim();
        }

        Selector selector() {
            String metric = name(true);
            List<Matcher> ms = new ArrayList<>();
            if (i < s.length() && s.charAt(i) == '{') {
                i++;
                skipSpace();
                while (i < s.length() && s.charAt(i) != '}') {
                    String label = name(false);
                    if (label.isEmpty()) {
                        throw error("a label name");
                    }
                    skipSpace();
                    Op op = op();
                    skipSpace();
                    String value = string();
                    Pattern p = null;
                    if (op == Op.RE || op == Op.NRE) {
                        try {
                            p = Pattern.compile(value);
                        } catch (PatternSyntaxException e) {
                            throw new IllegalArgumentException("bad regular expression for " + label + ": "
                                + e.getDescription());
                        }
                    }
                    ms.add(new Matcher(label, op, value, p));
                    skipSpace();
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                        skipSpace();
                    } else if (i >= s.length() || s.charAt(i) != '}') {
                        throw error("',' or '}'");
                    }
                }
                if (i >= s.length()) {
                    throw error("'}'");
                }
                i++;
            }
            if (i != s.length()) {
                throw error("the end of the selector");
            }
            if (metric.isEmpty() && ms.isEmpty()) {
                throw new IllegalArgumentException("empty selector: give a metric name, label matchers, or both,"
                    + " e.g. nplus_transceiver_rx_power_dbm{target=\"core-sw-1\"}");
            }
            return new Selector(metric, ms);
        }

        private String name(boolean metric) {
            int from = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                boolean ok = Character.isLetter(c) || c == '_' || (i > from && Character.isDigit(c)) || (metric && c == ':');
                if (!ok || c > 127) {
                    break;
                }
                i++;
            }
            return s.substring(from, i);
        }

        private Op op() {
            if (s.startsWith("=~", i)) {
                i += 2;
                return Op.RE;
            }
            if (s.startsWith("!~", i)) {
                i += 2;
                return Op.NRE;
            }
            if (s.startsWith("!=", i)) {
                i += 2;
                return Op.NE;
            }
            if (s.startsWith("=", i)) {
                i++;
                return Op.EQ;
            }
            throw error("one of = != =~ !~");
        }

        private String string() {
            if (i >= s.length() || s.charAt(i) != '"') {
                throw error("a double-quoted value");
            }
            i++;
            StringBuilder b = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    char n = s.charAt(i++);
                    b.append(n == 'n' ? '\n' : n);
                } else {
                    b.append(c);
                }
            }
            if (i >= s.length()) {
                throw error("a closing '\"'");
            }
            i++;
            return b.toString();
        }

        private void skipSpace() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("bad selector '" + s + "' at position " + (i + 1) + ": expected "
                + expected);
        }
    }
}
