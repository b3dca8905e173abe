package io.nplus.mibs.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.yaml.YamlDocument;
import io.nplus.mibs.yaml.YamlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snmp4j.smi.OID;

class ProfileLoaderTest {

    static String resource(String path) {
        try (InputStream in = ProfileLoaderTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Profile load(String path) {
        return ProfileLoader.load(YamlDocument.parse(path, resource(path)));
    }

    /**
     * One file per mistake under profiles-bad/: file | line | key path | the interesting part of the message.
     * Each message must name the file, the line and what is wrong.
     */
    static final String BAD = """
            # file                              | line | key path                      | the interesting part of the message
            unknown-top-level-key               | 4    | colums                        | unknown key 'colums'; allowed: columns, components, detect, mib, profile, supersedes, system, tested_on, title
            unknown-component-key               | 9    | components[0].readngs         | unknown key 'readngs'; allowed: counters, group_by, health, id, index, kind, labels, name, notes, readings, repeat, rows, scalar, state, vars, where
            bad-oid                             | 5    | columns.fanSpeed              | 'enterprises.99999.7.1.4' is not a numeric OID
            state-not-a-word                    | 7    | columns.fanStatus.states      | state 2 needs a word, got 'not ok'
            duplicate-oid                       | 6    | columns.fanSpeed              | OID 1.3.6.1.4.1.99999.7.1.3 is declared twice
            reading-not-snake-case              | 11   | components[0].readings.speedRpm | reading names are snake_case with the unit last (rx_power_dbm, used_ratio)
            unknown-row-column                  | 8    | components[0].rows            | 'fanDescription' is not declared under columns; declared: fanDescr, fanSpeed
            undeclared-column-in-expression     | 10   | components[0].readings.speed_rpm | unknown name 'fanSped'; did you mean 'fanSpeed'? in 'fanSped * 60' at column 1
            map-unknown-state                   | 13   | components[0].health[0].to    | unknown state 'broken' of fanStatus; expected ok, failed, absent
            map-unquoted-no                     | 14   | components[0].health[0].to    | unknown state 'no' of fanPresent; expected present, notPresent (YAML reads unquoted yes/no/on/off as true/false: quote the word, as 'no')
            map-and-when                        | 13   | components[0].health[1]       | a health rule has either 'map' (with 'to') or 'when' (with 'health')
            when-without-health                 | 10   | components[0].health[0]       | 'when' needs 'health': the verdict when the condition holds
            missing-kind                        | 8    | components[1]                 | every component needs a kind (controller, virtual_drive, physical_drive, battery, enclosure, transceiver, sensor, interface, filesystem, storage, power_supply, fan, chassis)
            rows-and-scalar                     | 6    | components[0]                 | give either 'rows: <column>' (one component per table row) or 'scalar: true'
            rows-is-a-scalar                    | 8    | components[0].rows            | fanCount is a scalar; rows are the instances of table columns (for scalars write 'scalar: true')
            invalid-yaml                        | 6    | ""                            | not valid YAML:
            unknown-kind                        | 6    | components[0].kind            | unknown kind 'fans'; expected controller, virtual_drive,
            unknown-health-word                 | 11   | components[0].health[0].to.failed | unknown health 'broken'; expected ok, warning, degraded, failed, unknown
            enum-compared-with-unknown-word     | 9    | components[0].where           | unknown state 'notPresent' of fanStatus; expected ok, failed
            scalar-without-id                   | 6    | components[0]                 | a scalar component needs an 'id': it has no table index to take one from
            """;

    @Nested
    class BadProfiles {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = BAD)
        void isRejectedWithFileLineAndProblem(String file, int line, String path, String problem) {
            String name = "profiles-bad/" + file + ".yaml";
            assertThatThrownBy(() -> load(name))
                .isInstanceOfSatisfying(YamlException.class, e -> {
                    assertThat(e.file()).isEqualTo(name);
                    assertThat(e.line()).as("line").isEqualTo(line);
                    assertThat(e.path()).as("key path").isEqualTo(path);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.getMessage()).startsWith(name + ":" + line + (path.isEmpty() ? "" : " " + path) + ": ");
                });
        }

        @Test
        void everyBadProfileFileIsInTheTable() throws IOException {
            List<String> inTable = BAD.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.substring(0, l.indexOf('|')).strip() + ".yaml").toList();
            try (Stream<Path> files = Files.list(Path.of("src/test/resources/profiles-bad"))) {
                assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(inTable).hasSizeGreaterThanOrEqualTo(12);
            }
        }
    }

    @Nested
    class InlineMistakes {
        static YamlException error(String yaml) {
            try {
                ProfileLoader.load(YamlDocument.parse("inline.yaml", yaml));
            } catch (YamlException e) {
                return e;
            }
            throw new AssertionError("loaded:\n" + yaml);
        }

        @Test
        void aProfileNeedsASnakeCaseId() {
            assertThat(error("profile: TestFans\ncolumns: {a: 1.3.6.1}\ncomponents: [{kind: fan, rows: a}]\n").problem())
                .startsWith("every profile needs an id in snake_case (profile: if_mib), got 'TestFans'");
        }

        @Test
        void aProfileNeedsColumnsAndComponents() {
            assertThat(error("profile: t\ncomponents: [{kind: fan, scalar: true}]\n").problem())
                .isEqualTo("a profile must declare the MIB objects it reads under 'columns'");
            assertThat(error("profile: t\ncolumns: {a: 1.3.6.1}\n").problem())
                .isEqualTo("a profile must describe at least one component");
        }

        @Test
        void anEmptyFileIsAnError() {
            assertThat(error("# nothing\n").problem()).isEqualTo("the file is empty");
        }

        @Test
        void aMapRuleWithHealthAndAWhenRuleWithToAreRejected() {
            String head = "profile: t\ncolumns: {a: 1.3.6.1, s: {oid: 1.3.6.2, states: {1: up}}}\ncomponents:\n"
                + "  - kind: fan\n    rows: a\n    health:\n";
            assertThat(error(head + "      - {map: s, to: {up: ok}, health: failed}\n").problem())
                .startsWith("'health' goes with 'when'");
            assertThat(error(head + "      - {map: s}\n").problem()).startsWith("'map' needs 'to'");
            assertThat(error(head + "      - {when: a > 1, health: failed, default: ok}\n").problem())
                .isEqualTo("'to' and 'default' go with 'map', not 'when'");
        }

        @Test
        void namesThatWouldShadowAreRejected() {
            String head = "profile: t\ncolumns: {a: 1.3.6.1}\ncomponents:\n  - kind: fan\n    rows: a\n";
            assertThat(error(head + "    readings: {a: a * 2}\n").problem()).isEqualTo("reading 'a' has the name of a column or var");
            assertThat(error(head + "    index: [index]\n").problem()).startsWith("index part name 'index' must be a new name");
            assertThat(error(head + "    vars: {Big: a}\n").problem()).startsWith("var names are snake_case");
            assertThat(error(head + "    labels: {Serial: '{a}'}\n").problem()).isEqualTo("label names are snake_case");
        }

        @Test
        void aReadingMayOnlyUseReadingsDeclaredBeforeIt() {
            String yaml = "profile: t\ncolumns: {a: 1.3.6.1}\ncomponents:\n  - kind: fan\n    rows: a\n"
                + "    readings:\n      doubled: later * 2\n      later: a\n";
            YamlException e = error(yaml);
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.problem()).startsWith("unknown name 'later'");
        }

        @Test
        void detectIsChecked() {
            String tail = "columns: {a: 1.3.6.1, s: {oid: 1.3.6.2, scalar: true}}\ncomponents: [{kind: fan, rows: a}]\n";
            assertThat(error("profile: t\ndetect: {sys_object_id: cisco}\n" + tail).problem())
                .isEqualTo("'cisco' is not a numeric OID prefix");
            assertThat(error("profile: t\ndetect: {sys_descr: 'Linux ('}\n" + tail).problem())
                .startsWith("bad regular expression: Unclosed group");
            assertThat(error("profile: t\ndetect: {tables: s}\n" + tail).problem())
                .startsWith("s is a scalar; tables lists columns");
            assertThat(error("profile: t\ndetect: {tables: b}\n" + tail).problem())
                .isEqualTo("'b' is not declared under columns; declared: a, s");
        }

        @Test
        void aColumnNameMustBeUsableInExpressions() {
            YamlException e = error("profile: t\ncolumns:\n  adapterID-APT: 1.3.6.1\ncomponents: [{kind: fan, rows: a}]\n");
            assertThat(e.problem()).contains("write adapterID-APT as adapterID_APT");
            assertThat(e.line()).isEqualTo(3);
        }
    }

    @Nested
    class GoodProfile {
        private final Profile p = load("profiles-good/minimal.yaml");

        @Test
        void loadsWithItsHeaderFields() {
            assertThat(p.id()).isEqualTo("test_fans");
            assertThat(p.title()).isEqualTo("Test fans");
            assertThat(p.mib()).isEqualTo("TEST-FAN-MIB");
            assertThat(p.testedOn()).containsExactly("nothing");
            assertThat(p.source()).isEqualTo("profiles-good/minimal.yaml");
            assertThat(p.system()).isNull();
            assertThat(p.detect().sysObjectIds()).containsExactly(new OID("1.3.6.1.4.1.99999"));
            assertThat(p.detect().tables()).extracting(ColumnDef::name).containsExactly("fanEntryPresent");
        }

        @Test
        void tableColumnsAreExactlyTheColumnsItsRecipesRead() {
            // fanEntryPresent (only probed by detect) and fanModel (never read) are left out; the scalar is a GET.
            assertThat(p.tableColumns()).extracting(ColumnDef::name)
                .containsExactlyInAnyOrder("fanDescr", "fanStatus", "fanSpeed", "fanMaxSpeed", "fanInPackets");
            assertThat(p.scalarColumns()).extracting(ColumnDef::name).containsExactly("chassisFanLimit");
            assertThat(p.scalarColumns().iterator().next().readOid()).isEqualTo(new OID("1.3.6.1.4.1.99999.7.2.0"));
        }

        @Test
        void compilesTheComponentRecipe() {
            assertThat(p.components()).hasSize(1);
            ComponentRecipe c = p.components().get(0);
            assertThat(c.kind()).isEqualTo(ComponentKind.FAN);
            assertThat(c.path()).isEqualTo("components[0]");
            assertThat(c.isScalar()).isFalse();
            assertThat(c.rows()).extracting(ColumnDef::name).containsExactly("fanDescr");
            assertThat(c.where().source()).isEqualTo("fanStatus != 'absent'");
            assertThat(c.id().source()).isEqualTo("fan.{index}");
            assertThat(c.names()).extracting(t -> t.source()).containsExactly("{fanDescr}", "fan {index}");
            assertThat(c.readings()).extracting(ReadingRecipe::name).containsExactly("speed_rpm", "speed_ratio");
            assertThat(c.readings().get(0).hasThresholds()).isFalse();
            assertThat(c.readings().get(1).hasThresholds()).isTrue();
            assertThat(c.readings().get(1).highWarning().source()).isEqualTo("chassisFanLimit / 100");
            assertThat(c.counters()).containsOnlyKeys("in_packets");
            assertThat(c.health()).singleElement().isInstanceOfSatisfying(HealthRule.MapRule.class, m -> {
                assertThat(m.to()).containsEntry("ok", Health.OK).containsEntry("failed", Health.FAILED);
                assertThat(m.otherwise()).as("default when not given").isEqualTo(Health.UNKNOWN);
            });
        }

        @Test
        void enumStatesKeepTheirWords() {
            ColumnDef status = p.columns().get("fanStatus");
            assertThat(status.isEnum()).isTrue();
            assertThat(status.stateWords()).containsExactly("ok", "failed", "absent");
            assertThat(status.states()).containsEntry("3", "absent");
        }
    }
}
