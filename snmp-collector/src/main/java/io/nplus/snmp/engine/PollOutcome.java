package io.nplus.snmp.engine;

import io.nplus.core.model.DeviceSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One finished poll, as the engine hands it on.
 *
 * @param rates per component key ("interface/3"), per counter name, per second: only trustworthy ones
 * @param events what the counter engine noticed (a reboot, a counter discontinuity)
 * @param due when the poll was due
 * @param lateness how long after {@code due} it started (waiting for a free slot, or a slow scheduler)
 * @param failures consecutive failed polls, this one included (0 after a success)
 * @param nextIn how long until the target's next poll (one interval, or the backoff of an unreachable target)
 */
public record PollOutcome(EngineTarget target, DeviceSnapshot snapshot, Map<String, Map<String, Double>> rates,
                          List<String> events, boolean reboot, Instant due, Duration lateness, int failures,
                          Duration nextIn) {
    public PollOutcome {
        rates = Map.copyOf(rates);
        events = List.copyOf(events);
    }
}
