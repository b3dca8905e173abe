package io.nplus.alerting.model;

import java.util.Locale;

/** Who is told: {@code page} wakes on-call, {@code ticket} waits for working hours, {@code info} is recorded only. */
public enum Severity {
    INFO, TICKET, PAGE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String word) {
        for (Severity s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + word + "'; expected page, ticket or info");
    }
}
