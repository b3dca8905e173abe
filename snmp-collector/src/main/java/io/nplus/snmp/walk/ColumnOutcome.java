package io.nplus.snmp.walk;

import org.snmp4j.smi.OID;

/** How one column's walk ended, with the rows read and, for problems, a sentence. */
public record ColumnOutcome(OID column, WalkEnd end, int rows, String detail) {
}
