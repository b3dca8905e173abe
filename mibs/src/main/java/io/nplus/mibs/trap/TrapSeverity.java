package io.nplus.mibs.trap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How much a trap matters, in the words of component health plus {@code info}: {@code ok} says something is
 * back (a link up, an alarm cleared), {@code info} says something happened that is neither good nor bad (a
 * restart, a rebuild that started), the others are the health the component is reported to have.
 */
public enum TrapSeverity {
    INFO,
    OK,
    WARNING,
    DEGRADED,
    FAILED;

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TrapSeverity parse(String word) {
        for (TrapSeverity s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + word + "'; expected " + allWords());
    }

    public static String allWords() {
        return Arrays.stream(values()).map(TrapSeverity::word).collect(Collectors.joining(", "));
    }
}
