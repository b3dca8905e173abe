package io.nplus.snmp.testing;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.snmp.lab.LabAgent;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * An agent that misbehaves on purpose (reliability test plan T11–T16): each request goes to a {@link Handler}
 * that may answer, answer wrongly, answer late, or not at all. v1 and v2c, any community.
 *
 * <pre>{@code
 * try (FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1))) { ... }
 * }</pre>
 */
public final class FakeAgent implements Closeable, CommandResponder {
    /** Decides the answer to one request; null drops it. */
    @FunctionalInterface
    public interface Handler {
        PDU answer(PDU request, boolean v1);
    }

    private final Snmp snmp;
    private final DefaultUdpTransportMapping transport;
    private final Handler handler;
    private final long delayMillis;
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger requests = new AtomicInteger();

    private FakeAgent(Snmp snmp, DefaultUdpTransportMapping transport, Handler handler, long delayMillis) {
        this.snmp = snmp;
        this.transport = transport;
        this.handler = handler;
        this.delayMillis = delayMillis;
    }

    public static FakeAgent start(Handler handler) throws IOException {
        return start(handler, 0);
    }

    /** An agent whose every answer leaves {@code delayMillis} late. */
    public static FakeAgent start(Handler handler, long delayMillis) throws IOException {
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(
            new UdpAddress(InetAddress.getLoopbackAddress(), 0), false);
        Snmp snmp = new Snmp(dispatcher, transport);
        FakeAgent agent = new FakeAgent(snmp, transport, handler, delayMillis);
        snmp.addCommandResponder(agent);
        snmp.listen();
        return agent;
    }

    /** What a correct agent answers from {@code data}. */
    public static PDU serve(PDU request, MibSnapshot data, boolean v1) {
        return LabAgent.answer(request, data, v1, 65000);
    }

    public int port() {
        return transport.getListenAddress().getPort();
    }

    /** Requests received so far, answered or not. */
    public int requests() {
        return requests.get();
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        event.setProcessed(true);
        requests.incrementAndGet();
        PDU response = handler.answer(event.getPDU(), event.getMessageProcessingModel() == MPv1.ID);
        if (response == null) {
            return;
        }
        Runnable send = () -> {
            try {
                event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
                    event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
                    event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
            } catch (MessageException e) {
                throw new IllegalStateException(e);
            }
        };
        if (delayMillis > 0) {
            delayer.schedule(send, delayMillis, TimeUnit.MILLISECONDS);
        } else {
            send.run();
        }
    }

    @Override
    public void close() throws IOException {
        delayer.shutdownNow();
        snmp.close();
    }
}
