package io.nplus.mibs.trap;

import io.nplus.mibs.data.BuiltInResources;
import io.nplus.mibs.yaml.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * The notifications nplus understands. The built-in mappings live in {@code traps/} on the class path, one file
 * per MIB family, listed in {@code traps/traps.list} (a test keeps list and directory in step).
 *
 * <pre>{@code
 * TrapInterpretation t = TrapCatalog.builtIn().interpret(trapOid, payload);
 * }</pre>
 */
public final class TrapCatalog {
    private static final String LIST = "traps/traps.list";
    private static volatile TrapCatalog builtIn;

    private final Map<String, TrapMapping> byOid;

    private TrapCatalog(Map<String, TrapMapping> byOid) {
        this.byOid = byOid;
    }

    /** The built-in mappings, loaded once. A broken built-in file is a bug, reported with file and line. */
    public static TrapCatalog builtIn() {
        TrapCatalog c = builtIn;
        if (c == null) {
            synchronized (TrapCatalog.class) {
                if (builtIn == null) {
                    builtIn = of(loadBuiltIn());
                }
                c = builtIn;
            }
        }
        return c;
    }

    /** A catalog of these mappings; a trap OID or name mapped twice is refused, naming both files. */
    public static TrapCatalog of(Collection<TrapMapping> mappings) {
        Map<String, TrapMapping> oids = new LinkedHashMap<>();
        Map<String, TrapMapping> names = new HashMap<>();
        for (TrapMapping m : mappings) {
            TrapMapping earlier = oids.putIfAbsent(m.oid().toDottedString(), m);
            if (earlier != null) {
                throw new IllegalArgumentException("trap OID " + m.oid() + " is mapped by both " + earlier.source()
                    + " (" + earlier.name() + ") and " + m.source() + " (" + m.name() + ")");
            }
            TrapMapping sameName = names.putIfAbsent(m.name(), m);
            if (sameName != null) {
                throw new IllegalArgumentException("trap name " + m.name() + " is used by both " + sameName.source()
                    + " and " + m.source());
            }
        }
        return new TrapCatalog(oids);
    }

    public static List<String> builtInFiles() {
        try {
            return BuiltInResources.listed(LIST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<TrapMapping> loadBuiltIn() {
        List<TrapMapping> list = new ArrayList<>();
        for (String file : builtInFiles()) {
            String path = "traps/" + file;
            try {
                list.addAll(TrapLoader.load(YamlDocument.parse(path, BuiltInResources.text(path))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return list;
    }

    public Collection<TrapMapping> all() {
        return byOid.values();
    }

    /** The mapping of a trap OID, or null. */
    public TrapMapping get(OID trapOid) {
        return byOid.get(trapOid.toDottedString());
    }

    /**
     * What a trap means. A trap no mapping knows is still an event (severity info, the device re-polled): a device
     * that speaks up is worth a look even in a language nplus does not know.
     *
     * @param payload the varbinds after sysUpTime.0 and snmpTrapOID.0
     */
    public TrapInterpretation interpret(OID trapOid, List<VariableBinding> payload) {
        int n = payload == null ? 0 : payload.size();
        if (trapOid == null) {
            return new TrapInterpretation("", false, "", "", TrapSeverity.INFO, null, null,
                "trap without a trap OID (snmpTrapOID.0) and " + n + " varbind" + (n == 1 ? "" : "s"), true);
        }
        TrapMapping m = get(trapOid);
        if (m != null) {
            return m.interpret(payload);
        }
        String oid = trapOid.toDottedString();
        return new TrapInterpretation(oid, false, "", oid, TrapSeverity.INFO, null, null,
            "trap " + oid + " with " + n + " varbind" + (n == 1 ? "" : "s") + " (no mapping knows it)", true);
    }
}
