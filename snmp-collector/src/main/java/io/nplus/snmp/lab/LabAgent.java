package io.nplus.snmp.lab;

import io.nplus.core.secret.Secret;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.snmp.session.AuthProtocol;
import io.nplus.snmp.session.PrivProtocol;
import io.nplus.snmp.session.SnmpClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * A real SNMP agent serving recorded walks over UDP: GET, GETNEXT and GETBULK on v1, v2c and v3 (one USM user,
 * SHA-256 and AES-128 by default). The community (v1/v2c) or context name (v3) picks the walk; an unknown one
 * gets no answer, as on snmpsim.
 *
 * <pre>{@code
 * try (LabAgent agent = LabAgent.start(LabAgent.Options.loopback(16161), LabWalks.load(Path.of("walks")))) {
 *     // snmpbulkwalk -v2c -c linux 127.0.0.1:16161 .1
 * }
 * }</pre>
 *
 * <p>Answers follow RFC 3416: exception values per varbind on v2c/v3 (noSuchObject when nothing lies under the
 * object, noSuchInstance when siblings exist, endOfMibView past the end); on v1 noSuchName with the error index,
 * and GETNEXT skips Counter64 values, which v1 cannot carry (RFC 3584 §4.2.2.1). A GETBULK answer is cut at
 * the response size the manager allows. Cost per varbind is a binary search and SNMP4J's BER encoding; nothing
 * is copied.
 */
public final class LabAgent implements Closeable, CommandResponder {
    /**
     * @param maxResponseBytes the largest answer this agent builds (further capped by what the manager accepts)
     */
    public record Options(InetAddress address, int port, String v3User, AuthProtocol authProtocol,
                          Secret authPassphrase, PrivProtocol privProtocol, Secret privPassphrase,
                          int maxResponseBytes) {
        /** Loopback, with snmpsim's lab user (simulator / auctoritas / privatus) on SHA-256 and AES-128. */
        public static Options loopback(int port) {
            return new Options(InetAddress.getLoopbackAddress(), port, "simulator", AuthProtocol.SHA256,
                Secret.of("auctoritas"), PrivProtocol.AES128, Secret.of("privatus"), 65000);
        }

        public Options withPort(int p) {
            return new Options(address, p, v3User, authProtocol, authPassphrase, privProtocol, privPassphrase,
                maxResponseBytes);
        }

        public Options withAddress(InetAddress a) {
            return new Options(a, port, v3User, authProtocol, authPassphrase, privProtocol, privPassphrase,
                maxResponseBytes);
        }

        public Options withV3User(String user, AuthProtocol auth, Secret authPass, PrivProtocol priv, Secret privPass) {
            return new Options(address, port, user, auth, authPass, priv, privPass, maxResponseBytes);
        }

        public Options withMaxResponseBytes(int bytes) {
            return new Options(address, port, v3User, authProtocol, authPassphrase, privProtocol, privPassphrase, bytes);
        }
    }

    /** PDU overhead beyond the varbinds: request id, error status and index, headers. */
    private static final int PDU_OVERHEAD = 64;

    private final org.snmp4j.Snmp snmp;
    private final DefaultUdpTransportMapping transport;
    private final Map<String, LabDevice> devices = new ConcurrentHashMap<>();
    private final int maxResponseBytes;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong varbinds = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private LabAgent(org.snmp4j.Snmp snmp, DefaultUdpTransportMapping transport, int maxResponseBytes) {
        this.snmp = snmp;
        this.transport = transport;
        this.maxResponseBytes = maxResponseBytes;
    }

    public static LabAgent start(Options options, Map<String, LabDevice> devices) throws IOException {
        SecurityProtocols protocols = SnmpClient.securityProtocols(true);
        byte[] engineId = MPv3.createLocalEngineID(new OctetString("nplus-lab-" + options.port()));
        USM usm = new USM(protocols, new OctetString(engineId), 1);
        usm.addUser(new UsmUser(new OctetString(options.v3User()), options.authProtocol().oid(),
            new OctetString(options.authPassphrase().reveal()), options.privProtocol().oid(),
            new OctetString(options.privPassphrase().reveal())));
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineId, null, protocols,
            SecurityModels.getCollection(new SecurityModel[] {usm}), CounterSupport.getInstance()));
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(
            new UdpAddress(options.address(), options.port()), false);
        transport.setReceiveBufferSize(4 << 20);
        // Messages are decoded and handled on the listen thread (MessageDispatcherImpl, not the multi-threaded one),
        // so one receive buffer serves every datagram; the default allocates a fresh 64 KiB array per datagram.
        transport.setAsyncMsgProcessingSupported(false);
        org.snmp4j.Snmp snmp = new org.snmp4j.Snmp(dispatcher, transport);
        LabAgent agent = new LabAgent(snmp, transport, options.maxResponseBytes());
        agent.devices.putAll(devices);
        snmp.addCommandResponder(agent);
        snmp.listen();
        return agent;
    }

    /** The UDP port actually bound (useful with port 0). */
    public int port() {
        return transport.getListenAddress().getPort();
    }

    public Map<String, LabDevice> devices() {
        return devices;
    }

    public void add(LabDevice device) {
        devices.put(device.name(), device);
    }

    public long requestsServed() {
        return requests.get();
    }

    public long varbindsServed() {
        return varbinds.get();
    }

    /** Requests dropped: unknown community or context, silent device, unsupported PDU. */
    public long requestsDropped() {
        return dropped.get();
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        PDU request = event.getPDU();
        if (request == null) {
            return;
        }
        event.setProcessed(true);
        String name = request instanceof ScopedPDU scoped
            ? new String(scoped.getContextName().getValue(), StandardCharsets.UTF_8)
            : new String(event.getSecurityName(), StandardCharsets.UTF_8);
        LabDevice device = devices.get(name);
        if (device == null || device.isSilent()) {
            dropped.incrementAndGet();
            return;
        }
        boolean v1 = event.getMessageProcessingModel() == MPv1.ID;
        int limit = Math.min(maxResponseBytes, event.getMaxSizeResponsePDU() > 0 ? event.getMaxSizeResponsePDU()
            : maxResponseBytes);
        PDU response = answer(request, device.data(), v1, limit);
        if (response == null) {
            dropped.incrementAndGet();
            return;
        }
        requests.incrementAndGet();
        varbinds.addAndGet(response.size());
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                event.getStateReference(), new StatusInformation());
        } catch (MessageException e) {
            dropped.incrementAndGet(); // the manager went away or the answer cannot be encoded: nothing to do
        }
    }

    /**
     * The answer a well-behaved agent gives to one request from {@code data}, or null for a PDU type an agent
     * does not answer. Test agents start from it and then misbehave on purpose.
     */
    public static PDU answer(PDU request, MibSnapshot data, boolean v1, int maxBytes) {
        PDU response = emptyResponse(request);
        switch (request.getType()) {
            case PDU.GET:
                get(request, response, data, v1);
                break;
            case PDU.GETNEXT:
                getNext(request, response, data, v1);
                break;
            case PDU.GETBULK:
                if (v1) {
                    return null;
                }
                getBulk(request, response, data, maxBytes - PDU_OVERHEAD);
                break;
            case PDU.SET:
                response.setVariableBindings(request.getVariableBindings());
                response.setErrorStatus(v1 ? SnmpConstants.SNMP_ERROR_NO_SUCH_NAME : SnmpConstants.SNMP_ERROR_NOT_WRITEABLE);
                response.setErrorIndex(1);
                return response;
            default:
                return null;
        }
        if (response.getErrorStatus() == 0 && response.getBERLength() > maxBytes) {
            PDU tooBig = emptyResponse(request);
            tooBig.setVariableBindings(request.getVariableBindings());
            tooBig.setErrorStatus(SnmpConstants.SNMP_ERROR_TOO_BIG);
            tooBig.setErrorIndex(0);
            return tooBig;
        }
        return response;
    }

    private static PDU emptyResponse(PDU request) {
        PDU response;
        if (request instanceof ScopedPDU scoped) {
            ScopedPDU s = new ScopedPDU();
            s.setContextEngineID(scoped.getContextEngineID());
            s.setContextName(scoped.getContextName());
            response = s;
        } else if (request instanceof PDUv1) {
            response = new PDUv1();
        } else {
            response = new PDU();
        }
        response.setType(PDU.RESPONSE);
        response.setRequestID(request.getRequestID());
        return response;
    }

    private static void get(PDU request, PDU response, MibSnapshot data, boolean v1) {
        int i = 0;
        for (VariableBinding vb : request.getVariableBindings()) {
            i++;
            OID oid = vb.getOid();
            Variable v = data.get(oid);
            if (v1 && (v == null || v instanceof Counter64)) {
                fail(request, response, SnmpConstants.SNMP_ERROR_NO_SUCH_NAME, i);
                return;
            }
            if (v == null) {
                // noSuchInstance when the object exists (siblings under the parent), noSuchObject otherwise.
                OID parent = oid.size() > 1 ? oid.trim() : oid;
                v = data.hasUnder(parent) ? Null.noSuchInstance : Null.noSuchObject;
            }
            response.add(new VariableBinding(oid, v));
        }
    }

    private static void getNext(PDU request, PDU response, MibSnapshot data, boolean v1) {
        int i = 0;
        for (VariableBinding vb : request.getVariableBindings()) {
            i++;
            int at = next(data, vb.getOid(), v1);
            if (at >= data.size()) {
                if (v1) {
                    fail(request, response, SnmpConstants.SNMP_ERROR_NO_SUCH_NAME, i);
                    return;
                }
                response.add(new VariableBinding(vb.getOid(), Null.endOfMibView));
            } else {
                response.add(new VariableBinding(data.oid(at), data.value(at)));
            }
        }
    }

    private static int next(MibSnapshot data, OID after, boolean v1) {
        int at = data.higher(after);
        while (v1 && at < data.size() && data.value(at) instanceof Counter64) {
            at++;
        }
        return at;
    }

    /** RFC 3416 §4.2.3, answered until the repeaters all reach endOfMibView or the response is full. */
    private static void getBulk(PDU request, PDU response, MibSnapshot data, int maxBytes) {
        int n = request.size();
        int nonRepeaters = Math.max(0, Math.min(request.getNonRepeaters(), n));
        int repeaters = n - nonRepeaters;
        int maxRepetitions = repeaters == 0 ? 0 : Math.max(0, request.getMaxRepetitions());
        int bytes = 0;
        for (int i = 0; i < nonRepeaters; i++) {
            VariableBinding vb = bulkNext(data, request.get(i).getOid());
            bytes += vb.getBERLength();
            response.add(vb);
        }
        if (bytes > maxBytes) {
            return; // the size check of the caller turns this into tooBig
        }
        int[] position = new int[repeaters];
        for (int j = 0; j < repeaters; j++) {
            position[j] = data.higher(request.get(nonRepeaters + j).getOid());
        }
        for (int r = 0; r < maxRepetitions; r++) {
            boolean allEnded = true;
            int rowStart = response.size();
            int rowBytes = 0;
            for (int j = 0; j < repeaters; j++) {
                VariableBinding vb;
                if (position[j] < data.size()) {
                    vb = new VariableBinding(data.oid(position[j]), data.value(position[j]));
                    position[j]++;
                    allEnded = false;
                } else {
                    OID last = r == 0 ? request.get(nonRepeaters + j).getOid() : response.get(rowStart - repeaters + j).getOid();
                    vb = new VariableBinding(last, Null.endOfMibView);
                }
                rowBytes += vb.getBERLength();
                if (bytes + rowBytes > maxBytes && (r > 0 || nonRepeaters + j > 0)) {
                    return; // fewer repetitions than asked, as RFC 3416 allows; the manager continues from here
                }
                response.add(vb);
            }
            bytes += rowBytes;
            if (allEnded) {
                return;
            }
        }
    }

    private static VariableBinding bulkNext(MibSnapshot data, OID after) {
        int at = data.higher(after);
        return at < data.size() ? new VariableBinding(data.oid(at), data.value(at)) : new VariableBinding(after, Null.endOfMibView);
    }

    private static void fail(PDU request, PDU response, int status, int index) {
        response.clear();
        response.setRequestID(request.getRequestID());
        response.setVariableBindings(request.getVariableBindings());
        response.setErrorStatus(status);
        response.setErrorIndex(index);
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }
}
