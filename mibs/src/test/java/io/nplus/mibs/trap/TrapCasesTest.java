package io.nplus.mibs.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * Every built-in mapping against traps written as net-snmp's snmptrap sends them (issue 9): the event's name,
 * severity, component, state, text and re-poll, and for the cases that say so, the polled component of a real walk
 * the event lands on.
 */
class TrapCasesTest {
    private static final TrapCatalog CATALOG = TrapCatalog.builtIn();
    private static final Map<String, List<Component>> WALKS = new ConcurrentHashMap<>();

    static List<TrapCase> cases() {
        return TrapCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aTrapAsSnmptrapSendsItBecomesTheExpectedEvent(TrapCase c) {
        TrapInterpretation t = CATALOG.interpret(new OID(c.oid()), Snmptrap.varbinds(c.varbinds()));
        TrapCase.Expect e = c.expect();
        assertThat(t.mapped()).as("mapped").isTrue();
        assertThat(t.name()).as("name").isEqualTo(e.name());
        assertThat(t.oid()).as("oid").isEqualTo(c.oid());
        assertThat(t.severity()).as("severity").isEqualTo(e.severity());
        assertThat(t.state()).as("state").isEqualTo(e.state());
        assertThat(t.text()).as("text").isEqualTo(e.text());
        if (e.component() == null) {
            assertThat(t.component()).as("component").isNull();
        } else {
            assertThat(t.component()).as("component").isNotNull();
            assertThat(t.component().kind()).as("component kind").isEqualTo(e.component().kind());
            assertThat(t.component().id()).as("component id").isEqualTo(e.component().id());
            assertThat(t.component().name()).as("component name").isEqualTo(e.component().name());
        }
        List<String> repoll = e.repoll() == null ? List.of("all") : e.repoll();
        if (repoll.equals(List.of("none"))) {
            assertThat(t.repoll()).as("repoll").isFalse();
        } else {
            assertThat(t.repoll()).as("repoll").isTrue();
            assertThat(t.repollProfiles()).as("repoll profiles")
                .containsExactlyElementsOf(repoll.equals(List.of("all")) ? List.of() : repoll);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theEventLandsOnTheComponentThePollReports(TrapCase c) {
        if (c.resolves() == null) {
            return;
        }
        TrapInterpretation t = CATALOG.interpret(new OID(c.oid()), Snmptrap.varbinds(c.varbinds()));
        Component found = t.component().resolve(components(c.resolves().walk()));
        assertThat(found).as("component of %s in %s", t.component(), c.resolves().walk()).isNotNull();
        assertThat(found.id()).isEqualTo(c.resolves().id());
    }

    @Test
    void everyMappingHasACaseAndEveryCaseAMapping() {
        List<String> mapped = CATALOG.all().stream().map(TrapMapping::name).toList();
        List<String> tested = cases().stream().map(c -> c.expect().name()).distinct().toList();
        assertThat(tested).as("mappings with a case").containsAll(mapped);
        assertThat(mapped).as("cases of a mapping").containsAll(tested);
    }

    @Test
    void atLeastTwelveTrapsAreCheckedAgainstAPolledWalk() {
        assertThat(cases().stream().filter(c -> c.resolves() != null).map(c -> c.expect().name()).toList())
            .as("traps checked against a polled walk").hasSizeGreaterThanOrEqualTo(12);
    }

    /** Proxies (RFC 3584) and some agents add snmpTrapAddress, snmpTrapCommunity and sysName: nothing changes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void extraVarbindsInFrontChangeNothing(TrapCase c) {
        List<VariableBinding> payload = new ArrayList<>(Snmptrap.varbinds(
            "1.3.6.1.6.3.18.1.3.0 a 192.0.2.7", "1.3.6.1.6.3.18.1.4.0 s public", "1.3.6.1.2.1.1.5.0 s host-7"));
        payload.addAll(Snmptrap.varbinds(c.varbinds()));
        TrapInterpretation plain = CATALOG.interpret(new OID(c.oid()), Snmptrap.varbinds(c.varbinds()));
        assertThat(CATALOG.interpret(new OID(c.oid()), payload)).isEqualTo(plain);
    }

    /** Each varbind left out, and all of them: still an event of that trap with a sentence, never an exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void missingVarbindsDegradeToAClearText(TrapCase c) {
        List<VariableBinding> full = Snmptrap.varbinds(c.varbinds());
        for (int i = 0; i <= full.size(); i++) {
            List<VariableBinding> payload = new ArrayList<>(full);
            if (i < full.size()) {
                payload.remove(i);
            } else {
                payload.clear();
            }
            TrapInterpretation t = CATALOG.interpret(new OID(c.oid()), payload);
            assertThat(t.name()).isEqualTo(c.expect().name());
            assertThat(t.mapped()).isTrue();
            assertThat(t.severity()).isNotNull();
            assertThat(t.text()).as("text without varbind %d", i).isNotBlank().doesNotContain("{", "null");
        }
    }

    /** Every varbind in turn replaced by the wrong type (text, a number, an OID, NULL, empty octets). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mistypedVarbindsNeverThrow(TrapCase c) {
        List<String> args = c.varbinds();
        for (int i = 0; i < args.size(); i++) {
            String oid = args.get(i).strip().split(" ")[0];
            for (String wrong : List.of(oid + " s not a number", oid + " i -7", oid + " o 1.3.6.1", oid + " n ",
                    oid + " x ", oid + " s " + "\u0007\n".repeat(300))) {
                List<String> mutated = new ArrayList<>(args);
                mutated.set(i, wrong);
                assertThatCode(() -> {
                    TrapInterpretation t = CATALOG.interpret(new OID(c.oid()), Snmptrap.varbinds(mutated));
                    assertThat(t.name()).isEqualTo(c.expect().name());
                    assertThat(t.text()).isNotBlank().doesNotContain("\n", "\u0007");
                    assertThat(t.text().length()).isLessThanOrEqualTo(TrapMapping.MAX_TEXT + 3);
                }).as("%s with varbind %d as '%s'", c.title(), i, wrong.length() > 40 ? wrong.substring(0, 40) : wrong)
                    .doesNotThrowAnyException();
            }
        }
    }

    private static List<Component> components(String walk) {
        return WALKS.computeIfAbsent(walk, w -> new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()))
            .interpret(snapshot(w)).components());
    }

    private static MibSnapshot snapshot(String walk) {
        if (!walk.startsWith("vendor:")) {
            return TestData.read(walk);
        }
        String resource = "/walks-vendor/" + walk.substring("vendor:".length()) + ".snmprec";
        try (InputStream in = TrapCasesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return Snmprec.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
