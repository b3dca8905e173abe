package io.nplus.mibs.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.data.Snmprec;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Health;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, incident 5: the numbers site scripts publish with net-snmp "exec" (UCD-SNMP-MIB extTable) become a
 * limit or a value, and a count at its limit is a warning. Walk: testdata/walks-special/linux-exec.snmprec.
 */
class UcdExecProfileTest {
    private static final String OUTPUT = "1.3.6.1.4.1.2021.8.1.101.";
    private static final String RESULT = "1.3.6.1.4.1.2021.8.1.100.";

    private static DeviceInterpreter.DeviceHealth interpret(String... replacements) throws Exception {
        String text = Files.readString(TestData.special("linux-exec"));
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        MibSnapshot walk = Snmprec.read(new BufferedReader(new StringReader(text)), "linux-exec");
        return ProfilesOnCorpusTest.INTERPRETER.interpret(walk);
    }

    private static Component named(DeviceInterpreter.DeviceHealth h, String name) {
        return h.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aLimitAndACountAreReadFromTheScriptsOutput() throws Exception {
        DeviceInterpreter.DeviceHealth h = interpret();
        assertThat(h.profiles()).contains("ucd_exec");
        Component limit = named(h, "max_connections");
        assertThat(limit.id()).isEqualTo("exec.1");
        assertThat(limit.readings()).containsEntry("limit", 5000.0).doesNotContainKey("value");
        assertThat(limit.health()).isEqualTo(Health.OK);
        Component count = named(h, "connections");
        assertThat(count.readings()).containsEntry("value", 12.0).doesNotContainKey("limit");
        assertThat(count.health()).isEqualTo(Health.OK);
        assertThat(count.labels()).containsEntry("command", "/usr/local/bin/pg-count-connections");
    }

    @Test
    void aCountPinnedAtItsLimitIsAWarningThatNamesTheLimit() throws Exception {
        DeviceInterpreter.DeviceHealth h = interpret(OUTPUT + "1|4|5000", OUTPUT + "1|4|30", OUTPUT + "2|4|12",
            OUTPUT + "2|4|30");
        Component count = named(h, "connections");
        assertThat(count.health()).isEqualTo(Health.WARNING);
        assertThat(count.reason()).isEqualTo("connections 30 is at its limit (max_connections 30)");
        assertThat(named(h, "max_connections").health()).isEqualTo(Health.OK);
    }

    @Test
    void aScriptThatFailsIsAWarningAndOutputWithoutANumberGivesNoReading() throws Exception {
        DeviceInterpreter.DeviceHealth h = interpret(RESULT + "1|2|0", RESULT + "1|2|2", OUTPUT + "1|4|5000",
            OUTPUT + "1|4|psql: could not connect to server");
        Component limit = named(h, "max_connections");
        assertThat(limit.health()).isEqualTo(Health.WARNING);
        assertThat(limit.reason()).isEqualTo("/usr/local/bin/pg-setting max_connections exited with status 2");
        assertThat(limit.readings()).doesNotContainKeys("limit", "value");
    }
}
