package io.nplus.snmp.poll;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.mibs.interpret.Explanation;
import java.util.List;

/**
 * A poll's snapshot, plus what only some callers want.
 *
 * @param explanations filled when the request asked to explain
 * @param maxRepetitions the max-repetitions that worked, for the next poll of this device
 */
public record PollResult(DeviceSnapshot snapshot, List<Explanation> explanations, int maxRepetitions) {
    public PollResult {
        explanations = List.copyOf(explanations);
    }
}
