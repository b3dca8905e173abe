package io.nplus.mibs.detect;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.expr.Expr;
import io.nplus.mibs.expr.Row;
import io.nplus.mibs.expr.Values;
import io.nplus.mibs.profile.Profile;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.profile.SystemRecipe;
import io.nplus.mibs.vocab.SystemInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Chooses profiles in three steps, so a poll reads only what it needs: the system scalars (one GET), then one
 * probe per candidate table (a GETNEXT each, batched), then the tables of the profiles that matched.
 *
 * <pre>{@code
 * Detector d = new Detector(ProfileCatalog.builtIn());
 * SystemInfo sys = d.system(scalars);                    // from d.systemColumns()
 * List<Profile> candidates = d.candidates(sys);
 * List<Profile> matched = d.select(candidates, present::contains);   // present: columns with rows
 * }</pre>
 */
public final class Detector {
    private final ProfileCatalog catalog;

    public Detector(ProfileCatalog catalog) {
        this.catalog = catalog;
    }

    public ProfileCatalog catalog() {
        return catalog;
    }

    /** The scalars the system profile reads (sysDescr.0 and friends). */
    public Set<ColumnDef> systemColumns() {
        return catalog.system().scalarColumns();
    }

    public SystemInfo system(MibSnapshot scalars) {
        SystemRecipe s = catalog.system().system();
        Row row = new ScalarRow(scalars);
        Object uptime = eval(s.uptimeSeconds(), row);
        return new SystemInfo(text(eval(s.name(), row)), text(eval(s.descr(), row)), text(eval(s.objectId(), row)),
            uptime instanceof Double d ? d : null);
    }

    /** Profiles whose sysObjectID and sysDescr conditions hold; table conditions are still to be probed. */
    public List<Profile> candidates(SystemInfo system) {
        List<Profile> out = new ArrayList<>();
        for (Profile p : catalog.all()) {
            if (p.detect().matchesSystem(system.objectId(), system.descr())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The columns to probe for presence, one GETNEXT each. */
    public Set<ColumnDef> probes(List<Profile> candidates) {
        Set<ColumnDef> out = new LinkedHashSet<>();
        for (Profile p : candidates) {
            out.addAll(p.detect().tables());
        }
        return out;
    }

    /** The candidates whose tables are present, minus profiles superseded by another match. */
    public List<Profile> select(List<Profile> candidates, Predicate<ColumnDef> present) {
        List<Profile> matched = new ArrayList<>();
        for (Profile p : candidates) {
            if (p.detect().tables().isEmpty() || p.detect().tables().stream().anyMatch(present)) {
                matched.add(p);
            }
        }
        Set<String> superseded = new HashSet<>();
        for (Profile p : matched) {
            superseded.addAll(p.supersedes());
        }
        matched.removeIf(p -> superseded.contains(p.id()));
        return matched;
    }

    private static Object eval(Expr e, Row row) {
        return e == null ? null : e.eval(row);
    }

    private static String text(Object o) {
        return o == null ? "" : Values.format(o);
    }

    private record ScalarRow(MibSnapshot data) implements Row {
        @Override
        public int[] index() {
            return new int[0];
        }

        @Override
        public Variable variable(ColumnDef column, int[] index) {
            return data.get(column.oid(), index);
        }

        @Override
        public Object reading(String name) {
            return null;
        }

        @Override
        public int[] find(ColumnDef column, Object value) {
            return null;
        }
    }
}
