package io.nplus.alerting.engine;

import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.Silence;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Silences and maintenance windows: made through the API or {@code nplus silence add}, kept with the alert
 * states (a restart does not lift them), and expired ones forgotten after a week.
 */
public final class Silences {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Consumer<Silence> save;
    private final Map<String, Silence> byId = new LinkedHashMap<>();

    public Silences(Clock clock, List<Silence> restored, Consumer<Silence> save) {
        this.clock = clock;
        this.save = save;
        for (Silence s : restored) {
            byId.put(s.id(), s);
        }
    }

    /** Adds a silence; its id is returned (and shown by nplus silence list). */
    public synchronized Silence add(Map<String, String> matchers, Instant startsAt, Instant endsAt, String comment,
                                    String createdBy) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        Silence s = new Silence(HexFormat.of().formatHex(b), matchers, startsAt, endsAt, comment, createdBy,
            clock.instant());
        byId.put(s.id(), s);
        save.accept(s);
        return s;
    }

    /** Ends a silence now; false when there is no such silence or it had already ended. */
    public synchronized boolean expire(String id) {
        Silence s = byId.get(id);
        Instant now = clock.instant();
        if (s == null || !s.endsAt().isAfter(now)) {
            return false;
        }
        Instant start = s.startsAt().isAfter(now) ? now.minusMillis(1) : s.startsAt();
        Silence ended = new Silence(s.id(), s.matchers(), start, now, s.comment(), s.createdBy(), s.createdAt());
        byId.put(id, ended);
        save.accept(ended);
        return true;
    }

    /** Silences not expired for more than a week, oldest first. */
    public synchronized List<Silence> list() {
        Instant forget = clock.instant().minus(Duration.ofDays(7));
        byId.values().removeIf(s -> s.endsAt().isBefore(forget));
        return new ArrayList<>(byId.values());
    }

    /** The id of an active silence that covers the alert, or "". */
    public synchronized String silencedBy(Alert a) {
        Instant now = clock.instant();
        for (Silence s : byId.values()) {
            if (s.activeAt(now) && s.matches(a)) {
                return s.id();
            }
        }
        return "";
    }
}
