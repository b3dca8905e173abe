package io.nplus.snmp.walk;

import io.nplus.mibs.data.MibSnapshot;
import java.util.List;

/**
 * What a walk read and how each column ended.
 *
 * @param data every binding read, in OID order
 * @param maxRepetitions the max-repetitions that worked, to start from next time
 */
public record WalkResult(MibSnapshot data, List<ColumnOutcome> columns, int requests, int varbinds,
                         int maxRepetitions) {
}
