package io.nplus.snmp.trap;

import java.net.InetAddress;
import java.util.function.Function;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.event.CounterListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;

/**
 * SNMP4J's dispatcher with a gate in front and an outcome for every datagram. The gate (allow-list, then rate
 * limit) runs before anything is decoded, so a flood from spoofed sources costs a map lookup per datagram, not an
 * ASN.1 parse or a USM key localisation. Every datagram then ends in exactly one outcome: a drop reason from the
 * gate, from SNMP4J's counters (parse errors, USM failures), from the receiver's checks, or acceptance; one that
 * SNMP4J swallowed without a word counts as malformed.
 *
 * <p>Decoding and the receiver's checks run on the transport's one listen thread (asynchronous processing is
 * off), which is what makes the per-datagram {@link #decided} flag safe without locks.
 */
final class TrapDispatcher extends MessageDispatcherImpl implements CounterListener {
    private final TrapCounters counters;
    private final Function<InetAddress, DropReason> gate;
    private final Runnable afterMessage;
    private boolean decided;

    TrapDispatcher(TrapCounters counters, Function<InetAddress, DropReason> gate, Runnable afterMessage) {
        this.counters = counters;
        this.gate = gate;
        this.afterMessage = afterMessage;
        addCounterListener(this);
    }

    @Override
    public <A extends Address> void processMessage(TransportMapping<? super A> sourceTransport, A incomingAddress,
                                                   BERInputStream wholeMessage, TransportStateReference tmStateReference) {
        counters.read();
        DropReason early = incomingAddress instanceof IpAddress ip ? gate.apply(ip.getInetAddress()) : DropReason.UNKNOWN_SOURCE;
        if (early != null) {
            counters.drop(early);
            return;
        }
        decided = false;
        try {
            super.processMessage(sourceTransport, incomingAddress, wholeMessage, tmStateReference);
        } catch (RuntimeException | Error e) {
            // SNMP4J catches its own decoding errors; anything else must not kill the listen thread either.
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
        } finally {
            if (!decided) {
                counters.drop(DropReason.MALFORMED);
            }
            decided = true;
            afterMessage.run();
        }
    }

    /** The receiver's verdict on the datagram being processed: a drop reason, or null for accepted. */
    void decide(DropReason reason) {
        if (decided) {
            return;
        }
        decided = true;
        if (reason == null) {
            counters.accepted();
        } else {
            counters.drop(reason);
        }
    }

    /** The datagram just accepted did not fit in the queue after all. */
    void queueFull() {
        counters.unaccept();
        counters.drop(DropReason.QUEUE_FULL);
    }

    /** SNMP4J's counters: the dispatcher's own, MPv3's and the USM's, which all come here. */
    @Override
    public void incrementCounter(CounterEvent event) {
        OID oid = event.getOid();
        if (decided || oid == null) {
            return;
        }
        if (oid.equals(SnmpConstants.usmStatsUnknownEngineIDs) || oid.equals(SnmpConstants.usmStatsNotInTimeWindows)) {
            decided = true; // engine ID discovery or time sync before an inform: answered with a report, not a drop
            counters.engineReport();
        } else if (oid.equals(SnmpConstants.usmStatsUnknownUserNames)) {
            decide(DropReason.UNKNOWN_USER);
        } else if (oid.equals(SnmpConstants.usmStatsWrongDigests) || oid.equals(SnmpConstants.usmStatsDecryptionErrors)
            || oid.equals(SnmpConstants.usmStatsUnsupportedSecLevels)) {
            decide(DropReason.BAD_AUTH);
        } else if (oid.equals(SnmpConstants.snmpInASNParseErrs) || oid.equals(SnmpConstants.snmpInvalidMsgs)
            || oid.equals(SnmpConstants.snmpInBadVersions) || oid.equals(SnmpConstants.snmpUnknownSecurityModels)) {
            decide(DropReason.MALFORMED);
        }
    }
}
