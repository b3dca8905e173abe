package io.nplus.mibs.expr;

import java.util.List;
import org.snmp4j.smi.Variable;

/** What an expression reads while it is evaluated: one table row, with access to other rows for lookups. */
public interface Row {
    /** The row's index: the OID arcs after the column OID; empty for scalars. */
    int[] index();

    /** The raw value of {@code column} at {@code index}, or null when the device did not give one. */
    Variable variable(ColumnDef column, int[] index);

    /** A reading computed earlier for the same component, or null. */
    Object reading(String name);

    /** The index of the first row whose {@code column} value equals {@code value}, or null. */
    int[] find(ColumnDef column, Object value);

    /** The lane (1..n) of a repeated component, 0 elsewhere. */
    default int lane() {
        return 0;
    }

    /** The indexes of {@code column}'s rows that start with {@code prefix}, in OID order (whole indexes). */
    default List<int[]> indexesUnder(ColumnDef column, int[] prefix) {
        return List.of();
    }
}
