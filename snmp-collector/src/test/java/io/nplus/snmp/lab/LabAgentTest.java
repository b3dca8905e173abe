package io.nplus.snmp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.core.secret.Secret;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import io.nplus.mibs.testdata.TestData;
import io.nplus.snmp.session.AuthProtocol;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.PrivProtocol;
import io.nplus.snmp.session.SnmpClient;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/** Issue 2: the lab agent answers as RFC 3416 (and RFC 3584 for v1) says, over real UDP. */
class LabAgentTest {
    static LabAgent agent;
    static SnmpClient client;
    static MibSnapshot allTypes;

    static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
    static final OID COUNTER64 = new OID("1.3.6.1.4.1.99999.1.13.0");

    @BeforeAll
    static void start() throws Exception {
        allTypes = Snmprec.read(TestData.special("all-types"));
        Map<String, LabDevice> devices = new LinkedHashMap<>();
        devices.put("all-types", new LabDevice("all-types", allTypes));
        devices.put("linux", new LabDevice("linux", TestData.read("linux")));
        agent = LabAgent.start(LabAgent.Options.loopback(0), devices);
        client = SnmpClient.open(SnmpClient.Options.defaults().withBindAddress("127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        agent.close();
    }

    static Credentials v2(String community) {
        return Credentials.community(Credentials.Version.V2C, Secret.of(community));
    }

    static Credentials v1(String community) {
        return Credentials.community(Credentials.Version.V1, Secret.of(community));
    }

    /** Sends one request; the answer, or null on timeout. */
    static PDU ask(Credentials c, int type, OID... oids) throws Exception {
        return ask(c, type, 0, 0, oids);
    }

    static PDU ask(Credentials c, int type, int nonRepeaters, int maxRepetitions, OID... oids) throws Exception {
        Target<UdpAddress> t = client.target(InetAddress.getLoopbackAddress(), agent.port(), c, Duration.ofMillis(300), 0);
        PDU pdu = client.newPdu(c);
        pdu.setType(type);
        if (type == PDU.GETBULK) {
            pdu.setNonRepeaters(nonRepeaters);
            pdu.setMaxRepetitions(maxRepetitions);
        }
        for (OID o : oids) {
            pdu.add(new VariableBinding(o));
        }
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

    @Nested
    class V2c {
        @Test
        void getReturnsTheRecordedValueWithItsType() throws Exception {
            PDU r = ask(v2("all-types"), PDU.GET, COUNTER64, new OID("1.3.6.1.4.1.99999.1.12.0"));
            assertThat(r.getErrorStatus()).isZero();
            assertThat(r.get(0).getVariable()).isEqualTo(new Counter64(-1L));
            assertThat(r.get(1).getVariable()).isInstanceOf(Opaque.class);
        }

        @Test
        void missingInstanceOfAKnownObjectIsNoSuchInstanceElseNoSuchObject() throws Exception {
            PDU r = ask(v2("all-types"), PDU.GET, new OID("1.3.6.1.2.1.1.1"), new OID("1.3.6.1.2.1.1.9.0"),
                new OID("1.3.6.1.4.1.99999.2.1.1.7"));
            assertThat(r.get(0).getVariable()).isEqualTo(Null.noSuchInstance); // sysDescr without .0
            assertThat(r.get(1).getVariable()).isEqualTo(Null.noSuchObject);
            assertThat(r.get(2).getVariable()).isEqualTo(Null.noSuchInstance);
        }

        @Test
        void getNextFollowsOidOrderNotFileOrder() throws Exception {
            List<OID> walked = new ArrayList<>();
            OID at = new OID("1.3.6.1.2.1.1");
            while (true) {
                PDU r = ask(v2("all-types"), PDU.GETNEXT, at);
                VariableBinding vb = r.get(0);
                if (vb.getVariable().isException()) {
                    assertThat(vb.getVariable()).isEqualTo(Null.endOfMibView);
                    break;
                }
                walked.add(vb.getOid());
                at = vb.getOid();
            }
            List<OID> expected = new ArrayList<>();
            for (int i = 0; i < allTypes.size(); i++) {
                expected.add(allTypes.oid(i));
            }
            assertThat(walked).isEqualTo(expected); // the file lists sysName before sysDescr
        }

        @Test
        void getBulkHonoursNonRepeatersAndStopsAtTheEnd() throws Exception {
            PDU r = ask(v2("all-types"), PDU.GETBULK, 1, 50, new OID("1.3.6.1.2.1.1"), new OID("1.3.6.1.4.1.99999.2.1.2"));
            assertThat(r.get(0).getOid()).isEqualTo(SYS_DESCR); // the non-repeater: one GETNEXT
            assertThat(r.get(1).getOid()).isEqualTo(new OID("1.3.6.1.4.1.99999.2.1.2.1"));
            assertThat(r.get(2).getOid()).isEqualTo(new OID("1.3.6.1.4.1.99999.2.1.2.2"));
            assertThat(r.get(r.size() - 1).getVariable()).isEqualTo(Null.endOfMibView);
            assertThat(r.size()).isEqualTo(4);
        }

        @Test
        void setIsRefusedAsNotWritable() throws Exception {
            Target<UdpAddress> t = client.target(InetAddress.getLoopbackAddress(), agent.port(), v2("linux"), Duration.ofMillis(300), 0);
            PDU pdu = client.newPdu(v2("linux"));
            pdu.setType(PDU.SET);
            pdu.add(new VariableBinding(SYS_DESCR, new Integer32(1)));
            CompletableFuture<PDU> answer = new CompletableFuture<>();
            client.send(pdu, t, null, new ResponseListener() {
                @Override
                public <A extends Address> void onResponse(ResponseEvent<A> event) {
                    client.cancel(event.getRequest(), this);
                    answer.complete(event.getResponse());
                }
            });
            assertThat(answer.get(5, TimeUnit.SECONDS).getErrorStatus()).isEqualTo(SnmpConstants.SNMP_ERROR_NOT_WRITEABLE);
        }

        @Test
        void unknownCommunityGetsNoAnswer() throws Exception {
            long dropped = agent.requestsDropped();
            assertThat(ask(v2("no-such-walk"), PDU.GET, SYS_DESCR)).isNull();
            assertThat(agent.requestsDropped()).isGreaterThan(dropped);
        }
    }

    @Nested
    class V1 {
        @Test
        void missingInstanceIsNoSuchNameWithItsIndex() throws Exception {
            PDU r = ask(v1("all-types"), PDU.GET, SYS_DESCR, new OID("1.3.6.1.2.1.1.9.0"));
            assertThat(r.getErrorStatus()).isEqualTo(SnmpConstants.SNMP_ERROR_NO_SUCH_NAME);
            assertThat(r.getErrorIndex()).isEqualTo(2);
        }

        @Test
        void counter64CannotBeCarriedSoGetFailsAndGetNextSkipsIt() throws Exception {
            PDU get = ask(v1("all-types"), PDU.GET, COUNTER64);
            assertThat(get.getErrorStatus()).isEqualTo(SnmpConstants.SNMP_ERROR_NO_SUCH_NAME);
            PDU next = ask(v1("all-types"), PDU.GETNEXT, new OID("1.3.6.1.4.1.99999.1.12.0"));
            // .13 and .14 are Counter64: the next value v1 can carry is .15.
            assertThat(next.get(0).getOid()).isEqualTo(new OID("1.3.6.1.4.1.99999.1.15.0"));
        }

        @Test
        void getNextPastTheEndIsNoSuchName() throws Exception {
            PDU r = ask(v1("all-types"), PDU.GETNEXT, new OID("1.3.6.1.4.1.99999.9"));
            assertThat(r.getErrorStatus()).isEqualTo(SnmpConstants.SNMP_ERROR_NO_SUCH_NAME);
            assertThat(r.getErrorIndex()).isEqualTo(1);
        }
    }

    @Test
    void getBulkAnswerIsCutToTheResponseSizeAndStaysUsable() throws Exception {
        try (LabAgent small = LabAgent.start(LabAgent.Options.loopback(0).withMaxResponseBytes(700),
                Map.of("linux", new LabDevice("linux", TestData.read("linux"))))) {
            Target<UdpAddress> t = client.target(InetAddress.getLoopbackAddress(), small.port(), v2("linux"),
                Duration.ofMillis(500), 0);
            PDU pdu = client.newPdu(v2("linux"));
            pdu.setType(PDU.GETBULK);
            pdu.setMaxRepetitions(200);
            pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.25.3.2.1")));
            CompletableFuture<PDU> answer = new CompletableFuture<>();
            client.send(pdu, t, null, new ResponseListener() {
                @Override
                public <A extends Address> void onResponse(ResponseEvent<A> event) {
                    client.cancel(event.getRequest(), this);
                    answer.complete(event.getResponse());
                }
            });
            PDU r = answer.get(5, TimeUnit.SECONDS);
            assertThat(r.getErrorStatus()).isZero();
            assertThat(r.size()).isBetween(5, 199);
            assertThat(r.getBERLength()).isLessThanOrEqualTo(700);
        }
    }

    @Test
    void silencedDeviceDropsRequestsAndReplacedDataIsServedNext() throws Exception {
        LabDevice linux = agent.devices().get("linux");
        MibSnapshot original = linux.data();
        try {
            linux.silence(true);
            assertThat(ask(v2("linux"), PDU.GET, SYS_DESCR)).isNull();
            linux.silence(false);
            linux.replace(original.with(Map.of(SYS_DESCR, new org.snmp4j.smi.OctetString("changed"))));
            assertThat(ask(v2("linux"), PDU.GET, SYS_DESCR).get(0).getVariable().toString()).isEqualTo("changed");
        } finally {
            linux.silence(false);
            linux.replace(original);
        }
    }

    @Test
    void v3AuthPrivServesTheWalkNamedByTheContext() throws Exception {
        Credentials v3 = new Credentials.Usm("simulator", AuthProtocol.SHA256, Secret.of("auctoritas"),
            PrivProtocol.AES128, Secret.of("privatus"), "linux");
        PDU r = ask(v3, PDU.GET, SYS_DESCR);
        assertThat(r.get(0).getVariable().toString()).startsWith("Linux some.host.name");
        PDU wrongContext = ask(((Credentials.Usm) v3).withContext("nope"), PDU.GET, SYS_DESCR);
        assertThat(wrongContext).isNull();
    }
}
