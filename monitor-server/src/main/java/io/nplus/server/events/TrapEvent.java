package io.nplus.server.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted trap as people read it (the JSON of /api/v1/events).
 *
 * @param device the target's name (or the name the config gives an extra source)
 * @param source the sender's IP address
 * @param trap the notification's MIB name ("linkDown"), or its OID when no mapping knows it
 * @param severity info, ok, warning, degraded or failed
 * @param component what it is about, or null for the device as a whole
 * @param state the component's state word as its profile names it, or null
 */
public record TrapEvent(Instant time, String device, String source, String trap, String oid, String severity,
                        ComponentInfo component, String state, String text) {
    public TrapEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(trap, "trap");
    }

    /**
     * The component: as the device's last poll knows it when the trap could be matched to one, else as far as the
     * trap says (id or name may then be null).
     */
    public record ComponentInfo(String kind, String id, String name) {
    }
}
