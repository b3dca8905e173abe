package io.nplus.mibs.profile.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/**
 * Changed-walk scenarios for the RAID profiles: a real (or synthetic) walk, the values an incident would change,
 * and the components the built-in catalog makes of it.
 *
 * <pre>{@code
 * DeviceInterpreter.DeviceHealth h = RaidWalks.change("linux_lsi").integer(PD_STATE + ".5", 17).interpret();
 * assertThat(RaidWalks.component(h, ComponentKind.PHYSICAL_DRIVE, "pd.5").health()).isEqualTo(Health.FAILED);
 * }</pre>
 */
final class RaidWalks {
    static final DeviceInterpreter INTERPRETER = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()));

    private final MibSnapshot base;
    private final Map<OID, Variable> changes = new LinkedHashMap<>();

    private RaidWalks(MibSnapshot base) {
        this.base = base;
    }

    /** A real walk of testdata/walks/. */
    static RaidWalks change(String walk) {
        return new RaidWalks(TestData.read(walk));
    }

    /** A synthetic walk of src/test/resources/walks-vendor/. */
    static RaidWalks changeSynthetic(String name) {
        String resource = "/walks-vendor/" + name + ".snmprec";
        try (InputStream in = RaidWalks.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new RaidWalks(Snmprec.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RaidWalks set(String oid, Variable value) {
        changes.put(new OID(oid), value);
        return this;
    }

    RaidWalks integer(String oid, int value) {
        return set(oid, new Integer32(value));
    }

    RaidWalks gauge(String oid, long value) {
        return set(oid, new Gauge32(value));
    }

    RaidWalks text(String oid, String value) {
        return set(oid, new OctetString(value));
    }

    /** The changed walk, for assertions on the values themselves. */
    MibSnapshot snapshot() {
        return base.with(changes);
    }

    DeviceInterpreter.DeviceHealth interpret() {
        return INTERPRETER.interpret(snapshot());
    }

    static Component component(DeviceInterpreter.DeviceHealth h, ComponentKind kind, String id) {
        List<Component> found = h.components().stream().filter(c -> c.kind() == kind && c.id().equals(id)).toList();
        assertThat(found).as("%s %s among %s", kind.word(), id, h.components().stream()
            .filter(c -> c.kind() == kind).map(Component::id).toList()).hasSize(1);
        return found.get(0);
    }

    static List<Component> ofKind(DeviceInterpreter.DeviceHealth h, ComponentKind kind) {
        return h.components().stream().filter(c -> c.kind() == kind).toList();
    }
}
