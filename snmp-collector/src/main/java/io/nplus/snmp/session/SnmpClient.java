package io.nplus.snmp.session;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.PduHandle;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * One SNMP4J engine shared by every poll: one UDP socket, one USM, one listener thread that decodes responses
 * and calls back. Creating an {@code Snmp} per request would cost a socket and a thread each time.
 *
 * <pre>{@code
 * try (SnmpClient client = SnmpClient.open(SnmpClient.Options.defaults())) {
 *     Target<UdpAddress> target = client.target("127.0.0.1", 16161, credentials, Duration.ofSeconds(2), 1);
 *     client.send(client.newPdu(credentials), target, null, listener);
 * }
 * }</pre>
 *
 * <p>No SNMP4J singleton is touched: the security protocols and the USM belong to this client, so two clients
 * (a poller and a lab agent in one JVM, as in tests) never share users.
 */
public final class SnmpClient implements Closeable {
    /**
     * @param bindAddress local address of the socket ("0.0.0.0" to poll anything, "127.0.0.1" for the lab)
     * @param allowWeakProtocols MD5, SHA-1 and DES accepted only when true
     * @param receiveBufferBytes the socket receive buffer; responses of many concurrent polls queue here
     */
    public record Options(String bindAddress, boolean allowWeakProtocols, int receiveBufferBytes) {
        public static Options defaults() {
            return new Options("0.0.0.0", false, 4 << 20);
        }

        public Options withBindAddress(String address) {
            return new Options(address, allowWeakProtocols, receiveBufferBytes);
        }

        public Options withWeakProtocols(boolean allow) {
            return new Options(bindAddress, allow, receiveBufferBytes);
        }
    }

    private final Snmp snmp;
    private final USM usm;
    private final Options options;
    private final Map<String, Credentials.Usm> users = new HashMap<>();
    private final Map<String, Hint> unauthenticatedReports = new java.util.concurrent.ConcurrentHashMap<>();

    private SnmpClient(Snmp snmp, USM usm, Options options) {
        this.snmp = snmp;
        this.usm = usm;
        this.options = options;
    }

    public static SnmpClient open(Options options) throws IOException {
        SecurityProtocols protocols = securityProtocols(options.allowWeakProtocols());
        byte[] engineId = MPv3.createLocalEngineID(new OctetString("nplus-" + Long.toHexString(
            ThreadLocalRandom.current().nextLong())));
        USM usm = new USM(protocols, new OctetString(engineId), 0);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineId, null, protocols,
            SecurityModels.getCollection(new org.snmp4j.security.SecurityModel[] {usm}),
            org.snmp4j.mp.CounterSupport.getInstance()));
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(
            new UdpAddress(InetAddress.getByName(options.bindAddress()), 0), false);
        transport.setReceiveBufferSize(options.receiveBufferBytes());
        // Messages are decoded and handled on the listen thread (MessageDispatcherImpl, not the multi-threaded one),
        // so one receive buffer serves every datagram; the default allocates a fresh 64 KiB array per datagram.
        transport.setAsyncMsgProcessingSupported(false);
        Snmp snmp = new Snmp(dispatcher, transport);
        SnmpClient client = new SnmpClient(snmp, usm, options);
        Snmp.ReportHandler standard = snmp.getReportHandler();
        snmp.setReportHandler(new Snmp.ReportHandler() {
            @Override
            public <A extends Address> void processReport(PduHandle handle, CommandResponderEvent<A> event) {
                PDU report = event.getPDU();
                // Engine ID discovery and time sync reports are part of every first request: not a diagnosis.
                if (event.getSecurityLevel() == SecurityLevel.NOAUTH_NOPRIV && report != null && report.size() == 1
                    && event.getPeerAddress() != null && !UsmReports.isSynchronisation(report)) {
                    client.unauthenticatedReports.put(event.getPeerAddress().toString(),
                        new Hint(UsmReports.explain(report), System.nanoTime()));
                }
                standard.processReport(handle, event);
            }
        });
        snmp.listen();
        return client;
    }

    private record Hint(String text, long atNanos) {
    }

    /**
     * The meaning of an unauthenticated report the agent at {@code address} sent in the last minute, once.
     * SNMP4J (rightly) does not deliver such reports as answers; they only explain a timeout.
     */
    public String takeUnauthenticatedReport(Address address) {
        Hint h = unauthenticatedReports.remove(address.toString());
        return h == null || System.nanoTime() - h.atNanos() > 60_000_000_000L ? null : h.text();
    }

    /** The protocol set a USM accepts: SHA-2 and AES always; MD5, SHA-1 and DES only when allowed. */
    public static SecurityProtocols securityProtocols(boolean allowWeak) {
        SecurityProtocols p = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
        for (AuthProtocol a : AuthProtocol.values()) {
            if (allowWeak || !a.isWeak()) {
                p.addAuthenticationProtocol(a.create());
            }
        }
        for (PrivProtocol v : PrivProtocol.values()) {
            if (allowWeak || !v.isWeak()) {
                p.addPrivacyProtocol(v.create());
            }
        }
        return p;
    }

    /** The local port responses arrive on (for tests that aim packets at it). */
    public int localPort() {
        return ((DefaultUdpTransportMapping) snmp.getMessageDispatcher().getTransportMappings().iterator().next())
            .getListenAddress().getPort();
    }

    /**
     * A target for one agent. For SNMPv3 the user is registered with this client's USM; two different secrets
     * under one user name are refused rather than silently overwriting each other.
     */
    public synchronized Target<UdpAddress> target(InetAddress host, int port, Credentials credentials,
                                                  Duration timeout, int retries) {
        UdpAddress address = new UdpAddress(host, port);
        Target<UdpAddress> target;
        if (credentials instanceof Credentials.Community c) {
            CommunityTarget<UdpAddress> t = new CommunityTarget<>(address, new OctetString(c.community().reveal()));
            t.setVersion(c.version() == Credentials.Version.V1 ? SnmpConstants.version1 : SnmpConstants.version2c);
            target = t;
        } else {
            Credentials.Usm u = (Credentials.Usm) credentials;
            register(u);
            UserTarget<UdpAddress> t = new UserTarget<>();
            t.setAddress(address);
            t.setVersion(SnmpConstants.version3);
            t.setSecurityName(new OctetString(u.user()));
            t.setSecurityLevel(u.auth() == null ? SecurityLevel.NOAUTH_NOPRIV
                : u.priv() == null ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.AUTH_PRIV);
            target = t;
        }
        target.setTimeout(Math.max(1, timeout.toMillis()));
        target.setRetries(retries);
        return target;
    }

    private void register(Credentials.Usm u) {
        if (!options.allowWeakProtocols() && ((u.auth() != null && u.auth().isWeak()) || (u.priv() != null && u.priv().isWeak()))) {
            throw new IllegalArgumentException("user " + u.user() + " uses " + (u.auth() != null && u.auth().isWeak()
                ? u.auth() : u.priv()) + ", a weak protocol; nplus refuses it unless weak protocols are allowed"
                + " explicitly (allow_weak_protocols)");
        }
        Credentials.Usm key = u.withContext("");
        Credentials.Usm earlier = users.putIfAbsent(u.user(), key);
        if (earlier != null) {
            if (!earlier.equals(key)) {
                throw new IllegalArgumentException("SNMPv3 user " + u.user() + " is configured twice with different"
                    + " protocols or passphrases");
            }
            return;
        }
        usm.addUser(new UsmUser(new OctetString(u.user()),
            u.auth() == null ? null : u.auth().oid(),
            u.auth() == null ? null : new OctetString(u.authPassphrase().reveal()),
            u.priv() == null ? null : u.priv().oid(),
            u.priv() == null ? null : new OctetString(u.privPassphrase().reveal())));
    }

    /** An empty request PDU of the right class for the credentials' version. */
    public PDU newPdu(Credentials credentials) {
        switch (credentials.version()) {
            case V1:
                return new PDUv1();
            case V3: {
                ScopedPDU pdu = new ScopedPDU();
                pdu.setContextName(new OctetString(((Credentials.Usm) credentials).context()));
                return pdu;
            }
            default:
                return new PDU();
        }
    }

    public void send(PDU pdu, Target<UdpAddress> target, Object handle, ResponseListener listener) throws IOException {
        snmp.send(pdu, target, handle, listener);
    }

    /** Must be called from a listener once its response (or timeout) arrived, to free the request's state. */
    public void cancel(PDU request, ResponseListener listener) {
        snmp.cancel(request, listener);
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }
}
