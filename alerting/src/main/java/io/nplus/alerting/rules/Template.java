package io.nplus.alerting.rules;

import java.util.Map;

/** Alert text with {@code {name}} placeholders filled from an instance's variables; unknown names stay as written. */
public record Template(String text) {
    public String render(Map<String, String> vars) {
        StringBuilder b = new StringBuilder(text.length() + 32);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = c == '{' ? text.indexOf('}', i) : -1;
            if (end > i) {
                String name = text.substring(i + 1, end);
                String v = vars.get(name);
                b.append(v != null ? v : text, v != null ? 0 : i, v != null ? v.length() : end + 1);
                i = end + 1;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }
}
