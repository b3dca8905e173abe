package io.nplus.mibs.profile.vendor;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/**
 * A real corpus walk with an incident's changes applied, interpreted by the built-in catalog: what the
 * changed-walk tests of the vendor profiles share.
 *
 * <pre>{@code
 * DeviceInterpreter.DeviceHealth h = VendorWalk.of("iosxr_asr9001").set("1.3.6.1.4.1.9.9.91.1.1.1.1.4.30573226", 5000).interpret();
 * Component optic = VendorWalk.component(h, ComponentKind.TRANSCEIVER, "xcvr.31415605");
 * }</pre>
 */
final class VendorWalk {
    static final DeviceInterpreter INTERPRETER = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()));

    private final MibSnapshot walk;
    private final Map<OID, Variable> changes = new LinkedHashMap<>();

    private VendorWalk(MibSnapshot walk) {
        this.walk = walk;
    }

    static VendorWalk of(String name) {
        return new VendorWalk(TestData.read(name));
    }

    /** An INTEGER (Integer32) at this OID, as the walk types it. */
    VendorWalk set(String oid, int value) {
        changes.put(new OID(oid), new Integer32(value));
        return this;
    }

    /** An OCTET STRING at this OID. */
    VendorWalk set(String oid, String value) {
        changes.put(new OID(oid), new OctetString(value));
        return this;
    }

    /** An OBJECT IDENTIFIER value at this OID. */
    VendorWalk setOid(String oid, String value) {
        changes.put(new OID(oid), new OID(value));
        return this;
    }

    MibSnapshot snapshot() {
        return walk.with(changes);
    }

    DeviceInterpreter.DeviceHealth interpret() {
        return INTERPRETER.interpret(snapshot());
    }

    static Component component(DeviceInterpreter.DeviceHealth health, ComponentKind kind, String id) {
        return health.components().stream().filter(c -> c.kind() == kind && c.id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind.word() + " " + id + " in " + ids(health, kind)));
    }

    static List<String> ids(DeviceInterpreter.DeviceHealth health, ComponentKind kind) {
        return health.components().stream().filter(c -> c.kind() == kind).map(Component::id).toList();
    }
}
