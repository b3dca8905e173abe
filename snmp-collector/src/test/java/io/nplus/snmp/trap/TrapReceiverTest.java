package io.nplus.snmp.trap;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.core.secret.Secret;
import io.nplus.core.time.VirtualClock;
import io.nplus.mibs.trap.TrapCatalog;
import io.nplus.snmp.session.AuthProtocol;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.PrivProtocol;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/** Issue 9: the receiver accepts what the allow-list allows, drops and counts the rest, never throws. */
class TrapReceiverTest {
    static final String COMMUNITY = "canary-TRAP-5d1e";
    static final Credentials V2 = Credentials.community(Credentials.Version.V2C, Secret.of(COMMUNITY));
    static final Credentials.Usm V3 = (Credentials.Usm) Credentials.usm("trapper", AuthProtocol.SHA256,
        Secret.of("auth-pass-1"), PrivProtocol.AES128, Secret.of("priv-pass-1"));

    final BlockingQueue<ReceivedTrap> events = new LinkedBlockingQueue<>();
    TrapReceiver rx;

    TrapReceiver start(TrapReceiver.Options options, Clock clock, Consumer<ReceivedTrap> sink) throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        rx = TrapReceiver.start(options, AllowList.of(List.of(new TrapSender("sw1", lo, V2), new TrapSender("sw1", lo, V3))),
            TrapCatalog.of(List.of()), clock, sink);
        return rx;
    }

    TrapReceiver start() throws IOException {
        return start(TrapReceiver.Options.defaults(new InetSocketAddress("127.0.0.1", 0)), Clock.systemUTC(), events::add);
    }

    @AfterEach
    void stop() throws IOException {
        if (rx != null) {
            rx.close();
        }
    }

    ReceivedTrap next() throws InterruptedException {
        ReceivedTrap t = events.poll(10, TimeUnit.SECONDS);
        assertThat(t).as("a trap event within 10s").isNotNull();
        return t;
    }

    /** Waits (bounded) until the receiver has read n datagrams and decided on each. */
    TrapCounters.Snapshot settled(long n) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            TrapCounters.Snapshot s = rx.counters();
            if (s.read() >= n && s.accepted() + s.droppedTotal() + s.engineReports() >= n) {
                return s;
            }
            Thread.sleep(10);
        }
        return rx.counters();
    }

    @Test
    void v2cTrapFromATargetWithItsCommunityBecomesAnEvent() throws Exception {
        start();
        try (Sender s = new Sender("127.0.0.1", rx.localAddress())) {
            s.v2c(COMMUNITY, Sender.linkDown(3));
        }
        ReceivedTrap t = next();
        assertThat(t.device()).isEqualTo("sw1");
        assertThat(t.source()).isEqualTo("127.0.0.1");
        assertThat(t.version()).isEqualTo("2c");
        assertThat(t.inform()).isFalse();
        assertThat(t.notification().trapOid()).isEqualTo(Sender.LINK_DOWN);
        assertThat(t.notification().uptimeTicks()).isEqualTo(4200);
        assertThat(t.notification().payload()).extracting(VariableBinding::getOid)
            .containsExactly(new OID("1.3.6.1.2.1.2.2.1.1.3"));
        assertThat(t.meaning().name()).isEqualTo("1.3.6.1.6.3.1.1.5.3"); // this catalog maps nothing
        assertThat(rx.counters().received()).containsEntry("1.3.6.1.6.3.1.1.5.3", 1L);
    }

    @Test
    void v1TrapIsTranslatedAsRfc3584Says() throws Exception {
        start();
        try (Sender s = new Sender("127.0.0.1", rx.localAddress())) {
            s.v1LinkDown(COMMUNITY, 7);
        }
        ReceivedTrap t = next();
        assertThat(t.version()).isEqualTo("1");
        assertThat(t.notification().trapOid()).isEqualTo(Sender.LINK_DOWN);
        assertThat(t.notification().payload()).extracting(vb -> vb.getOid().toDottedString() + "=" + vb.getVariable())
            .containsExactly("1.3.6.1.2.1.2.2.1.1.7=7", "1.3.6.1.6.3.18.1.3.0=192.0.2.7",
                "1.3.6.1.6.3.1.1.4.3.0=1.3.6.1.4.1.8072.3.2.10");
        assertThat(t.notification().payload().toString()).doesNotContain(COMMUNITY);
    }

    @Test
    void informIsAcknowledgedWhenAcceptedAndNotWhenItsCommunityIsWrong() throws Exception {
        start();
        try (Sender s = new Sender("127.0.0.1", rx.localAddress())) {
            PDU answer = s.inform(COMMUNITY, 5, 5000);
            assertThat(answer).as("the inform's acknowledgement").isNotNull();
            assertThat(answer.getType()).isEqualTo(PDU.RESPONSE);
            assertThat(next().inform()).isTrue();
            assertThat(s.inform("wrong-community", 5, 300)).as("no answer to a wrong community").isNull();
        }
        TrapCounters.Snapshot c = settled(2);
        assertThat(c.dropped(DropReason.BAD_COMMUNITY)).isEqualTo(1);
        assertThat(c.accepted()).isEqualTo(1);
    }

    @Test
    void v3AuthPrivTrapOfTheTargetsUserIsAcceptedOthersAreDroppedByReason() throws Exception {
        start();
        try (Sender s = new Sender("127.0.0.1", rx.localAddress())) {
            s.v3("trapper", AuthProtocol.SHA256, "auth-pass-1", PrivProtocol.AES128, "priv-pass-1", 9);
            ReceivedTrap t = next();
            assertThat(t.version()).isEqualTo("3");
            assertThat(t.notification().payload().get(0).getVariable().toInt()).isEqualTo(9);
            s.v3("stranger", AuthProtocol.SHA256, "auth-pass-1", PrivProtocol.AES128, "priv-pass-1", 9);
            s.v3("trapper", AuthProtocol.SHA256, "wrong-pass-1", PrivProtocol.AES128, "priv-pass-1", 9);
            s.v3("trapper", AuthProtocol.SHA256, "auth-pass-1", null, null, 9); // authNoPriv for an authPriv user
        }
        TrapCounters.Snapshot c = settled(4);
        assertThat(c.accepted()).isEqualTo(1);
        assertThat(c.dropped(DropReason.UNKNOWN_USER)).isEqualTo(1);
        assertThat(c.dropped(DropReason.BAD_AUTH)).isEqualTo(2);
        assertThat(events).isEmpty();
    }

    @Test
    void anotherSourceOrAnotherCommunityIsDroppedAndCounted() throws Exception {
        start();
        try (Sender other = new Sender("127.0.0.2", rx.localAddress()); Sender s = new Sender("127.0.0.1", rx.localAddress())) {
            other.v2c(COMMUNITY, Sender.linkDown(1));
            s.v2c("public", Sender.linkDown(1));
            s.v1LinkDown("public", 1);
        }
        TrapCounters.Snapshot c = settled(3);
        assertThat(c.dropped(DropReason.UNKNOWN_SOURCE)).isEqualTo(1);
        assertThat(c.dropped(DropReason.BAD_COMMUNITY)).isEqualTo(2);
        assertThat(c.accepted()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void malformedAndTruncatedDatagramsAreCountedAndTheReceiverGoesOn() throws Exception {
        start();
        byte[] valid = captured();
        List<byte[]> bad = new ArrayList<>();
        for (int cut : new int[] {1, 2, 5, 10, valid.length / 2, valid.length - 1}) {
            bad.add(Arrays.copyOf(valid, cut));
        }
        bad.add(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02, 0x01, 0x01}); // huge length
        bad.add("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        bad.add(new byte[] {0x30, 0x03, 0x02, 0x01, 0x09}); // SNMP version 9
        bad.add(new byte[0]);
        Sender.raw("127.0.0.1", rx.localAddress(), bad);
        try (Sender s = new Sender("127.0.0.1", rx.localAddress())) {
            PDU noTrapOid = new PDU();
            noTrapOid.setType(PDU.TRAP);
            noTrapOid.add(new VariableBinding(new OID("1.3.6.1.2.1.1.5.0"), new org.snmp4j.smi.OctetString("x")));
            s.v2c(COMMUNITY, noTrapOid);
            PDU get = new PDU();
            get.setType(PDU.GET);
            get.add(new VariableBinding(new OID("1.3.6.1.2.1.1.5.0")));
            s.v2c(COMMUNITY, get);
        }
        Sender.raw("127.0.0.1", rx.localAddress(), List.of(valid)); // and a good one still gets through
        assertThat(next().notification().trapOid()).isEqualTo(Sender.LINK_DOWN);
        long sent = bad.size() + 3;
        TrapCounters.Snapshot c = settled(sent);
        assertThat(c.read()).isEqualTo(sent);
        assertThat(c.dropped(DropReason.MALFORMED)).isEqualTo(bad.size() + 1);
        assertThat(c.dropped(DropReason.NOT_A_NOTIFICATION)).isEqualTo(1);
        assertThat(c.accepted()).isEqualTo(1);
    }

    /** A real v2c linkDown as SNMP4J encodes it, caught on a plain socket. */
    byte[] captured() throws IOException {
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             Sender s = new Sender("127.0.0.1", (InetSocketAddress) sink.getLocalSocketAddress())) {
            sink.setSoTimeout(5000);
            s.v2c(COMMUNITY, Sender.linkDown(3));
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            sink.receive(p);
            return Arrays.copyOf(p.getData(), p.getLength());
        }
    }

    @Test
    void aSourceBeyondItsRateIsDroppedBeforeDecoding() throws Exception {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-11-21T12:00:00Z"));
        start(TrapReceiver.Options.defaults(new InetSocketAddress("127.0.0.1", 0)).withLimits(100, 1, 5), clock, events::add);
        try (Sender s = new Sender("127.0.0.1", rx.localAddress())) {
            for (int i = 0; i < 8; i++) {
                s.v2c(COMMUNITY, Sender.linkDown(i));
            }
            settled(8);
            clock.advance(java.time.Duration.ofSeconds(2)); // two tokens back
            for (int i = 0; i < 3; i++) {
                s.v2c(COMMUNITY, Sender.linkDown(i));
            }
        }
        TrapCounters.Snapshot c = settled(11);
        assertThat(c.accepted()).isEqualTo(7);
        assertThat(c.dropped(DropReason.RATE_LIMITED)).isEqualTo(4);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        CountDownLatch inSink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(TrapReceiver.Options.defaults(new InetSocketAddress("127.0.0.1", 0)).withLimits(2, 1000, 1000),
            Clock.systemUTC(), t -> {
                inSink.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                events.add(t);
            });
        try (Sender s = new Sender("127.0.0.1", rx.localAddress())) {
            s.v2c(COMMUNITY, Sender.linkDown(1));
            assertThat(inSink.await(10, TimeUnit.SECONDS)).isTrue(); // the processing thread holds the first
            for (int i = 2; i <= 5; i++) {
                s.v2c(COMMUNITY, Sender.linkDown(i));
            }
            TrapCounters.Snapshot c = settled(5);
            assertThat(c.accepted()).isEqualTo(3);
            assertThat(c.dropped(DropReason.QUEUE_FULL)).isEqualTo(2);
        } finally {
            release.countDown();
        }
        assertThat(List.of(next(), next(), next())).extracting(t -> t.notification().payload().get(0).getVariable().toInt())
            .containsExactly(1, 2, 3);
    }

    @Test
    void aReloadedAllowListTakesEffect() throws Exception {
        start();
        rx.setAllowList(AllowList.of(List.of(new TrapSender("sw2", InetAddress.getByName("127.0.0.2"), V2))));
        try (Sender a = new Sender("127.0.0.1", rx.localAddress()); Sender b = new Sender("127.0.0.2", rx.localAddress())) {
            a.v2c(COMMUNITY, Sender.linkDown(1));
            b.v2c(COMMUNITY, Sender.linkDown(2));
        }
        assertThat(next().device()).isEqualTo("sw2");
        assertThat(settled(2).dropped(DropReason.UNKNOWN_SOURCE)).isEqualTo(1);
    }

    @Test
    void aPortInUseIsAnErrorNamingTheAddress() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress at = (InetSocketAddress) taken.getLocalSocketAddress();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrapReceiver.start(TrapReceiver.Options.defaults(at),
                    AllowList.empty(), TrapCatalog.of(List.of()), Clock.systemUTC(), t -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot receive traps on udp 127.0.0.1:" + at.getPort() + ": ");
        }
    }

    @Test
    void senderEngineIdsCannotGrowTheUsmWithoutBound() throws Exception {
        start(TrapReceiver.Options.defaults(new InetSocketAddress("127.0.0.1", 0)).withMaxLocalizedKeys(3),
            Clock.systemUTC(), events::add);
        for (int i = 0; i < 10; i++) {
            try (Sender s = new Sender("127.0.0.1", rx.localAddress())) { // a new engine ID each time
                s.v3("trapper", AuthProtocol.SHA256, "auth-pass-1", PrivProtocol.AES128, "priv-pass-1", i);
                next();
            }
            assertThat(rx.usmTableSize()).isLessThanOrEqualTo(1 + 3 + 1);
        }
        assertThat(rx.counters().accepted()).isEqualTo(10);
    }
}
