package io.nplus.snmp.lab.scenario;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.testdata.TestData;
import java.util.List;

/** The repository's recorded walks as a scenario's walk source: {@code drac_r640.snmprec} is testdata/walks/drac_r640. */
final class Walks implements WalkSource {
    static final Walks TESTDATA = new Walks();

    @Override
    public MibSnapshot walk(String name) {
        String n = name.replaceAll("\\.snmprec$", "");
        return TestData.walkNames().contains(n) ? TestData.read(n) : null;
    }

    @Override
    public List<String> names() {
        return List.of("drac_r640", "junos_mx5t-isis", "...");
    }

    static Scenario parse(String yaml) {
        return ScenarioLoader.parse("test.yaml", yaml, WalkSource.NONE, TESTDATA);
    }
}
