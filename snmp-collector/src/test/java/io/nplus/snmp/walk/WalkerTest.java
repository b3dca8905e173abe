package io.nplus.snmp.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.core.secret.Secret;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import io.nplus.snmp.testing.BlackHole;
import io.nplus.snmp.testing.FakeAgent;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Target;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * Issue 2, defensive walking (reliability.md T11–T16): every misbehaviour ends the affected column with a typed
 * reason, promptly, and never hangs, loops or drags the other tables down.
 */
class WalkerTest {
    static final OID TABLE = new OID("1.3.6.1.4.1.99999.2.1");
    static final OID COL_A = new OID("1.3.6.1.4.1.99999.2.1.2");
    static final OID COL_B = new OID("1.3.6.1.4.1.99999.2.1.3");
    static final Credentials V2 = Credentials.community(Credentials.Version.V2C, Secret.of("public"));
    static final Credentials V1 = Credentials.community(Credentials.Version.V1, Secret.of("public"));

    static SnmpClient client;
    static Walker walker;

    @BeforeAll
    static void open() throws Exception {
        client = SnmpClient.open(SnmpClient.Options.defaults().withBindAddress("127.0.0.1"));
        walker = new Walker(client);
    }

    @AfterAll
    static void close() throws Exception {
        client.close();
    }

    /** A table of {@code rows} rows in two columns; column B lacks every third row (sparse). */
    static MibSnapshot table(int rows) {
        Map<OID, Variable> m = new TreeMap<>();
        m.put(new OID("1.3.6.1.2.1.1.1.0"), new OctetString("fake"));
        for (int i = 1; i <= rows; i++) {
            m.put(new OID(COL_A).append(i), new Integer32(i));
            if (i % 3 != 0) {
                m.put(new OID(COL_B).append(i), new Counter64(Long.MIN_VALUE + i)); // >= 2^63, unsigned
            }
        }
        m.put(new OID("1.3.6.1.4.1.99999.3.1.0"), new Integer32(7)); // something after the table
        return MibSnapshot.of(m);
    }

    static Target<UdpAddress> target(int port, Credentials c, long timeoutMs, int retries) {
        return client.target(InetAddress.getLoopbackAddress(), port, c, Duration.ofMillis(timeoutMs), retries);
    }

    static WalkResult walk(FakeAgent agent, Credentials c, WalkLimits limits, Duration deadline, OID... columns)
            throws Exception {
        return walker.walk(target(agent.port(), c, 500, 1), c, List.of(columns), limits, Deadline.after(deadline))
            .get(30, TimeUnit.SECONDS);
    }

    static ColumnOutcome outcome(WalkResult r, OID column) {
        return r.columns().stream().filter(o -> o.column().equals(column)).findFirst().orElseThrow();
    }

    @Nested
    class WellBehavedAgent {
        @Test
        void sparseColumnsWalkedTogetherReturnEveryRowExactlyOnce() throws Exception {
            MibSnapshot data = table(100);
            try (FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1))) {
                WalkResult r = walk(agent, V2, WalkLimits.defaults(), Duration.ofSeconds(10), COL_A, COL_B);
                assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.COMPLETE);
                assertThat(outcome(r, COL_A).rows()).isEqualTo(100);
                assertThat(outcome(r, COL_B).rows()).isEqualTo(67);
                assertThat(r.data().size()).isEqualTo(167);
                assertThat(r.data().get(new OID(COL_B).append(1))).isEqualTo(new Counter64(Long.MIN_VALUE + 1));
                assertThat(r.data().toMap().keySet()).allMatch(o -> o.startsWith(TABLE));
            }
        }

        @Test
        void snmpV1WalkEndsAtNoSuchNameAndSkipsNothingItCanCarry() throws Exception {
            MibSnapshot data = table(10);
            try (FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1))) {
                // The last column runs into the end of the MIB view: v1 says noSuchName.
                WalkResult r = walk(agent, V1, WalkLimits.defaults(), Duration.ofSeconds(10), COL_A,
                    new OID("1.3.6.1.4.1.99999.3"));
                assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.COMPLETE);
                assertThat(outcome(r, COL_A).rows()).isEqualTo(10);
                assertThat(outcome(r, new OID("1.3.6.1.4.1.99999.3")).rows()).isEqualTo(1);
            }
        }

        @Test
        void getTreatsExceptionValuesAsAbsentNeverAsZero() throws Exception {
            MibSnapshot data = table(3);
            try (FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1))) {
                GetResult r = walker.get(target(agent.port(), V2, 500, 0), V2,
                    List.of(new OID("1.3.6.1.2.1.1.1.0"), new OID("1.3.6.1.2.1.1.5.0"), new OID("1.3.6.1.9.9.9.0")),
                    Deadline.after(Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS);
                assertThat(r.answered()).isTrue();
                assertThat(r.values()).containsOnlyKeys(new OID("1.3.6.1.2.1.1.1.0"));
            }
        }

        @Test
        void v1GetDropsTheMissingInstanceAndAsksForTheRest() throws Exception {
            MibSnapshot data = table(3);
            try (FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1))) {
                GetResult r = walker.get(target(agent.port(), V1, 500, 0), V1,
                    List.of(new OID("1.3.6.1.9.9.9.0"), new OID("1.3.6.1.2.1.1.1.0"), new OID(COL_A).append(2)),
                    Deadline.after(Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS);
                assertThat(r.values()).containsOnlyKeys(new OID("1.3.6.1.2.1.1.1.0"), new OID(COL_A).append(2));
                assertThat(agent.requests()).isEqualTo(2);
            }
        }
    }

    @Nested
    class NonIncreasingOids {
        /** Answers the first GETBULK correctly, then repeats the same OID forever (gosnmp #401 and friends). */
        @Test
        void repeatedOidEndsTheColumnAtOnce() throws Exception {
            MibSnapshot data = table(60);
            try (FakeAgent agent = FakeAgent.start((req, v1) -> {
                PDU r = FakeAgent.serve(req, data, v1);
                if (!req.get(0).getOid().equals(COL_A)) {
                    List<VariableBinding> same = new ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        same.add(new VariableBinding(req.get(0).getOid(), new Integer32(1)));
                    }
                    r.setVariableBindings(same);
                }
                return r;
            })) {
                WalkResult r = walk(agent, V2, WalkLimits.defaults().withMaxRepetitions(10), Duration.ofSeconds(10), COL_A);
                assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.NON_INCREASING);
                assertThat(outcome(r, COL_A).rows()).isEqualTo(10);
                assertThat(outcome(r, COL_A).detail()).contains("OIDs must increase");
                assertThat(agent.requests()).isEqualTo(2);
            }
        }

        /** A Juniper agent looped 578.1, 578.2, 578.3, 578.1 (gosnmp #401): the loop is cut at its first step back. */
        @Test
        void cycleIsCutAtTheFirstStepBack() throws Exception {
            try (FakeAgent agent = FakeAgent.start((req, v1) -> {
                PDU r = FakeAgent.serve(req, MibSnapshot.empty(), v1);
                r.clear();
                r.setRequestID(req.getRequestID());
                OID from = req.get(0).getOid();
                int next = from.equals(COL_A) ? 1 : from.last() % 3 + 1; // 1, 2, 3, 1, 2, 3 ...
                r.add(new VariableBinding(new OID(COL_A).append(next), new Integer32(next)));
                return r;
            })) {
                WalkResult r = walk(agent, V2, WalkLimits.defaults(), Duration.ofSeconds(10), COL_A);
                assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.NON_INCREASING);
                assertThat(outcome(r, COL_A).rows()).isEqualTo(3);
                assertThat(agent.requests()).isEqualTo(4);
            }
        }

        @Test
        void jumpBackOutsideTheTableIsNotMistakenForItsEnd() throws Exception {
            MibSnapshot data = table(5);
            try (FakeAgent agent = FakeAgent.start((req, v1) -> {
                PDU r = FakeAgent.serve(req, data, v1);
                if (!req.get(0).getOid().equals(COL_A)) { // second request: back to sysDescr (snmp_exporter #850)
                    r.setVariableBindings(List.of(new VariableBinding(new OID("1.3.6.1.2.1.1.1.0"), new OctetString("x"))));
                }
                return r;
            })) {
                WalkResult r = walk(agent, V2, WalkLimits.defaults().withMaxRepetitions(2), Duration.ofSeconds(10), COL_A);
                assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.NON_INCREASING);
                assertThat(outcome(r, COL_A).rows()).isEqualTo(2);
            }
        }
    }

    @Test
    void endlessIncreasingTableStopsAtTheRowLimit() throws Exception {
        // pysnmp #353: every answer is the request OID plus ".1": ordered, and never ending.
        try (FakeAgent agent = FakeAgent.start((req, v1) -> {
            PDU r = FakeAgent.serve(req, MibSnapshot.empty(), v1);
            r.clear();
            r.setRequestID(req.getRequestID());
            OID at = req.get(0).getOid();
            for (int i = 0; i < req.getMaxRepetitions(); i++) {
                at = new OID(at).append(1);
                r.add(new VariableBinding(at, new Integer32(i)));
            }
            return r;
        })) {
            WalkResult r = walk(agent, V2, new WalkLimits(25, 500, 10), Duration.ofSeconds(20), COL_A);
            assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.ROW_LIMIT);
            assertThat(outcome(r, COL_A).rows()).isEqualTo(500);
            assertThat(agent.requests()).isEqualTo(20);
        }
    }

    @Nested
    class TooBigAndSilentDrops {
        @Test
        void tooBigHalvesMaxRepetitionsUntilTheAnswerFits() throws Exception {
            MibSnapshot data = table(200);
            try (FakeAgent agent = FakeAgent.start((req, v1) -> {
                PDU r = FakeAgent.serve(req, data, v1);
                if (req.getMaxRepetitions() * req.size() > 8) {
                    r.clear();
                    r.setRequestID(req.getRequestID());
                    r.setVariableBindings(req.getVariableBindings());
                    r.setErrorStatus(SnmpConstants.SNMP_ERROR_TOO_BIG);
                }
                return r;
            })) {
                WalkResult r = walk(agent, V2, WalkLimits.defaults().withMaxRepetitions(40), Duration.ofSeconds(20), COL_A, COL_B);
                assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.COMPLETE);
                assertThat(outcome(r, COL_A).rows()).isEqualTo(200);
                assertThat(outcome(r, COL_B).rows()).isEqualTo(134);
                assertThat(r.maxRepetitions()).isLessThanOrEqualTo(8);
            }
        }

        @Test
        void agentThatAlwaysSaysTooBigEndsTheColumnWithTooBig() throws Exception {
            try (FakeAgent agent = FakeAgent.start((req, v1) -> {
                PDU r = FakeAgent.serve(req, MibSnapshot.empty(), v1);
                r.clear();
                r.setRequestID(req.getRequestID());
                r.setErrorStatus(SnmpConstants.SNMP_ERROR_TOO_BIG);
                return r;
            })) {
                WalkResult r = walk(agent, V2, WalkLimits.defaults(), Duration.ofSeconds(10), COL_A, COL_B);
                assertThat(r.columns()).allMatch(o -> o.end() == WalkEnd.TOO_BIG);
                assertThat(agent.requests()).isLessThan(15);
            }
        }

        /** Some devices drop answers that would be too big instead of saying tooBig (snmpcollector #161). */
        @Test
        void silentlyDroppedBigRequestsAreRetriedSmaller() throws Exception {
            MibSnapshot data = table(50);
            try (FakeAgent agent = FakeAgent.start((req, v1) -> req.getMaxRepetitions() > 12 ? null
                : FakeAgent.serve(req, data, v1))) {
                WalkResult r = walker.walk(target(agent.port(), V2, 200, 0), V2, List.of(COL_A),
                    WalkLimits.defaults().withMaxRepetitions(25), Deadline.after(Duration.ofSeconds(10)))
                    .get(20, TimeUnit.SECONDS);
                assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.COMPLETE);
                assertThat(outcome(r, COL_A).rows()).isEqualTo(50);
                assertThat(r.maxRepetitions()).isEqualTo(12);
            }
        }
    }

    @Nested
    class SilenceAndSlowness {
        @Test
        void blackHoledTargetTimesOutWithinTimeoutTimesTries() throws Exception {
            try (BlackHole hole = new BlackHole()) {
                long t0 = System.nanoTime();
                GetResult r = walker.get(target(hole.port(), V2, 200, 1), V2, List.of(new OID("1.3.6.1.2.1.1.1.0")),
                    Deadline.after(Duration.ofSeconds(30))).get(10, TimeUnit.SECONDS);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(r.answered()).isFalse();
                assertThat(r.end()).isEqualTo(WalkEnd.TIMEOUT);
                assertThat(r.detail()).isEqualTo("no answer within 200ms (2 tries)");
                assertThat(ms).isBetween(350L, 3000L);
                assertThat(hole.received()).isEqualTo(2);
            }
        }

        @Test
        void agentThatStopsAnsweringMidWalkEndsTheWalkAfterTwoSilentBatches() throws Exception {
            MibSnapshot data = table(100);
            OID colC = new OID("1.3.6.1.4.1.99999.2.1.4");
            java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
            try (FakeAgent agent = FakeAgent.start((req, v1) -> seen.incrementAndGet() == 1
                ? FakeAgent.serve(req, data, v1) : null)) {
                WalkResult r = walker.walk(target(agent.port(), V2, 100, 0), V2, List.of(COL_A, COL_B, colC),
                    new WalkLimits(10, 1000, 1), Deadline.after(Duration.ofSeconds(10))).get(20, TimeUnit.SECONDS);
                // A: answered once, then silent twice (the second try already with fewer repetitions).
                assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.TIMEOUT);
                assertThat(outcome(r, COL_A).rows()).isEqualTo(10);
                assertThat(outcome(r, COL_A).detail()).isEqualTo("no answer within 100ms");
                // B: silent too, the second batch in a row: the walk gives up, C is never asked.
                assertThat(outcome(r, COL_B).detail()).contains("stopped answering");
                assertThat(outcome(r, colC).end()).isEqualTo(WalkEnd.TIMEOUT);
                assertThat(outcome(r, colC).detail()).contains("stopped answering");
                assertThat(agent.requests()).isEqualTo(4);
            }
        }

        @Test
        void slowAgentIsCutAtTheDeadlineKeepingWhatWasRead() throws Exception {
            MibSnapshot data = table(200);
            try (FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1), 150)) {
                long t0 = System.nanoTime();
                WalkResult r = walker.walk(target(agent.port(), V2, 1000, 0), V2, List.of(COL_A),
                    WalkLimits.defaults().withMaxRepetitions(5), Deadline.after(Duration.ofMillis(1200)))
                    .get(20, TimeUnit.SECONDS);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(outcome(r, COL_A).end()).isIn(WalkEnd.DEADLINE, WalkEnd.TIMEOUT);
                assertThat(outcome(r, COL_A).rows()).isBetween(5, 100);
                assertThat(ms).isLessThan(2500L);
            }
        }

        @Test
        void blackHoledTargetDoesNotDelayAHealthyOne() throws Exception {
            MibSnapshot data = table(300);
            try (BlackHole hole = new BlackHole();
                 FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1))) {
                CompletableFuture<WalkResult> stuck = walker.walk(target(hole.port(), V2, 800, 2), V2, List.of(COL_A),
                    WalkLimits.defaults(), Deadline.after(Duration.ofSeconds(30)));
                long t0 = System.nanoTime();
                WalkResult healthy = walker.walk(target(agent.port(), V2, 2000, 2), V2, List.of(COL_A, COL_B),
                    WalkLimits.defaults(), Deadline.after(Duration.ofSeconds(30))).get(10, TimeUnit.SECONDS);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(outcome(healthy, COL_A).rows()).isEqualTo(300);
                assertThat(stuck).isNotDone();
                assertThat(ms).isLessThan(1500L);
                assertThat(stuck.get(30, TimeUnit.SECONDS).columns()).allMatch(o -> o.end() == WalkEnd.TIMEOUT);
            }
        }
    }

    @Test
    void errorStatusOnOneColumnEndsOnlyThatColumn() throws Exception {
        MibSnapshot data = table(30);
        try (FakeAgent agent = FakeAgent.start((req, v1) -> {
            for (int i = 0; i < req.size(); i++) {
                if (req.get(i).getOid().startsWith(COL_B)) {
                    PDU r = FakeAgent.serve(req, MibSnapshot.empty(), v1);
                    r.clear();
                    r.setRequestID(req.getRequestID());
                    r.setVariableBindings(req.getVariableBindings());
                    r.setErrorStatus(SnmpConstants.SNMP_ERROR_GENERAL_ERROR);
                    r.setErrorIndex(i + 1);
                    return r;
                }
            }
            return FakeAgent.serve(req, data, v1);
        })) {
            WalkResult r = walk(agent, V2, WalkLimits.defaults(), Duration.ofSeconds(10), COL_A, COL_B);
            assertThat(outcome(r, COL_B).end()).isEqualTo(WalkEnd.ERROR_STATUS);
            assertThat(outcome(r, COL_B).detail()).contains("General variable binding error");
            assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.COMPLETE);
            assertThat(outcome(r, COL_A).rows()).isEqualTo(30);
        }
    }

    @Test
    void endOfMibViewEndsTheColumnCleanly() throws Exception {
        MibSnapshot data = MibSnapshot.of(Map.of(new OID(COL_A).append(1), new Integer32(1)));
        try (FakeAgent agent = FakeAgent.start((req, v1) -> FakeAgent.serve(req, data, v1))) {
            WalkResult r = walk(agent, V2, WalkLimits.defaults(), Duration.ofSeconds(5), COL_A);
            assertThat(outcome(r, COL_A).end()).isEqualTo(WalkEnd.COMPLETE);
            assertThat(r.data().toMap()).containsOnlyKeys(new OID(COL_A).append(1));
            assertThat(r.data().toMap().values()).noneMatch(v -> v instanceof Null);
        }
    }

    @Test
    void v1PduClassIsUsedForV1() {
        assertThat(client.newPdu(V1)).isInstanceOf(PDUv1.class);
    }
}
