package io.nplus.mibs.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Text with embedded expressions: {@code "Slot {slotNumber} of enclosure {enclDeviceId}"}. It yields null when
 * any embedded expression is absent, so a list of templates can fall back to the next one.
 */
public final class Template {
    private final String source;
    private final List<Object> parts; // String literals and Expr

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    public static Template compile(String source, Scope scope) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        StringBuilder lit = new StringBuilder();
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '{') {
                int end = source.indexOf('}', i);
                if (end < 0) {
                    throw new ExprException("unclosed '{' in template '" + source + "'");
                }
                if (lit.length() > 0) {
                    parts.add(lit.toString());
                    lit.setLength(0);
                }
                parts.add(Expr.compile(source.substring(i + 1, end), scope));
                i = end + 1;
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0) {
            parts.add(lit.toString());
        }
        return new Template(source, List.copyOf(parts));
    }

    /** The text, or null when an embedded value is absent or the result is blank. */
    public String eval(Row row) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Expr e) {
                Object v = e.eval(row);
                if (v == null) {
                    return null;
                }
                sb.append(Values.format(v));
            } else {
                sb.append((String) p);
            }
        }
        String s = sb.toString().strip();
        return s.isEmpty() ? null : s;
    }

    public void columns(Set<ColumnDef> out) {
        for (Object p : parts) {
            if (p instanceof Expr e) {
                e.columns(out);
            }
        }
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
