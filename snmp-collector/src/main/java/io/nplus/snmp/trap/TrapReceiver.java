package io.nplus.snmp.trap;

import io.nplus.mibs.trap.TrapCatalog;
import io.nplus.mibs.trap.TrapInterpretation;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Receives SNMP traps and informs (v1, v2c, v3) on its own UDP socket and hands each accepted one, interpreted,
 * to a consumer on its own thread.
 *
 * <pre>{@code
 * try (TrapReceiver rx = TrapReceiver.start(TrapReceiver.Options.defaults(new InetSocketAddress("127.0.0.1", 1162)),
 *         AllowList.of(senders), TrapCatalog.builtIn(), Clock.systemUTC(), trap -> events.add(trap))) {
 *     rx.setAllowList(AllowList.of(newSenders));   // on reload
 * }
 * }</pre>
 *
 * <p>Two threads: the socket's listen thread reads, gates (allow-list, per-source token bucket), decodes, checks
 * credentials and offers to a bounded queue, never waiting; an inform is acknowledged only once it is queued. The
 * processing thread interprets and calls the consumer, so a slow consumer fills the queue (drops counted as
 * {@code queue_full}) rather than the socket. Neither thread touches polling or HTTP.
 */
public final class TrapReceiver implements Closeable {
    private static final Logger log = LoggerFactory.getLogger("nplus");

    /**
     * @param queueCapacity notifications waiting for the processing thread
     * @param ratePerSecond notifications a second one source may send on average
     * @param burst notifications one source may send at once
     * @param receiveBufferBytes the socket's receive buffer (what a burst queues in the kernel meanwhile)
     * @param maxLocalizedKeys SNMPv3 keys the USM may hold: it localises a user's keys once per sender engine ID,
     *                         so a sender that makes up engine IDs would grow the table without end; past this
     *                         many the table is rebuilt from the configured users
     */
    public record Options(InetSocketAddress listen, int queueCapacity, double ratePerSecond, int burst,
                          boolean allowWeakProtocols, int receiveBufferBytes, int maxLocalizedKeys) {
        public static Options defaults(InetSocketAddress listen) {
            return new Options(listen, 10_000, 100, 500, false, 4 << 20, 10_000);
        }

        public Options withLimits(int queue, double rate, int burstSize) {
            return new Options(listen, queue, rate, burstSize, allowWeakProtocols, receiveBufferBytes, maxLocalizedKeys);
        }

        public Options withWeakProtocols(boolean allow) {
            return new Options(listen, queueCapacity, ratePerSecond, burst, allow, receiveBufferBytes, maxLocalizedKeys);
        }

        public Options withMaxLocalizedKeys(int max) {
            return new Options(listen, queueCapacity, ratePerSecond, burst, allowWeakProtocols, receiveBufferBytes, max);
        }
    }

    private record Pending(Instant at, TrapSender sender, String source, String version, boolean inform,
                           Notification notification) {
    }

    private final Clock clock;
    private final TrapCatalog catalog;
    private final Consumer<ReceivedTrap> sink;
    private final TrapCounters counters = new TrapCounters();
    private final BlockingQueue<Pending> queue;
    private final TokenBuckets buckets;
    private final USM usm;
    private final TrapDispatcher dispatcher;
    private final DefaultUdpTransportMapping transport;
    private final Thread worker;
    private volatile AllowList allow = AllowList.empty();
    private volatile boolean running = true;
    private final int maxLocalizedKeys;
    private final java.util.concurrent.atomic.AtomicInteger usmEntries = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int configuredUsers;

    private TrapReceiver(Options options, TrapCatalog catalog, Clock clock, Consumer<ReceivedTrap> sink) throws IOException {
        this.clock = clock;
        this.catalog = catalog;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.buckets = new TokenBuckets(clock, options.ratePerSecond(), options.burst());
        this.maxLocalizedKeys = options.maxLocalizedKeys();
        this.dispatcher = new TrapDispatcher(counters, this::gate, this::boundUsm);
        CounterSupport mpCounters = new CounterSupport(); // not SNMP4J's singleton: these counters are this receiver's
        mpCounters.addCounterListener(dispatcher);
        SecurityProtocols protocols = SnmpClient.securityProtocols(options.allowWeakProtocols());
        byte[] engineId = MPv3.createLocalEngineID(new OctetString("nplus-t" + Long.toHexString(
            ThreadLocalRandom.current().nextLong())));
        this.usm = new USM(protocols, new OctetString(engineId), 0, mpCounters);
        usm.addUsmUserListener(e -> {
            if (e.getType() == org.snmp4j.event.UsmUserEvent.USER_ADDED) {
                usmEntries.incrementAndGet();
            }
        });
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineId, null, protocols,
            SecurityModels.getCollection(new SecurityModel[] {usm}), mpCounters));
        dispatcher.addCommandResponder(new Responder());
        this.transport = new DefaultUdpTransportMapping(new UdpAddress(options.listen().getAddress(),
            options.listen().getPort()), false);
        transport.setReceiveBufferSize(options.receiveBufferBytes());
        transport.setAsyncMsgProcessingSupported(false); // TrapDispatcher relies on one thread per datagram
        transport.addTransportListener(dispatcher);
        dispatcher.addTransportMapping(transport);
        this.worker = new Thread(this::process, "nplus-traps");
        worker.setDaemon(true);
    }

    /** Binds the socket (an IOException names the address: in use, or port 162 without the capability). */
    public static TrapReceiver start(Options options, AllowList allow, TrapCatalog catalog, Clock clock,
                                     Consumer<ReceivedTrap> sink) throws IOException {
        TrapReceiver rx;
        try {
            rx = new TrapReceiver(options, catalog, clock, sink); // binds the socket
            rx.setAllowList(allow);
            rx.transport.listen();
        } catch (IOException e) {
            int port = options.listen().getPort();
            throw new IOException("cannot receive traps on udp " + options.listen().getAddress().getHostAddress() + ":"
                + port + ": " + e.getMessage() + (port < 1024 && port > 0 ? " (a port below 1024 needs"
                + " CAP_NET_BIND_SERVICE, or listen on 1162 and redirect 162 to it)" : ""), e);
        }
        rx.worker.start();
        return rx;
    }

    /** Replaces who may send (a reload); sources no longer allowed lose their rate-limit state. */
    public synchronized void setAllowList(AllowList next) {
        Map<String, Credentials.Usm> users = next.users();
        usm.removeAllUsers();
        usmEntries.set(0);
        configuredUsers = users.size();
        for (Credentials.Usm u : users.values()) {
            usm.addUser(new UsmUser(new OctetString(u.user()),
                u.auth() == null ? null : u.auth().oid(),
                u.auth() == null ? null : new OctetString(u.authPassphrase().reveal()),
                u.priv() == null ? null : u.priv().oid(),
                u.priv() == null ? null : new OctetString(u.privPassphrase().reveal())));
        }
        allow = next;
        buckets.retain(new HashSet<>(next.senders().stream().map(TrapSender::address).toList()));
    }

    public AllowList allowList() {
        return allow;
    }

    public TrapCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /** Notifications waiting for the processing thread. */
    public int queued() {
        return queue.size();
    }

    /** Where the socket listens (the port, when the options asked for 0). */
    public InetSocketAddress localAddress() {
        UdpAddress a = transport.getListenAddress();
        return new InetSocketAddress(a.getInetAddress(), a.getPort());
    }

    /** After each datagram, on the listen thread: a USM grown past its bound starts again from the configured users. */
    private void boundUsm() {
        if (usmEntries.get() > maxLocalizedKeys + configuredUsers) {
            setAllowList(allow);
            log.warn("event=traps note=\"more than {} SNMPv3 sender engine IDs seen; localised keys dropped\"",
                maxLocalizedKeys);
        }
    }

    /** Entries in the USM's user table (configured users and their localised keys), for tests. */
    int usmTableSize() {
        return usm.getUserTable().getUserEntries().size();
    }

    /** Before decoding: only allowed sources, each within its rate. */
    private DropReason gate(InetAddress source) {
        if (!allow.knows(source)) {
            return DropReason.UNKNOWN_SOURCE;
        }
        return buckets.take(source) ? null : DropReason.RATE_LIMITED;
    }

    /** On the listen thread: check, queue, acknowledge. */
    private final class Responder implements CommandResponder {
        @Override
        public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
            event.setProcessed(true);
            PDU pdu = event.getPDU();
            if (pdu == null) {
                dispatcher.decide(DropReason.MALFORMED);
                return;
            }
            int type = pdu.getType();
            if (type != PDU.TRAP && type != PDU.V1TRAP && type != PDU.INFORM) {
                dispatcher.decide(DropReason.NOT_A_NOTIFICATION);
                return;
            }
            if (!(event.getPeerAddress() instanceof IpAddress peer)) {
                dispatcher.decide(DropReason.UNKNOWN_SOURCE);
                return;
            }
            AllowList.Verdict v = allow.check(peer.getInetAddress(), event.getMessageProcessingModel(),
                event.getSecurityName(), event.getSecurityLevel());
            if (!v.accepted()) {
                dispatcher.decide(v.reason());
                return;
            }
            Notification n;
            try {
                n = Notification.of(pdu);
            } catch (IllegalArgumentException e) {
                dispatcher.decide(DropReason.MALFORMED);
                return;
            }
            boolean inform = type == PDU.INFORM;
            Pending p = new Pending(clock.instant(), v.sender(), peer.getInetAddress().getHostAddress(),
                version(event.getMessageProcessingModel()), inform, n);
            dispatcher.decide(null); // counted before the processing thread can count it as processed
            if (!queue.offer(p)) {
                dispatcher.queueFull(); // an inform stays unacknowledged: the sender will retry
                return;
            }
            if (inform) {
                acknowledge(event);
            }
        }
    }

    private void acknowledge(CommandResponderEvent<?> event) {
        PDU response = (PDU) event.getPDU().clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(PDU.noError);
        response.setErrorIndex(0);
        try {
            dispatcher.returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                event.getStateReference(), new StatusInformation());
        } catch (MessageException e) {
            // Not the event's toString(): for v1/v2c its securityName is the community.
            log.warn("event=trap_ack source={} error=\"{}\"", event.getPeerAddress(), e.getMessage());
        }
    }

    private static String version(int messageProcessingModel) {
        return switch (messageProcessingModel) {
            case MPv1.ID -> "1";
            case MPv2c.ID -> "2c";
            default -> "3";
        };
    }

    /** The processing thread: interpret, count, hand on. */
    private void process() {
        while (running) {
            Pending p;
            try {
                p = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                TrapInterpretation meaning = catalog.interpret(p.notification().trapOid(), p.notification().payload());
                counters.processed(meaning.name());
                sink.accept(new ReceivedTrap(p.at(), p.sender().device(), p.source(), p.version(), p.inform(),
                    p.notification(), meaning));
            } catch (RuntimeException e) {
                // A mapping's or a consumer's defect: the trap is lost, the receiver goes on.
                log.warn("event=trap_error device={} source={} trap_oid={} error=\"{}\"", p.sender().device(), p.source(),
                    p.notification().trapOid(), e.toString());
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            transport.close();
        } finally {
            worker.interrupt();
            try {
                worker.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
