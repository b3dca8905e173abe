package io.nplus.mibs.data;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * An immutable, OID-ordered set of variable bindings: what a device answered, or what a recording holds.
 *
 * <pre>{@code
 * MibSnapshot walk = Snmprec.read(Path.of("linux.snmprec"));
 * Variable descr = walk.get(new OID("1.3.6.1.2.1.1.1.0"));
 * int next = walk.higher(new OID("1.3.6.1.2.1.2.2.1.2"));   // GETNEXT
 * }</pre>
 *
 * <p>Lookups are binary searches over two parallel arrays, so serving or reading a 10,000-row walk allocates
 * nothing per lookup. The OIDs and values handed out are shared: callers must not modify them.
 */
public final class MibSnapshot {
    private static final MibSnapshot EMPTY = new MibSnapshot(new OID[0], new Variable[0]);

    private final OID[] oids;
    private final Variable[] values;

    private MibSnapshot(OID[] oids, Variable[] values) {
        this.oids = oids;
        this.values = values;
    }

    public static MibSnapshot empty() {
        return EMPTY;
    }

    /** A snapshot of the given bindings; the map's order is irrelevant, OID order is imposed. */
    public static MibSnapshot of(Map<OID, ? extends Variable> bindings) {
        TreeMap<OID, Variable> sorted = new TreeMap<>(bindings);
        OID[] o = new OID[sorted.size()];
        Variable[] v = new Variable[sorted.size()];
        int i = 0;
        for (Map.Entry<OID, Variable> e : sorted.entrySet()) {
            o[i] = Objects.requireNonNull(e.getKey());
            v[i] = Objects.requireNonNull(e.getValue(), () -> "no value for " + e.getKey());
            i++;
        }
        return new MibSnapshot(o, v);
    }

    public int size() {
        return oids.length;
    }

    public OID oid(int i) {
        return oids[i];
    }

    public Variable value(int i) {
        return values[i];
    }

    /** The value at exactly this OID, or null. */
    public Variable get(OID oid) {
        int i = Arrays.binarySearch(oids, oid);
        return i >= 0 ? values[i] : null;
    }

    /** Position of the first OID at or after {@code oid}; {@link #size()} when there is none. */
    public int ceiling(OID oid) {
        int i = Arrays.binarySearch(oids, oid);
        return i >= 0 ? i : -i - 1;
    }

    /** Position of the first OID strictly after {@code oid} (what GETNEXT answers); {@link #size()} when none. */
    public int higher(OID oid) {
        int i = Arrays.binarySearch(oids, oid);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** True when some OID lies under {@code prefix} (the prefix itself excluded). */
    public boolean hasUnder(OID prefix) {
        int i = higher(prefix);
        return i < oids.length && oids[i].startsWith(prefix);
    }

    /** Position after the last OID under {@code prefix}, starting the search at {@code from}. */
    public int endOfSubtree(OID prefix, int from) {
        int lo = from;
        int hi = oids.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (oids[mid].startsWith(prefix) || oids[mid].compareTo(prefix) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A new snapshot with these bindings added or replaced (for scenarios that change a recording). */
    public MibSnapshot with(Map<OID, ? extends Variable> changes) {
        TreeMap<OID, Variable> all = toMap();
        all.putAll(changes);
        return of(all);
    }

    public TreeMap<OID, Variable> toMap() {
        TreeMap<OID, Variable> all = new TreeMap<>();
        for (int i = 0; i < oids.length; i++) {
            all.put(oids[i], values[i]);
        }
        return all;
    }
}
