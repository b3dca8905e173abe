package io.nplus.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What nplus currently knows about one configured device: the last poll, the last poll that reached it, and
 * the rates computed from its counters.
 *
 * @param last the most recent poll, whatever its status; null before the first one ends
 * @param lastGood the most recent poll that reached the device, or null
 * @param rates per component key ("interface/3") and counter name, per second, from the last good poll
 * @param failures consecutive failed polls
 * @param lateness how late the last poll started
 * @param extra what the server attaches when the snapshot arrives (its metrics, ready to expose)
 */
public record DeviceState(String name, String address, Map<String, String> labels, DeviceSnapshot last,
                          DeviceSnapshot lastGood, Map<String, Map<String, Double>> rates, List<String> events,
                          int failures, Duration lateness, Instant updatedAt, Object extra) {
    public DeviceState {
        labels = Map.copyOf(labels);
        rates = Map.copyOf(rates);
        events = List.copyOf(events);
    }

    public boolean isUp() {
        return last != null && last.status() == PollStatus.OK;
    }
}
