package io.nplus.mibs.profile;

import io.nplus.mibs.expr.ColumnDef;
import java.util.List;
import java.util.regex.Pattern;
import org.snmp4j.smi.OID;

/**
 * When a profile applies. Every given condition must hold: sysObjectID under one of {@code sysObjectIds},
 * sysDescr matching {@code sysDescr}, and at least one of {@code tables} having a row. An empty list or a null
 * pattern is no condition.
 */
public record Detect(List<OID> sysObjectIds, Pattern sysDescr, List<ColumnDef> tables) {
    public Detect {
        sysObjectIds = List.copyOf(sysObjectIds);
        tables = List.copyOf(tables);
    }

    public boolean matchesSystem(String objectId, String descr) {
        if (!sysObjectIds.isEmpty()) {
            if (objectId == null || objectId.isEmpty()) {
                return false;
            }
            OID oid = new OID(objectId);
            if (sysObjectIds.stream().noneMatch(oid::startsWith)) {
                return false;
            }
        }
        return sysDescr == null || (descr != null && sysDescr.matcher(descr).find());
    }
}
