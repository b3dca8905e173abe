package io.nplus.snmp.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.PollStatus;
import io.nplus.core.model.WalkProblem;
import io.nplus.core.secret.Secret;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import io.nplus.snmp.testing.BlackHole;
import io.nplus.snmp.testing.FakeAgent;
import io.nplus.snmp.walk.WalkLimits;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/** Issue 2: polling one device over SNMP gives what interpreting its recording gives, and survives bad agents. */
class DevicePollerTest {
    static final Credentials V2 = Credentials.community(Credentials.Version.V2C, Secret.of("public"));
    static final DeviceInterpreter INTERPRETER = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()));
    static SnmpClient client;
    static DevicePoller poller;

    @BeforeAll
    static void open() throws Exception {
        client = SnmpClient.open(SnmpClient.Options.defaults().withBindAddress("127.0.0.1"));
        poller = new DevicePoller(client, INTERPRETER, Clock.systemUTC());
    }

    @AfterAll
    static void close() throws Exception {
        client.close();
    }

    static PollRequest request(int port, long timeoutMs, Duration deadline) {
        return new PollRequest("127.0.0.1:" + port, InetAddress.getLoopbackAddress(), port, V2,
            Duration.ofMillis(timeoutMs), 1, deadline, WalkLimits.defaults(), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux", "cirpack", "arista_eos", "vmware-esxi", "hpe-ilo_4"})
    void pollOverSnmpEqualsInterpretingTheRecording(String walk) throws Exception {
        MibSnapshot data = TestData.read(walk);
        try (FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1))) {
            DeviceSnapshot s = poller.poll(request(agent.port(), 2000, Duration.ofSeconds(30))).get(30, TimeUnit.SECONDS)
                .snapshot();
            DeviceInterpreter.DeviceHealth offline = INTERPRETER.interpret(data);
            assertThat(s.status()).isEqualTo(PollStatus.OK);
            assertThat(s.problems()).isEmpty();
            assertThat(s.system()).isEqualTo(offline.system());
            assertThat(s.profiles()).isEqualTo(offline.profiles());
            assertThat(s.components()).isEqualTo(offline.components());
            assertThat(s.varbinds()).isGreaterThan(0);
        }
    }

    @Test
    void onlyTheColumnsTheMatchedProfilesReadAreRequested() throws Exception {
        MibSnapshot data = TestData.read("linux");
        List<OID> asked = Collections.synchronizedList(new ArrayList<>());
        try (FakeAgent agent = FakeAgent.start((req, v1) -> {
            for (VariableBinding vb : req.getVariableBindings()) {
                asked.add(vb.getOid());
            }
            return FakeAgent.serve(req, data, v1);
        })) {
            DeviceSnapshot s = poller.poll(request(agent.port(), 2000, Duration.ofSeconds(30))).get(30, TimeUnit.SECONDS)
                .snapshot();
            assertThat(s.profiles()).containsExactly("snmpv2_mib", "host_resources");
            // hrSWRun, hrProcessorTable, hrPartition... are in the walk but no profile reads them.
            assertThat(asked).noneMatch(o -> o.startsWith(new OID("1.3.6.1.2.1.25.4")) || o.startsWith(new OID("1.3.6.1.2.1.25.3.3")));
            // IF-MIB was probed once (GETNEXT on ifDescr/ifName) and, absent, never walked.
            assertThat(asked.stream().filter(o -> o.startsWith(new OID("1.3.6.1.2.1.2.2.1.2")))).hasSize(1);
            assertThat(s.requests()).isLessThan(15);
        }
    }

    @Test
    void unreachableTargetIsReportedWithinTimeoutAndRetries() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            long t0 = System.nanoTime();
            DeviceSnapshot s = poller.poll(request(hole.port(), 300, Duration.ofSeconds(30))).get(10, TimeUnit.SECONDS)
                .snapshot();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(s.status()).isEqualTo(PollStatus.UNREACHABLE);
            assertThat(s.error()).contains("no answer within 300ms (2 tries)").contains("community is wrong");
            assertThat(s.components()).isEmpty();
            assertThat(ms).isBetween(550L, 3000L);
        }
    }

    @Test
    void brokenTableIsReportedWhileTheOtherTablesStillReport() throws Exception {
        MibSnapshot data = TestData.read("cirpack");
        OID ifDescr = new OID("1.3.6.1.2.1.2.2.1.2");
        try (FakeAgent agent = FakeAgent.start((req, v1) -> {
            PDU r = FakeAgent.serve(req, data, v1);
            if (req.getType() == PDU.GETBULK) {
                // Every ifDescr answer repeats the OID that was asked: a looping agent for that column.
                for (int i = 0; i < r.size(); i++) {
                    int col = i % req.size();
                    OID askedFor = req.get(col).getOid();
                    if (askedFor.startsWith(ifDescr) && !askedFor.equals(ifDescr)) {
                        r.set(i, new VariableBinding(askedFor, new Integer32(0)));
                    }
                }
            }
            return r;
        })) {
            DeviceSnapshot s = poller.poll(request(agent.port(), 2000, Duration.ofSeconds(30))).get(30, TimeUnit.SECONDS)
                .snapshot();
            assertThat(s.status()).isEqualTo(PollStatus.OK);
            assertThat(s.problems()).extracting(WalkProblem::reason).containsExactly("non_increasing_oid");
            assertThat(s.problems().get(0).what()).contains("ifDescr");
            // Interfaces are still there (named by ifName), and so is every storage component.
            assertThat(s.components()).filteredOn(c -> c.kind() == ComponentKind.INTERFACE).hasSize(9);
            assertThat(s.components()).filteredOn(c -> c.kind() == ComponentKind.STORAGE)
                .extracting(Component::name).contains("/home/omni/tickets", "Swap space");
        }
    }

    @Test
    void explainRecordsTheOidsBehindEachValue() throws Exception {
        MibSnapshot data = TestData.read("cirpack");
        try (FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1))) {
            PollRequest r = request(agent.port(), 2000, Duration.ofSeconds(30));
            PollResult result = poller.poll(new PollRequest(r.display(), r.host(), r.port(), r.credentials(), r.timeout(),
                r.retries(), r.deadline(), r.limits(), true)).get(30, TimeUnit.SECONDS);
            var dsk = result.explanations().stream().filter(e -> e.id().equals("dsk.3")).findFirst().orElseThrow();
            var health = dsk.steps().stream().filter(st -> st.what().startsWith("health rule")).findFirst().orElseThrow();
            assertThat(health.result()).isEqualTo("error");
            assertThat(health.reads()).containsExactly("dskErrorFlag.3 (1.3.6.1.4.1.2021.9.1.100.3) = error (1)");
        }
    }

    /** Issue 4: a steady device is not probed on every poll; a changed or rebooted one is. */
    @Test
    void aSteadyDeviceIsProbedOnceAndAChangedOneAgain() throws Exception {
        MibSnapshot data = TestData.read("cirpack");
        OID sysUpTime = new OID("1.3.6.1.2.1.1.3.0");
        OID sysObjectId = new OID("1.3.6.1.2.1.1.2.0");
        java.util.concurrent.atomic.AtomicReference<MibSnapshot> served = new java.util.concurrent.atomic.AtomicReference<>(data);
        List<Integer> types = Collections.synchronizedList(new ArrayList<>());
        try (FakeAgent agent = FakeAgent.start((req, v1) -> {
            types.add(req.getType());
            return FakeAgent.serve(req, served.get(), v1);
        })) {
            PollResult first = poller.poll(request(agent.port(), 2000, Duration.ofSeconds(30))).get(30, TimeUnit.SECONDS);
            assertThat(first.detection()).isNotNull();
            assertThat(first.detection().matched()).extracting(p -> p.id()).isEqualTo(first.snapshot().profiles());
            assertThat(types).contains(PDU.GETNEXT); // the probes

            // Later, same device, uptime moved on: no probes, same answer in fewer requests.
            long ticks = ((org.snmp4j.smi.TimeTicks) data.get(sysUpTime)).getValue();
            served.set(data.with(java.util.Map.of(sysUpTime, new org.snmp4j.smi.TimeTicks(ticks + 6000))));
            types.clear();
            PollResult second = poller.poll(withKnown(request(agent.port(), 2000, Duration.ofSeconds(30)),
                first.detection())).get(30, TimeUnit.SECONDS);
            assertThat(types).doesNotContain(PDU.GETNEXT);
            assertThat(second.snapshot().requests()).isLessThan(first.snapshot().requests());
            assertThat(second.snapshot().components()).isEqualTo(first.snapshot().components());
            assertThat(second.detection().detectedAt()).isEqualTo(first.detection().detectedAt());
            assertThat(second.detection().uptimeSeconds()).isEqualTo(first.detection().uptimeSeconds() + 60);

            // A reboot (uptime went back) or a new sysObjectID means it may be another device now: probe again.
            served.set(data.with(java.util.Map.of(sysUpTime, new org.snmp4j.smi.TimeTicks(100))));
            types.clear();
            PollResult rebooted = poller.poll(withKnown(request(agent.port(), 2000, Duration.ofSeconds(30)),
                second.detection())).get(30, TimeUnit.SECONDS);
            assertThat(types).contains(PDU.GETNEXT);
            assertThat(rebooted.detection().detectedAt()).isAfter(first.detection().detectedAt());

            served.set(data.with(java.util.Map.of(sysObjectId, new OID("1.3.6.1.4.1.9.1.1"))));
            types.clear();
            poller.poll(withKnown(request(agent.port(), 2000, Duration.ofSeconds(30)), first.detection()))
                .get(30, TimeUnit.SECONDS);
            assertThat(types).contains(PDU.GETNEXT);
        }
    }

    @Test
    void aDetectionExpiresAndAProblemPollForgetsIt() throws Exception {
        var sys = new io.nplus.mibs.vocab.SystemInfo("n", "Linux", "1.3.6.1.4.1.8072.3.2.10", 1000.0);
        java.time.Instant t0 = java.time.Instant.parse("2026-11-21T00:00:00Z");
        Detection d = new Detection("1.3.6.1.4.1.8072.3.2.10", "Linux", 1000.0, t0, List.of());
        assertThat(d.stillHolds(sys, t0.plusSeconds(60))).isTrue();
        assertThat(d.stillHolds(sys, t0.plus(Detection.MAX_AGE))).isFalse();
        assertThat(d.stillHolds(new io.nplus.mibs.vocab.SystemInfo("n", "Linux 6.1", sys.objectId(), 1060.0),
            t0.plusSeconds(60))).as("sysDescr changed: upgraded").isFalse();
        assertThat(d.stillHolds(new io.nplus.mibs.vocab.SystemInfo("n", "Linux", sys.objectId(), null),
            t0.plusSeconds(60))).as("uptime gone").isFalse();

        // A poll whose walk had a problem returns no detection, so the next one probes again.
        MibSnapshot data = TestData.read("cirpack");
        OID ifDescr = new OID("1.3.6.1.2.1.2.2.1.2");
        try (FakeAgent agent = FakeAgent.start((req, v1) -> {
            PDU r = FakeAgent.serve(req, data, v1);
            if (req.getType() == PDU.GETBULK && req.getVariableBindings().stream().anyMatch(vb -> vb.getOid().startsWith(ifDescr))) {
                r.setErrorStatus(PDU.genErr);
                r.setErrorIndex(1);
            }
            return r;
        })) {
            PollResult r = poller.poll(request(agent.port(), 2000, Duration.ofSeconds(30))).get(30, TimeUnit.SECONDS);
            assertThat(r.snapshot().problems()).isNotEmpty();
            assertThat(r.detection()).isNull();
        }
    }

    private static PollRequest withKnown(PollRequest r, Detection known) {
        return new PollRequest(r.display(), r.host(), r.port(), r.credentials(), r.timeout(), r.retries(), r.deadline(),
            r.limits(), r.explain(), known);
    }
}
