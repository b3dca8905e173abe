package io.nplus.mibs.profile.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/**
 * A recorded (or synthetic) walk with the values an incident would change, interpreted by the built-in catalog:
 * {@code OpticsScenario.walk("yunshan").integer(IF_ADMIN + ".12", 1).transceiver("xcvr.16850444.1")}.
 */
final class OpticsScenario {
    static final DeviceInterpreter INTERPRETER = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()));

    private final MibSnapshot base;
    private final Map<OID, Variable> changes = new TreeMap<>();
    private final List<OID> removed = new ArrayList<>();
    private DeviceInterpreter.DeviceHealth health;

    private OpticsScenario(MibSnapshot base) {
        this.base = base;
    }

    static OpticsScenario walk(String name) {
        return new OpticsScenario(TestData.read(name));
    }

    static OpticsScenario of(MibSnapshot snapshot) {
        return new OpticsScenario(snapshot);
    }

    OpticsScenario set(String oid, Variable value) {
        health = null;
        changes.put(new OID(oid), value);
        return this;
    }

    OpticsScenario integer(String oid, int value) {
        return set(oid, new Integer32(value));
    }

    OpticsScenario text(String oid, String value) {
        return set(oid, new OctetString(value));
    }

    /** A BITS value as an agent sends it: octets with the given bits set (bit 0 is the high bit of octet 0). */
    OpticsScenario bits(String oid, int... bits) {
        byte[] octets = new byte[3];
        for (int b : bits) {
            octets[b / 8] |= (byte) (0x80 >> (b % 8));
        }
        return set(oid, new OctetString(octets));
    }

    OpticsScenario remove(String oid) {
        health = null;
        removed.add(new OID(oid));
        return this;
    }

    DeviceInterpreter.DeviceHealth health() {
        if (health == null) {
            TreeMap<OID, Variable> all = base.with(changes).toMap();
            removed.forEach(all::remove);
            health = INTERPRETER.interpret(MibSnapshot.of(all));
        }
        return health;
    }

    Component component(ComponentKind kind, String id) {
        return health().components().stream().filter(c -> c.kind() == kind && c.id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind.word() + " " + id + " among "
                + health().components().stream().filter(c -> c.kind() == kind).map(Component::id).toList()));
    }

    Component transceiver(String id) {
        return component(ComponentKind.TRANSCEIVER, id);
    }

    boolean hasTransceiver(String id) {
        return health().components().stream().anyMatch(c -> c.kind() == ComponentKind.TRANSCEIVER && c.id().equals(id));
    }

    List<Component> transceivers() {
        return health().components().stream().filter(c -> c.kind() == ComponentKind.TRANSCEIVER).toList();
    }

    /** The reading, asserting it is there. */
    double reading(String id, String reading) {
        Component c = transceiver(id);
        assertThat(c.readings()).as("%s readings", id).containsKey(reading);
        return c.readings().get(reading);
    }
}
