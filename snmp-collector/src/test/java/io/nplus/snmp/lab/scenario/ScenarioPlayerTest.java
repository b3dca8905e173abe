package io.nplus.snmp.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.core.secret.Secret;
import io.nplus.core.time.VirtualClock;
import io.nplus.snmp.lab.LabAgent;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * Issue 8: what a device serves at given moments of a scenario, read over real SNMP from the lab agent while a
 * virtual clock moves.
 */
class ScenarioPlayerTest {
    static final OID UPTIME = new OID("1.3.6.1.2.1.1.3.0");
    static final OID DISK3_STATE = new OID("1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.3");
    static final OID DISK3_NAME = new OID("1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.2.3");
    static final OID IF2_IN_OCTETS = new OID("1.3.6.1.2.1.31.1.1.1.6.2");
    static final OID IF2_IN_ERRORS = new OID("1.3.6.1.2.1.2.2.1.14.2");
    static final OID IF2_OPER = new OID("1.3.6.1.2.1.2.2.1.8.2");
    static final OID IF3_IN_DISCARDS = new OID("1.3.6.1.2.1.2.2.1.13.3");
    static final OID IF2_MTU = new OID("1.3.6.1.2.1.2.2.1.4.2");
    static final long UPTIME_IN_WALK = 582623662L;

    static final String SCENARIO = """
        name: player
        duration: 3h
        devices:
          - {name: db1, walk: drac_r640}
        events:
          - {at: 10m, device: db1, set: {1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.3: 7}}
          - {at: 20m, device: db1, rate: {oid: 1.3.6.1.2.1.31.1.1.1.6.2, per_second: 1.1e8}}
          - {at: 20m, device: db1, set: {1.3.6.1.2.1.2.2.1.14.2: 4294967000}}
          - {at: 20m, device: db1, rate: {oid: 1.3.6.1.2.1.2.2.1.14.2, per_second: 100}}
          - {at: 30m, device: db1, ramp: {oid: 1.3.6.1.2.1.2.2.1.4.2, to: 9000, over: 30m}}
          - {at: 40m, device: db1, reboot: true}
          - {at: 50m, device: db1, silence: 5m}
          - {at: 60m, device: db1, flap: {oid: 1.3.6.1.2.1.2.2.1.8.2, values: [2, 1], every: 30s, until: 70m}}
          - {at: 80m, device: db1, remove: 1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1}
          - {at: 90m, device: db1, restore: 1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1}
        """;

    VirtualClock clock;
    Instant start;
    ScenarioPlayer player;
    LabAgent agent;
    SnmpClient client;

    @BeforeEach
    void start() throws Exception {
        start = Instant.parse("2026-11-21T00:00:00Z");
        clock = new VirtualClock(start);
        player = new ScenarioPlayer(Walks.parse(SCENARIO));
        player.moveTo(Duration.ZERO);
        agent = LabAgent.start(LabAgent.Options.loopback(0), player.devices());
        client = SnmpClient.open(SnmpClient.Options.defaults().withBindAddress("127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        agent.close();
    }

    /** Moves the clock to {@code offset} into the scenario and the devices with it; the events that took effect. */
    List<ScenarioEvent> at(Duration offset) {
        clock.advanceTo(start.plus(offset));
        return player.moveTo(Duration.between(start, clock.instant()));
    }

    Variable get(OID oid) throws Exception {
        PDU r = ask(oid);
        assertThat(r).as("an answer for " + oid).isNotNull();
        return r.get(0).getVariable();
    }

    PDU ask(OID oid) throws Exception {
        Credentials c = Credentials.community(Credentials.Version.V2C, Secret.of("db1"));
        Target<UdpAddress> t = client.target(InetAddress.getLoopbackAddress(), agent.port(), c, Duration.ofMillis(300), 0);
        PDU pdu = client.newPdu(c);
        pdu.setType(PDU.GET);
        pdu.add(new VariableBinding(oid));
        CompletableFuture<PDU> answer = new CompletableFuture<>();
        client.send(pdu, t, null, new ResponseListener() {
            @Override
            public <A extends Address> void onResponse(ResponseEvent<A> event) {
                client.cancel(event.getRequest(), this);
                answer.complete(event.getResponse());
            }
        });
        return answer.get(5, TimeUnit.SECONDS);
    }

    @Test
    void setKeepsTheWalksTypeFromItsMomentOn() throws Exception {
        assertThat(get(DISK3_STATE)).isEqualTo(new Integer32(3));
        assertThat(at(Duration.ofMinutes(10).minusSeconds(1))).isEmpty();
        assertThat(get(DISK3_STATE)).isEqualTo(new Integer32(3));
        assertThat(at(Duration.ofMinutes(10))).extracting(ScenarioEvent::describe)
            .containsExactly("db1 set 1.3.6.1.4.1.674.10892.5.5.1.20.130.4.1.4.3 = 7");
        assertThat(get(DISK3_STATE)).isEqualTo(new Integer32(7));
        at(Duration.ofMinutes(15));
        assertThat(get(DISK3_STATE)).isEqualTo(new Integer32(7));
    }

    @Test
    void uptimeAdvancesWithTheClockAndUntouchedCountersStayConstant() throws Exception {
        Variable discards = get(IF3_IN_DISCARDS);
        assertThat(discards).isEqualTo(new Counter32(419868));
        at(Duration.ofMinutes(5));
        assertThat(get(UPTIME)).isEqualTo(new TimeTicks(UPTIME_IN_WALK + 300 * 100));
        assertThat(get(IF3_IN_DISCARDS)).isEqualTo(discards);
    }

    @Test
    void rateAdvancesACounterAndCounter32WrapsAt2To32() throws Exception {
        long octets = ((Counter64) get(IF2_IN_OCTETS)).getValue();
        at(Duration.ofMinutes(20));
        assertThat(get(IF2_IN_OCTETS)).isEqualTo(new Counter64(octets));
        assertThat(get(IF2_IN_ERRORS)).isEqualTo(new Counter32(4294967000L));
        at(Duration.ofMinutes(20).plusSeconds(2));
        assertThat(get(IF2_IN_OCTETS)).isEqualTo(new Counter64(octets + 220_000_000L));
        assertThat(get(IF2_IN_ERRORS)).isEqualTo(new Counter32(4294967200L));
        at(Duration.ofMinutes(20).plusSeconds(10));
        assertThat(get(IF2_IN_ERRORS)).isEqualTo(new Counter32(704)); // 4294968000 - 2^32
    }

    @Test
    void rampMovesAGaugeLinearlyThenHolds() throws Exception {
        assertThat(get(IF2_MTU)).isEqualTo(new Integer32(1500));
        at(Duration.ofMinutes(30));
        assertThat(get(IF2_MTU)).isEqualTo(new Integer32(1500));
        at(Duration.ofMinutes(45));
        assertThat(get(IF2_MTU)).isEqualTo(new Integer32(5250));
        at(Duration.ofMinutes(70));
        assertThat(get(IF2_MTU)).isEqualTo(new Integer32(9000));
    }

    @Test
    void rebootRestartsUptimeAndEveryCounterFromZero() throws Exception {
        at(Duration.ofMinutes(39));
        assertThat(((Counter64) get(IF2_IN_OCTETS)).getValue()).isGreaterThan(100_000_000_000L);
        at(Duration.ofMinutes(40));
        assertThat(get(UPTIME)).isEqualTo(new TimeTicks(0));
        assertThat(get(IF3_IN_DISCARDS)).isEqualTo(new Counter32(0));
        assertThat(get(IF2_IN_OCTETS)).isEqualTo(new Counter64(0));
        at(Duration.ofMinutes(41));
        assertThat(get(UPTIME)).isEqualTo(new TimeTicks(6000));
        assertThat(get(IF2_IN_OCTETS)).isEqualTo(new Counter64(60 * 110_000_000L)); // its rate goes on
        assertThat(get(IF3_IN_DISCARDS)).isEqualTo(new Counter32(0));
    }

    @Test
    void silenceStopsAnsweringForItsLength() throws Exception {
        at(Duration.ofMinutes(50));
        assertThat(ask(UPTIME)).as("no answer while silent").isNull();
        at(Duration.ofMinutes(54).plusSeconds(59));
        assertThat(ask(UPTIME)).isNull();
        at(Duration.ofMinutes(55));
        assertThat(get(UPTIME)).isEqualTo(new TimeTicks(15 * 60 * 100));
    }

    @Test
    void flapAlternatesEachPeriodUntilItsEndThenReturnsToTheValueBefore() throws Exception {
        assertThat(get(IF2_OPER)).isEqualTo(new Integer32(1));
        at(Duration.ofMinutes(60));
        assertThat(get(IF2_OPER)).isEqualTo(new Integer32(2));
        at(Duration.ofMinutes(60).plusSeconds(30));
        assertThat(get(IF2_OPER)).isEqualTo(new Integer32(1));
        at(Duration.ofMinutes(60).plusSeconds(65));
        assertThat(get(IF2_OPER)).isEqualTo(new Integer32(2));
        at(Duration.ofMinutes(70));
        assertThat(get(IF2_OPER)).isEqualTo(new Integer32(1));
    }

    @Test
    void removeDropsTheSubtreeAndRestoreBringsItBack() throws Exception {
        assertThat(get(DISK3_NAME)).isInstanceOf(OctetString.class);
        at(Duration.ofMinutes(80));
        assertThat(get(DISK3_NAME)).isEqualTo(Null.noSuchObject);
        assertThat(get(DISK3_STATE)).isEqualTo(Null.noSuchObject);
        at(Duration.ofMinutes(90));
        assertThat(get(DISK3_NAME)).isInstanceOf(OctetString.class);
        assertThat(get(DISK3_STATE)).isEqualTo(new Integer32(7)); // the set of +10m still holds
    }

    @Test
    void goingBackInTimeStartsTheScenarioOverAndReportsItsEventsAgain() {
        assertThat(at(Duration.ofMinutes(25))).hasSize(4);
        assertThat(player.moveTo(Duration.ofMinutes(12), Duration.ofMinutes(200))).hasSize(1);
        assertThat(player.nextEventAfter(Duration.ofMinutes(12))).isEqualTo(Duration.ofMinutes(20));
        assertThat(player.nextChangeAfter(Duration.ofMinutes(52))).isEqualTo(Duration.ofMinutes(55));
    }
}
