package io.nplus.mibs.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/** The snapshot's fast paths (builder, union, cell lookup) agree with SNMP4J's own OID order. */
class MibSnapshotTest {
    private static final Random RANDOM = new Random(42);

    /** Random OIDs under a few tables, with arcs above 2^31 (unsigned in SNMP: 4294967295 sorts last). */
    private static TreeMap<OID, Variable> randomBindings(int n) {
        TreeMap<OID, Variable> out = new TreeMap<>();
        int[][] tables = {{1, 3, 6, 1, 2, 1, 2, 2, 1}, {1, 3, 6, 1, 2, 1, 31, 1, 1, 1}, {1, 3, 6, 1, 4, 1, 9, 9, 91, 1, 1, 1, 1}};
        int[] bigArcs = {0, 1, 7, 127, 128, 2147483647, -2147483648, -1};
        while (out.size() < n) {
            int[] t = tables[RANDOM.nextInt(tables.length)];
            int extra = 1 + RANDOM.nextInt(4);
            int[] arcs = new int[t.length + extra];
            System.arraycopy(t, 0, arcs, 0, t.length);
            for (int i = t.length; i < arcs.length; i++) {
                arcs[i] = RANDOM.nextInt(4) == 0 ? bigArcs[RANDOM.nextInt(bigArcs.length)] : RANDOM.nextInt(50);
            }
            out.put(new OID(arcs), new Integer32(out.size()));
        }
        return out;
    }

    @Test
    void aBuilderFedInOrderGivesWhatSortingGives() {
        TreeMap<OID, Variable> expected = randomBindings(2000);
        MibSnapshot.Builder b = new MibSnapshot.Builder(10);
        expected.forEach(b::add);
        assertThat(b.build().toMap()).isEqualTo(expected);
    }

    @Test
    void ascendingRunsAreTakenAsTheyAreAndRunsOutOfOrderStillSort() {
        TreeMap<OID, Variable> expected = randomBindings(1500);
        List<org.snmp4j.smi.VariableBinding> vbs = new ArrayList<>();
        expected.forEach((k, v) -> vbs.add(new org.snmp4j.smi.VariableBinding(k, v)));
        List<org.snmp4j.smi.VariableBinding> first = vbs.subList(0, 700);
        List<org.snmp4j.smi.VariableBinding> second = vbs.subList(700, vbs.size());
        assertThat(new MibSnapshot.Builder(1).addAscending(first).addAscending(List.of()).addAscending(second).build()
            .toMap()).isEqualTo(expected);
        // The runs themselves out of order: the builder notices at the run boundary and sorts.
        assertThat(new MibSnapshot.Builder(1).addAscending(second).addAscending(first).build().toMap()).isEqualTo(expected);
    }

    @Test
    void aBuilderFedOutOfOrderSortsAndTheLastValueForAnOidWins() {
        TreeMap<OID, Variable> expected = randomBindings(500);
        List<Map.Entry<OID, Variable>> shuffled = new ArrayList<>(expected.entrySet());
        Collections.shuffle(shuffled, RANDOM);
        MibSnapshot.Builder b = new MibSnapshot.Builder(0);
        OID dup = shuffled.get(0).getKey();
        b.add(dup, new OctetString("replaced"));
        shuffled.forEach(e -> b.add(e.getKey(), e.getValue()));
        MibSnapshot s = b.build();
        assertThat(s.toMap()).isEqualTo(expected);
        assertThat(s.get(dup)).isEqualTo(expected.get(dup));
    }

    @Test
    void unionMergesInOrderAndTheSecondWinsOnTheSameOid() {
        TreeMap<OID, Variable> all = randomBindings(1000);
        TreeMap<OID, Variable> a = new TreeMap<>();
        TreeMap<OID, Variable> b = new TreeMap<>();
        all.forEach((k, v) -> (RANDOM.nextBoolean() ? a : b).put(k, v));
        OID shared = a.firstKey();
        b.put(shared, new OctetString("from b"));
        TreeMap<OID, Variable> expected = new TreeMap<>(all);
        expected.put(shared, new OctetString("from b"));
        assertThat(MibSnapshot.union(MibSnapshot.of(a), MibSnapshot.of(b)).toMap()).isEqualTo(expected);
        assertThat(MibSnapshot.union(MibSnapshot.empty(), MibSnapshot.of(b)).toMap()).isEqualTo(b);
        assertThat(MibSnapshot.union(MibSnapshot.of(a), MibSnapshot.empty()).toMap()).isEqualTo(a);
    }

    @Test
    void aCellLookupFindsWhatAnOidLookupFinds() {
        TreeMap<OID, Variable> all = randomBindings(3000);
        MibSnapshot s = MibSnapshot.of(all);
        int checked = 0;
        for (OID oid : all.keySet()) {
            int[] arcs = oid.getValue();
            for (int split = 1; split < arcs.length; split += 3) {
                OID column = new OID(java.util.Arrays.copyOf(arcs, split));
                int[] suffix = java.util.Arrays.copyOfRange(arcs, split, arcs.length);
                assertThat(s.get(column, suffix)).isEqualTo(all.get(oid));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(3000);
        // Absent cells: a row past the end, a shorter and a longer OID than one that exists.
        OID some = all.firstKey();
        assertThat(s.get(some, new int[] {-1, -1, -1})).isNull();
        assertThat(s.get(some.trim(), new int[0])).isEqualTo(all.get(some.trim()));
        assertThat(s.get(some, new int[] {0})).isEqualTo(all.get(new OID(some).append(0)));
        assertThat(MibSnapshot.empty().get(some, new int[] {1})).isNull();
    }

    @Test
    void theOrderIsSnmp4jsOrder() {
        List<OID> oids = new ArrayList<>(randomBindings(1000).keySet());
        for (int i = 0; i < 5000; i++) {
            OID a = oids.get(RANDOM.nextInt(oids.size()));
            OID b = oids.get(RANDOM.nextInt(oids.size()));
            assertThat(Integer.signum(MibSnapshot.compare(a.getValue(), b.getValue())))
                .isEqualTo(Integer.signum(a.compareTo(b)));
        }
    }

    @Test
    void aReaderFindsWhatALookupFindsInAnyOrderOfCells() {
        TreeMap<OID, Variable> all = randomBindings(3000);
        MibSnapshot s = MibSnapshot.of(all);
        MibSnapshot.Reader reader = s.reader();
        OID[] columns = {new OID("1.3.6.1.2.1.2.2.1"), new OID("1.3.6.1.2.1.31.1.1.1"), new OID("1.3.6.1.4.1.9.9.91.1.1.1.1"),
            new OID("1.3.6.1.2.1.2.2.1.3"), new OID("1.3.6.1.9")};
        List<int[]> suffixes = new ArrayList<>();
        for (OID oid : all.keySet()) {
            for (OID c : columns) {
                if (oid.startsWith(c) && oid.size() > c.size()) {
                    suffixes.add(java.util.Arrays.copyOfRange(oid.getValue(), c.size(), oid.size()));
                }
            }
        }
        suffixes.add(new int[] {-1});
        suffixes.add(new int[] {3, 4, 5, 6, 7, 8, 9});
        // In order first (the hint path), then shuffled (the search path), for every column.
        for (int round = 0; round < 2; round++) {
            for (OID c : columns) {
                for (int[] suffix : suffixes) {
                    assertThat(reader.get(c, suffix)).isEqualTo(s.get(c, suffix));
                }
            }
            Collections.shuffle(suffixes, RANDOM);
        }
        assertThat(reader.get(columns[0], new int[0])).isEqualTo(s.get(columns[0]));
    }
}
