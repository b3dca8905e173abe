package io.nplus.mibs.interpret;

import io.nplus.mibs.vocab.ComponentKind;
import java.util.List;

/**
 * How one component came to be, for {@code nplus poll --explain}: each value with the expression that made it
 * and the OIDs it read.
 */
public record Explanation(String profile, String recipe, ComponentKind kind, String id, List<Step> steps) {
    public Explanation {
        steps = List.copyOf(steps);
    }

    /**
     * @param what "reading rx_power_dbm", "health rule 1", "name"
     * @param reads each OID read: "jnxDomCurrentRxLaserPower.516 (1.3.6.1.4.1.2636.3.60.1.1.1.1.5.516) = -2677"
     */
    public record Step(String what, String expression, String result, List<String> reads) {
        public Step {
            reads = List.copyOf(reads);
        }
    }
}
