package io.nplus.alerting.model;

import java.util.Locale;

/** An alert's lifecycle: true but not yet for long enough, firing, or over. */
public enum AlertState {
    PENDING, FIRING, RESOLVED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertState parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
