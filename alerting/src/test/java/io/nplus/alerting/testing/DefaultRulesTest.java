package io.nplus.alerting.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.rules.RulePack;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The built-in pack works: its shipped tests (rules/default.tests.yaml) pass, and every rule is seen firing. */
class DefaultRulesTest {
    @Test
    void theShippedTestsOfTheBuiltInRulesPass() {
        List<RuleTestRunner.Result> results = RuleTestRunner.run(RuleTestFile.builtIn(), name -> true);
        StringBuilder failures = new StringBuilder();
        for (RuleTestRunner.Result r : results) {
            if (!r.passed()) {
                failures.append("\n").append(r.where()).append(" ").append(r.name()).append(":\n  ")
                    .append(String.join("\n  ", r.failures()));
            }
        }
        assertThat(failures.toString()).as("failed tests").isEmpty();
        assertThat(results).hasSizeGreaterThan(20);
    }

    @Test
    void everyBuiltInRuleIsExpectedToFireSomewhere() {
        Set<String> expected = new TreeSet<>();
        for (RuleTestFile.RuleTest t : RuleTestFile.builtIn().tests()) {
            for (RuleTestFile.Case c : t.cases()) {
                c.alerts().forEach(a -> expected.add(a.alertname()));
            }
        }
        Set<String> untested = new TreeSet<>(RulePack.builtIn().names());
        untested.removeAll(expected);
        assertThat(untested).as("built-in rules no test expects to fire").isEmpty();
    }
}
