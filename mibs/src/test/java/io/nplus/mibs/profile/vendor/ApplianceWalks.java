package io.nplus.mibs.profile.vendor;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/**
 * What the storage-appliance profile tests share: the built-in catalog, changed walks and finding components.
 * Changes keep the SNMP type an agent would send (Integer32 for enumerations and counts, OctetString for text).
 */
final class ApplianceWalks {
    static final DeviceInterpreter INTERPRETER = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()));

    private ApplianceWalks() {
    }

    static DeviceInterpreter.DeviceHealth interpret(MibSnapshot data) {
        return INTERPRETER.interpret(data);
    }

    /** A walk from {@code src/test/resources/walks-vendor/} (synthetic walks of MIBs no corpus walk has). */
    static MibSnapshot vendorWalk(String name) {
        String resource = "/walks-vendor/" + name + ".snmprec";
        try (InputStream in = ApplianceWalks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return Snmprec.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes as pairs: a dotted OID, then an Integer (sent as Integer32), a String (OctetString) or a Variable. */
    static MibSnapshot with(MibSnapshot data, Object... oidThenValue) {
        Map<OID, Variable> changes = new TreeMap<>();
        for (int i = 0; i < oidThenValue.length; i += 2) {
            Object v = oidThenValue[i + 1];
            Variable var = v instanceof Integer n ? new Integer32(n)
                : v instanceof String s ? new OctetString(s) : (Variable) v;
            changes.put(new OID((String) oidThenValue[i]), var);
        }
        return data.with(changes);
    }

    /** The data without every binding under these prefixes (a firmware that lacks a table). */
    static MibSnapshot without(MibSnapshot data, String... prefixes) {
        TreeMap<OID, Variable> all = data.toMap();
        for (String p : prefixes) {
            OID prefix = new OID(p);
            all.keySet().removeIf(oid -> oid.startsWith(prefix));
        }
        return MibSnapshot.of(all);
    }

    static Component component(DeviceInterpreter.DeviceHealth health, ComponentKind kind, String id) {
        return health.components().stream().filter(c -> c.kind() == kind && c.id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind.word() + " " + id + " in " + ids(health)));
    }

    static List<Component> ofKind(DeviceInterpreter.DeviceHealth health, ComponentKind kind) {
        return health.components().stream().filter(c -> c.kind() == kind).toList();
    }

    static List<String> ids(DeviceInterpreter.DeviceHealth health) {
        return health.components().stream().map(c -> c.kind().word() + ":" + c.id()).toList();
    }
}
