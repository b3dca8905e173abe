package io.nplus.snmp.walk;

import java.util.Map;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Values read by GET (or, for a probe, the first binding found under each prefix).
 *
 * @param answered whether the agent answered at all: a first request without answer means unreachable
 */
public record GetResult(Map<OID, Variable> values, WalkEnd end, String detail, boolean answered, int requests,
                        int varbinds) {
}
