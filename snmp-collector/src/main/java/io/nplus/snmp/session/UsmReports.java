package io.nplus.snmp.session;

import java.util.Map;
import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/** What an SNMPv3 report (RFC 3414 usmStats counters) means for the person configuring credentials. */
public final class UsmReports {
    private static final Map<OID, String> TEXT = Map.of(
        new OID("1.3.6.1.6.3.15.1.1.1.0"), "the agent does not support this security level for the user",
        new OID("1.3.6.1.6.3.15.1.1.2.0"), "the request was outside the agent's time window (engine boots/time)",
        new OID("1.3.6.1.6.3.15.1.1.3.0"), "the agent does not know this SNMPv3 user",
        new OID("1.3.6.1.6.3.15.1.1.4.0"), "the agent did not accept the engine ID",
        new OID("1.3.6.1.6.3.15.1.1.5.0"), "wrong auth passphrase or auth protocol",
        new OID("1.3.6.1.6.3.15.1.1.6.0"), "wrong priv passphrase or priv protocol");

    private UsmReports() {
    }

    /** usmStatsUnknownEngineIDs and usmStatsNotInTimeWindows: SNMP4J answers these itself. */
    public static boolean isSynchronisation(PDU report) {
        OID oid = report.size() > 0 ? report.get(0).getOid() : null;
        return new OID("1.3.6.1.6.3.15.1.1.4.0").equals(oid) || new OID("1.3.6.1.6.3.15.1.1.2.0").equals(oid);
    }

    public static String explain(PDU report) {
        for (VariableBinding vb : report.getVariableBindings()) {
            String text = TEXT.get(vb.getOid());
            if (text != null) {
                return text;
            }
        }
        return "the agent answered with a report (" + (report.size() > 0 ? report.get(0).getOid() : "empty") + ")";
    }
}
