package io.nplus.mibs.data;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

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

    /**
     * Collects bindings for a snapshot. Bindings added in OID order (a walk's columns, one after the other) become
     * the snapshot as they are, without a sort; otherwise they are sorted once, and of two bindings for the same OID
     * the one added last wins.
     */
    public static final class Builder {
        private OID[] oids;
        private Variable[] values;
        private int size;
        private boolean sorted = true;

        public Builder(int expected) {
            oids = new OID[Math.max(16, expected)];
            values = new Variable[oids.length];
        }

        public Builder add(OID oid, Variable value) {
            Objects.requireNonNull(oid);
            Objects.requireNonNull(value, () -> "no value for " + oid);
            if (size == oids.length) {
                oids = Arrays.copyOf(oids, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            if (sorted && size > 0 && compare(oids[size - 1].getValue(), oid.getValue()) >= 0) {
                sorted = false;
            }
            oids[size] = oid;
            values[size] = value;
            size++;
            return this;
        }

        /**
         * Adds a run of bindings the caller has already checked to be in strictly increasing OID order (a walked
         * column): only its first OID is compared with what came before.
         */
        public Builder addAscending(List<? extends VariableBinding> run) {
            if (run.isEmpty()) {
                return this;
            }
            add(run.get(0).getOid(), run.get(0).getVariable());
            if (size + run.size() > oids.length) {
                int n = Math.max(oids.length * 2, size + run.size());
                oids = Arrays.copyOf(oids, n);
                values = Arrays.copyOf(values, n);
            }
            for (int i = 1; i < run.size(); i++) {
                VariableBinding vb = run.get(i);
                oids[size] = Objects.requireNonNull(vb.getOid());
                values[size] = Objects.requireNonNull(vb.getVariable());
                size++;
            }
            return this;
        }

        public int size() {
            return size;
        }

        public MibSnapshot build() {
            if (sorted) {
                return new MibSnapshot(Arrays.copyOf(oids, size), Arrays.copyOf(values, size));
            }
            TreeMap<OID, Variable> map = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                map.put(oids[i], values[i]);
            }
            return of(map);
        }
    }

    /** Both snapshots' bindings; where both hold an OID, {@code b}'s value wins. One linear merge, no sort. */
    public static MibSnapshot union(MibSnapshot a, MibSnapshot b) {
        if (a.oids.length == 0) {
            return b;
        }
        if (b.oids.length == 0) {
            return a;
        }
        OID[] o = new OID[a.oids.length + b.oids.length];
        Variable[] v = new Variable[o.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.oids.length || j < b.oids.length) {
            int c = i == a.oids.length ? 1 : j == b.oids.length ? -1
                : compare(a.oids[i].getValue(), b.oids[j].getValue());
            if (c < 0) {
                o[n] = a.oids[i];
                v[n++] = a.values[i++];
            } else {
                o[n] = b.oids[j];
                v[n++] = b.values[j++];
                if (c == 0) {
                    i++;
                }
            }
        }
        return new MibSnapshot(n == o.length ? o : Arrays.copyOf(o, n), n == v.length ? v : Arrays.copyOf(v, n));
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

    /**
     * The value at {@code column.suffix} (a table cell: the column OID and the row index), or null. The same as
     * {@code get(new OID(column.getValue(), suffix))} without making that OID.
     */
    public Variable get(OID column, int[] suffix) {
        int[] prefix = column.getValue();
        int lo = 0;
        int hi = oids.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(oids[mid].getValue(), prefix, suffix);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return values[mid];
            }
        }
        return null;
    }

    /** A reader for cell lookups in one pass over this snapshot, on one thread. */
    public Reader reader() {
        return new Reader();
    }

    /**
     * Cell lookups that remember where each column lies and where its last hit was, so reading a table row by row
     * costs a comparison of the row index per cell instead of a binary search over the whole snapshot. Columns are
     * told apart by identity: pass the same OID instance each time (a profile's column definitions are). Not for
     * sharing between threads.
     */
    public final class Reader {
        private final java.util.IdentityHashMap<OID, int[]> columns = new java.util.IdentityHashMap<>();

        private Reader() {
        }

        /** The same as {@link MibSnapshot#get(OID, int[])}. */
        public Variable get(OID column, int[] suffix) {
            if (suffix.length == 0) {
                return MibSnapshot.this.get(column);
            }
            int[] r = columns.get(column);
            if (r == null) {
                int lo = higher(column);
                r = new int[] {lo, endOfSubtree(column, lo), lo}; // from, to, the row after the last hit
                columns.put(column, r);
            }
            int skip = column.size();
            int hint = r[2];
            if (hint < r[1] && compareFrom(oids[hint].getValue(), skip, suffix) == 0) {
                r[2] = hint + 1;
                return values[hint];
            }
            int lo = r[0];
            int hi = r[1] - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = compareFrom(oids[mid].getValue(), skip, suffix);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    r[2] = mid + 1;
                    return values[mid];
                }
            }
            return null;
        }
    }

    /** {@link #compare} of the arcs of {@code a} from {@code skip} on with {@code suffix}. */
    private static int compareFrom(int[] a, int skip, int[] suffix) {
        int n = Math.min(a.length - skip, suffix.length);
        for (int i = 0; i < n; i++) {
            if (a[skip + i] != suffix[i]) {
                return Integer.compareUnsigned(a[skip + i], suffix[i]);
            }
        }
        return Integer.compare(a.length - skip, suffix.length);
    }

    /** OID order: arc by arc, unsigned, a prefix before what extends it (as SNMP4J's {@link OID#compareTo}). */
    static int compare(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return Integer.compareUnsigned(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** {@link #compare} of {@code a} with the concatenation of {@code prefix} and {@code suffix}. */
    private static int compare(int[] a, int[] prefix, int[] suffix) {
        int n = prefix.length + suffix.length;
        int m = Math.min(a.length, n);
        for (int i = 0; i < m; i++) {
            int b = i < prefix.length ? prefix[i] : suffix[i - prefix.length];
            if (a[i] != b) {
                return Integer.compareUnsigned(a[i], b);
            }
        }
        return Integer.compare(a.length, n);
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
