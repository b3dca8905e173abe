package io.nplus.mibs.trap;

import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.expr.Row;
import java.util.List;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * A trap's varbinds seen as one row for the expression language. A notification carries each object once, at the
 * instance the event concerns, and objects of one trap may sit in different tables (Cisco's threshold notification
 * has entSensorValue.{sensor} beside entSensorThresholdValue.{sensor}.{threshold}), so an object is read at the
 * row's index when the trap has it there, else at whatever instance the trap carries (some agents send a scalar
 * without its ".0", so the bare object OID counts as an instance too).
 */
final class TrapRow implements Row {
    private final List<VariableBinding> varbinds;
    private final int[] index;

    TrapRow(List<VariableBinding> varbinds, ColumnDef rowObject) {
        this.varbinds = varbinds;
        this.index = rowObject == null ? new int[0] : instanceOf(varbinds, rowObject);
    }

    /** The arcs after {@code object}'s OID in the first varbind under it; empty when the trap lacks it. */
    static int[] instanceOf(List<VariableBinding> varbinds, ColumnDef object) {
        OID base = object.oid();
        for (VariableBinding vb : varbinds) {
            OID oid = vb == null ? null : vb.getOid();
            if (oid != null && oid.size() > base.size() && oid.startsWith(base)) {
                int[] arcs = new int[oid.size() - base.size()];
                for (int i = 0; i < arcs.length; i++) {
                    arcs[i] = oid.get(base.size() + i);
                }
                return arcs;
            }
        }
        return new int[0];
    }

    @Override
    public int[] index() {
        return index;
    }

    @Override
    public Variable variable(ColumnDef column, int[] at) {
        OID base = column.oid();
        Variable any = null;
        for (VariableBinding vb : varbinds) {
            OID oid = vb == null ? null : vb.getOid();
            if (oid != null && oid.size() >= base.size() && oid.startsWith(base)) {
                if (matches(oid, base.size(), at)) {
                    return vb.getVariable();
                }
                if (any == null) {
                    any = vb.getVariable();
                }
            }
        }
        return any;
    }

    private static boolean matches(OID oid, int from, int[] at) {
        if (oid.size() - from != at.length) {
            return false;
        }
        for (int i = 0; i < at.length; i++) {
            if (oid.get(from + i) != at[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object reading(String name) {
        return null;
    }

    @Override
    public int[] find(ColumnDef column, Object value) {
        return null;
    }
}
