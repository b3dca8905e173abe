package io.nplus.snmp.poll;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.mibs.interpret.Explanation;
import java.util.List;

/**
 * A poll's snapshot, plus what only some callers want.
 *
 * @param explanations filled when the request asked to explain
 * @param maxRepetitions the max-repetitions that worked, for the next poll of this device
 * @param detection what this poll detected, to pass to the next poll of this device; null when the poll failed or
 *                  read a table with a problem (the next poll then detects again)
 */
public record PollResult(DeviceSnapshot snapshot, List<Explanation> explanations, int maxRepetitions,
                         Detection detection) {
    public PollResult(DeviceSnapshot snapshot, List<Explanation> explanations, int maxRepetitions) {
        this(snapshot, explanations, maxRepetitions, null);
    }

    public PollResult {
        explanations = List.copyOf(explanations);
    }
}
