package io.nplus.mibs.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nplus.mibs.yaml.YamlDocument;
import io.nplus.mibs.yaml.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A broken trap mapping file stops with file:line, key path and what is wrong, as a broken profile does. */
class TrapLoaderTest {
    private static final Path BAD_DIR = Path.of("src/test/resources/traps-bad");

    /** file | line | key path | problem (a part of it). */
    static final String BAD = """
        bad-object-oid                 |  4 | objects.ifOperStatus          | '1.3.6.1.2.1.2.2.1.8.x' is not a numeric OID
        bad-trap-oid                   |  4 | traps[0].oid                  | 'IF-MIB::linkDown' is not a numeric OID
        component-without-id-or-name   |  8 | traps[0].component            | a component needs an id or a name
        duplicate-trap-oid             |  8 | traps[1].oid                  | OID 1.3.6.1.6.3.1.1.5.3 is mapped twice in this file
        invalid-yaml                   |  5 | ""                            | not valid YAML
        map-unknown-state              |  9 | traps[0].severity.to          | unknown state 'dwon' of ifAdminStatus; expected up, down, testing
        map-without-default            |  7 | traps[0].severity             | a mapped severity needs 'default'
        missing-mib                    |  1 | mib                           | every trap file names the MIB module
        missing-text                   |  3 | traps[0]                      | trap coldStart needs a text
        object-under-object            |  4 | objects.ifIndexOfPort3        | lies under ifIndex (1.3.6.1.2.1.2.2.1.1): declare objects, not instances
        repoll-empty                   |  7 | traps[0].repoll               | an empty repoll list polls nothing
        repoll-not-a-profile-id        |  7 | traps[0].repoll               | got 'IF-MIB'
        row-not-declared               |  7 | traps[0].row                  | 'ifOperStatus' is not declared under objects; declared: ifIndex
        state-without-component        |  7 | traps[0].state                | a state belongs to a component
        unknown-key                    |  9 | traps[0].txt                  | unknown key 'txt'; allowed: component, index, name, oid, repoll, row, severity, state, text
        unknown-kind                   |  8 | traps[0].component.kind       | unknown kind 'port'; expected controller
        unknown-name-in-text           | 12 | traps[0].text[1]              | unknown name 'ifNmae'; declared: ifIndex, ifDescr, index
        unknown-severity               |  5 | traps[0].severity             | unknown severity 'page'; expected info, ok, warning, degraded, failed
        # Jackson does not resolve YAML aliases: the file stops at the alias, with its line (write mappings out).
        yaml-alias                     | 12 | traps[1].component            | ('if')
        """;

    static List<TrapMapping> load(String name) throws IOException {
        return TrapLoader.load(YamlDocument.read(BAD_DIR.resolve(name + ".yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = BAD)
    void aBrokenFileIsRejectedWithFileLineAndProblem(String file, int line, String path, String problem) {
        String name = BAD_DIR.resolve(file + ".yaml").toString();
        assertThatThrownBy(() -> load(file))
            .isInstanceOfSatisfying(YamlException.class, e -> {
                assertThat(e.file()).isEqualTo(name);
                assertThat(e.line()).as("line").isEqualTo(line);
                assertThat(e.path()).as("key path").isEqualTo(path);
                assertThat(e.problem()).contains(problem);
                assertThat(e.getMessage()).startsWith(name + ":" + line + (path.isEmpty() ? "" : " " + path) + ": ");
            });
    }

    @Test
    void everyBrokenFileIsInTheTable() throws IOException {
        List<String> inTable = BAD.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .map(l -> l.substring(0, l.indexOf('|')).strip() + ".yaml").toList();
        try (Stream<Path> files = Files.list(BAD_DIR)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(inTable);
        }
    }

    @Test
    void aBrokenBuiltInFileWouldStopTheCatalogWithItsName() {
        assertThatThrownBy(() -> TrapLoader.load(YamlDocument.parse("traps/if_mib.yaml", "mib: IF-MIB\ntraps: []\n")))
            .isInstanceOf(YamlException.class)
            .hasMessage("traps/if_mib.yaml:2 traps: a trap file maps at least one notification under 'traps'");
    }

    @Test
    void repollDefaultsToTheWholeDeviceAndFalseToNothing() {
        List<TrapMapping> m = TrapLoader.load(YamlDocument.parse("inline.yaml", """
            mib: X-MIB
            traps:
              - {name: a, oid: 1.3.6.1.4.1.1.0.1, severity: info, text: a}
              - {name: b, oid: 1.3.6.1.4.1.1.0.2, severity: info, text: b, repoll: false}
              - {name: c, oid: 1.3.6.1.4.1.1.0.3, severity: info, text: c, repoll: true}
              - {name: d, oid: 1.3.6.1.4.1.1.0.4, severity: info, text: d, repoll: if_mib}
            """));
        assertThat(m).extracting(TrapMapping::repoll).containsExactly(true, false, true, true);
        assertThat(m).extracting(TrapMapping::repollProfiles)
            .containsExactly(List.of(), List.of(), List.of(), List.of("if_mib"));
    }
}
