package io.nplus.mibs.expr;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snmp4j.smi.OID;

/**
 * A MIB object a profile reads, under the name the MIB gives it.
 *
 * @param name the MIB object name ({@code ifOperStatus})
 * @param oid the column (or scalar object) OID, without instance
 * @param states for enumerated INTEGERs: value to the MIB's word for it ({@code "1" -> "up"}); for OBJECT
 *               IDENTIFIER values that name things (hrStorageType): the dotted OID to a word. Empty otherwise.
 *               Gapped enumerations are the norm (StorageManagement-MIB's arrayDiskState jumps 7 -> 11 -> 13 ... 34).
 * @param scalar true for a scalar object, read at {@code oid.0} by GET
 */
public record ColumnDef(String name, OID oid, Map<String, String> states, boolean scalar) {
    public ColumnDef {
        Objects.requireNonNull(name);
        Objects.requireNonNull(oid);
        states = Map.copyOf(states);
    }

    public boolean isEnum() {
        return !states.isEmpty();
    }

    /** The OID to read: {@code oid.0} for a scalar, the column itself for a table column. */
    public OID readOid() {
        return scalar ? new OID(oid).append(0) : oid;
    }

    public List<String> stateWords() {
        return states.entrySet().stream()
            .sorted(Map.Entry.comparingByKey(ColumnDef::compareKeys))
            .map(Map.Entry::getValue).toList();
    }

    private static int compareKeys(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
