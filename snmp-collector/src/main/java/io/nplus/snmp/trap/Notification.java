package io.nplus.snmp.trap;

import java.util.ArrayList;
import java.util.List;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

/**
 * A notification in SNMPv2 form: its snmpTrapOID.0 and the varbinds after sysUpTime.0 and snmpTrapOID.0.
 * SNMPv1 traps are translated as RFC 3584 section 3.1 says.
 *
 * @param uptimeTicks the sender's sysUpTime.0 (hundredths of a second), or -1 when it sent none
 */
public record Notification(OID trapOid, long uptimeTicks, List<VariableBinding> payload) {
    public static final OID SYS_UP_TIME = new OID("1.3.6.1.2.1.1.3.0");
    public static final OID SNMP_TRAP_OID = new OID("1.3.6.1.6.3.1.1.4.1.0");
    /** RFC 3584: the v1 trap's agent-addr and enterprise, appended to the translated varbinds. */
    public static final OID SNMP_TRAP_ADDRESS = new OID("1.3.6.1.6.3.18.1.3.0");
    public static final OID SNMP_TRAP_ENTERPRISE = new OID("1.3.6.1.6.3.1.1.4.3.0");
    /** snmpTraps: the generic traps coldStart(1) .. egpNeighborLoss(6) are snmpTraps.(generic-trap + 1). */
    private static final OID SNMP_TRAPS = new OID("1.3.6.1.6.3.1.1.5");

    public Notification {
        payload = List.copyOf(payload);
    }

    /** The notification a PDU carries; IllegalArgumentException (a malformed trap) when it has no snmpTrapOID.0. */
    public static Notification of(PDU pdu) {
        if (pdu instanceof PDUv1 v1 && pdu.getType() == PDU.V1TRAP) {
            return fromV1(v1);
        }
        List<? extends VariableBinding> vbs = pdu.getVariableBindings();
        // RFC 3416 4.2.6: sysUpTime.0 first, snmpTrapOID.0 second. Some agents leave out sysUpTime; accept that.
        long uptime = -1;
        OID trapOid = null;
        List<VariableBinding> payload = new ArrayList<>();
        for (int i = 0; i < vbs.size(); i++) {
            VariableBinding vb = vbs.get(i);
            if (i < 2 && vb.getOid().equals(SYS_UP_TIME) && vb.getVariable() instanceof TimeTicks t && uptime < 0) {
                uptime = t.getValue();
            } else if (i < 2 && vb.getOid().equals(SNMP_TRAP_OID) && trapOid == null) {
                if (!(vb.getVariable() instanceof OID oid) || oid.size() < 2) {
                    throw new IllegalArgumentException("snmpTrapOID.0 is not an OBJECT IDENTIFIER: " + vb.getVariable().getSyntaxString());
                }
                trapOid = oid;
            } else {
                payload.add(vb);
            }
        }
        if (trapOid == null) {
            throw new IllegalArgumentException("no snmpTrapOID.0 among the first two varbinds");
        }
        return new Notification(trapOid, uptime, payload);
    }

    /** RFC 3584 3.1 (1)-(3): the trap OID from generic/specific trap, then the varbinds, agent-addr and enterprise. */
    static Notification fromV1(PDUv1 pdu) {
        OID enterprise = pdu.getEnterprise() == null ? new OID() : pdu.getEnterprise();
        int generic = pdu.getGenericTrap();
        OID trapOid;
        if (generic >= PDUv1.COLDSTART && generic < PDUv1.ENTERPRISE_SPECIFIC) {
            trapOid = new OID(SNMP_TRAPS).append(generic + 1);
        } else if (generic == PDUv1.ENTERPRISE_SPECIFIC) {
            if (enterprise.size() < 2) {
                throw new IllegalArgumentException("an enterpriseSpecific v1 trap without an enterprise OID");
            }
            trapOid = new OID(enterprise).append(0).append(pdu.getSpecificTrap());
        } else {
            throw new IllegalArgumentException("generic-trap " + generic + " is not 0..6");
        }
        List<VariableBinding> payload = new ArrayList<>(pdu.getVariableBindings());
        // The community is left out (RFC 3584 would add snmpTrapCommunity.0): nplus never keeps a secret in an event.
        IpAddress agent = pdu.getAgentAddress();
        if (agent != null) {
            payload.add(new VariableBinding(SNMP_TRAP_ADDRESS, agent));
        }
        payload.add(new VariableBinding(SNMP_TRAP_ENTERPRISE, enterprise));
        return new Notification(trapOid, pdu.getTimestamp(), payload);
    }
}
