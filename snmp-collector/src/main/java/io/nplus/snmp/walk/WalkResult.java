package io.nplus.snmp.walk;

import java.util.List;
import java.util.Map;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * What a walk read and how each column ended.
 *
 * @param maxRepetitions the max-repetitions that worked, to start from next time
 */
public record WalkResult(Map<OID, Variable> bindings, List<ColumnOutcome> columns, int requests, int varbinds,
                         int maxRepetitions) {
}
