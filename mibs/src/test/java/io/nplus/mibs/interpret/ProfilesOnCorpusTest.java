package io.nplus.mibs.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.testdata.Expected;
import io.nplus.mibs.testdata.TestData;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3: detection and every matched profile, run on every corpus walk, give exactly the reviewed expected
 * components (kinds, counts, names, health, states, readings with units, thresholds). The same files are what
 * {@code nplus poll} must print over SNMP (PollGoldenTest in monitor-server), so a profile is right both ways.
 */
class ProfilesOnCorpusTest {
    static final DeviceInterpreter INTERPRETER = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()));

    static Stream<String> walks() {
        return TestData.selectedWalkNames().stream();
    }

    @ParameterizedTest
    @MethodSource("walks")
    void recordingGivesTheReviewedComponents(String walk) {
        DeviceInterpreter.DeviceHealth health = INTERPRETER.interpret(TestData.read(walk));
        String actual = Expected.canonical(walk, Expected.toJson(health));
        if (Expected.updating() || !Expected.exists(walk)) {
            Expected.write(walk, actual);
        }
        assertThat(actual).isEqualTo(Expected.read(walk));
    }
}
