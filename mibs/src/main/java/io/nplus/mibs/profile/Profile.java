package io.nplus.mibs.profile;

import io.nplus.mibs.expr.ColumnDef;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled device profile: what to read from one MIB family and how it becomes components.
 *
 * <pre>{@code
 * Profile ifMib = ProfileCatalog.builtIn().get("if_mib");
 * Set<ColumnDef> toWalk = ifMib.tableColumns();   // only what the recipes read
 * List<Component> interfaces = new Interpreter().interpret(ifMib, walked);
 * }</pre>
 *
 * @param source the file it was loaded from, for messages
 */
public record Profile(
        String id,
        String title,
        String mib,
        List<String> testedOn,
        Detect detect,
        List<String> supersedes,
        SystemRecipe system,
        Map<String, ColumnDef> columns,
        List<ComponentRecipe> components,
        Set<ColumnDef> used,
        String source) {

    public Profile {
        testedOn = List.copyOf(testedOn);
        supersedes = List.copyOf(supersedes);
        columns = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        components = List.copyOf(components);
        used = Collections.unmodifiableSet(new LinkedHashSet<>(used));
    }

    /** Table columns the recipes read: what a poll must walk for this profile. */
    public Set<ColumnDef> tableColumns() {
        Set<ColumnDef> out = new LinkedHashSet<>();
        for (ColumnDef c : used) {
            if (!c.scalar()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Scalars the recipes read: what a poll must GET for this profile. */
    public Set<ColumnDef> scalarColumns() {
        Set<ColumnDef> out = new LinkedHashSet<>();
        for (ColumnDef c : used) {
            if (c.scalar()) {
                out.add(c);
            }
        }
        return out;
    }
}
