package io.nplus.snmp.trap;

import io.nplus.snmp.session.AuthProtocol;
import io.nplus.snmp.session.PrivProtocol;
import io.nplus.snmp.session.SnmpClient;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/** Sends notifications to a receiver from a chosen loopback address, as a device would (tests only). */
final class Sender implements AutoCloseable {
    static final OID LINK_DOWN = new OID("1.3.6.1.6.3.1.1.5.3");
    static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");

    private final Snmp snmp;
    private final USM usm;
    private final UdpAddress to;
    private final byte[] engineId;

    Sender(String fromAddress, InetSocketAddress receiver) throws IOException {
        engineId = MPv3.createLocalEngineID(new OctetString("s" + Long.toHexString(System.nanoTime())));
        usm = new USM(SnmpClient.securityProtocols(false), new OctetString(engineId), 0);
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(
            new UdpAddress(InetAddress.getByName(fromAddress), 0));
        snmp = new Snmp(transport);
        snmp.getMessageDispatcher().removeMessageProcessingModel(snmp.getMessageDispatcher().getMessageProcessingModel(MPv3.ID));
        snmp.getMessageDispatcher().addMessageProcessingModel(new MPv3(engineId, null, SnmpClient.securityProtocols(false),
            SecurityModels.getCollection(new org.snmp4j.security.SecurityModel[] {usm}), new org.snmp4j.mp.CounterSupport()));
        snmp.listen();
        to = new UdpAddress(receiver.getAddress(), receiver.getPort());
    }

    static PDU linkDown(int ifIndex) {
        PDU pdu = new PDU();
        pdu.setType(PDU.TRAP);
        fill(pdu, ifIndex);
        return pdu;
    }

    private static void fill(PDU pdu, int ifIndex) {
        pdu.add(new VariableBinding(Notification.SYS_UP_TIME, new TimeTicks(4200)));
        pdu.add(new VariableBinding(Notification.SNMP_TRAP_OID, LINK_DOWN));
        pdu.add(new VariableBinding(new OID(IF_INDEX).append(ifIndex), new org.snmp4j.smi.Integer32(ifIndex)));
    }

    void v2c(String community, PDU pdu) throws IOException {
        snmp.send(pdu, community(community, SnmpConstants.version2c));
    }

    /** An inform; the receiver's answer, or null when none came within the timeout. */
    PDU inform(String community, int ifIndex, long timeoutMillis) throws IOException {
        PDU pdu = new PDU();
        pdu.setType(PDU.INFORM);
        fill(pdu, ifIndex);
        CommunityTarget<UdpAddress> t = community(community, SnmpConstants.version2c);
        t.setTimeout(timeoutMillis);
        t.setRetries(0);
        ResponseEvent<UdpAddress> e = snmp.send(pdu, t);
        return e.getResponse();
    }

    /** A v1 linkDown: generic-trap 2, which RFC 3584 translates to snmpTraps.3. */
    void v1LinkDown(String community, int ifIndex) throws IOException {
        PDUv1 pdu = new PDUv1();
        pdu.setType(PDU.V1TRAP);
        pdu.setGenericTrap(PDUv1.LINKDOWN);
        pdu.setEnterprise(new OID("1.3.6.1.4.1.8072.3.2.10"));
        pdu.setAgentAddress(new org.snmp4j.smi.IpAddress("192.0.2.7"));
        pdu.setTimestamp(4200);
        pdu.add(new VariableBinding(new OID(IF_INDEX).append(ifIndex), new org.snmp4j.smi.Integer32(ifIndex)));
        snmp.send(pdu, community(community, SnmpConstants.version1));
    }

    /** A v3 trap (the sender is authoritative: its own engine ID). */
    void v3(String user, AuthProtocol auth, String authPass, PrivProtocol priv, String privPass, int ifIndex)
        throws IOException {
        usm.removeAllUsers(new OctetString(user));
        usm.addUser(new UsmUser(new OctetString(user), auth.oid(), new OctetString(authPass),
            priv == null ? null : priv.oid(), priv == null ? null : new OctetString(privPass)), new OctetString(engineId));
        UserTarget<UdpAddress> t = new UserTarget<>();
        t.setAddress(to);
        t.setVersion(SnmpConstants.version3);
        t.setSecurityName(new OctetString(user));
        t.setSecurityLevel(priv == null ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.AUTH_PRIV);
        t.setAuthoritativeEngineID(engineId);
        ScopedPDU pdu = new ScopedPDU();
        pdu.setType(PDU.TRAP);
        fill(pdu, ifIndex);
        snmp.send(pdu, t);
    }

    private CommunityTarget<UdpAddress> community(String community, int version) {
        CommunityTarget<UdpAddress> t = new CommunityTarget<>(to, new OctetString(community));
        t.setVersion(version);
        return t;
    }

    /** Raw bytes, as an attacker or a broken agent would send them. */
    static void raw(String fromAddress, InetSocketAddress receiver, List<byte[]> datagrams) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(fromAddress, 0))) {
            for (byte[] d : datagrams) {
                s.send(new DatagramPacket(d, d.length, receiver));
            }
        }
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }
}
