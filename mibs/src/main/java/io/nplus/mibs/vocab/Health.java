package io.nplus.mibs.vocab;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How well a component is doing, from the point of view of redundancy.
 *
 * <p>The order of {@link #rank()} is the order of "worse": a component's health is the worst of what its rules
 * say, and output lists the worst first. {@code unknown} ranks above {@code ok} and below {@code warning}: a
 * reading we cannot use is worth a look, but it is not a crossed threshold.
 */
public enum Health {
    /** Working, with full margin and redundancy. */
    OK(0),
    /** No usable reading: a sentinel, an absent status, a state we do not know. */
    UNKNOWN(1),
    /** A warning threshold crossed, predictive failure, rebuild in progress, nearly full. */
    WARNING(2),
    /** Redundancy lost or an alarm threshold crossed: still working, one failure away from an outage. */
    DEGRADED(3),
    /** Not working. */
    FAILED(4);

    private final int rank;

    Health(int rank) {
        this.rank = rank;
    }

    /** Higher is worse. */
    public int rank() {
        return rank;
    }

    public boolean isWorseThan(Health other) {
        return rank > other.rank;
    }

    public static Health worst(Health a, Health b) {
        return a.rank >= b.rank ? a : b;
    }

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Health parse(String word) {
        for (Health h : values()) {
            if (h.word().equals(word)) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown health '" + word + "'; expected ok, warning, degraded, failed, unknown");
    }
}
