package io.nplus.alerting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.model.Observation;
import io.nplus.alerting.rules.RulePack;
import io.nplus.alerting.rules.TargetMemory;
import io.nplus.core.time.VirtualClock;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.ProfileCatalog;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.Health;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * 24 quiet hours over every real walk in the corpus, with the built-in rules: a device that does not change pages
 * for exactly what is wrong with it, once, and for nothing else. Prints the list the closing note quotes.
 */
class QuietHoursTest {
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    @Test
    void everyCorpusWalkPolledEveryMinuteForADay() {
        DeviceInterpreter interpreter = new DeviceInterpreter(new Detector(ProfileCatalog.builtIn()));
        Map<String, List<Component>> walks = new LinkedHashMap<>();
        for (String w : TestData.walkNames()) {
            walks.put(w, interpreter.interpret(TestData.read(w)).components());
        }
        assertThat(walks).as("the corpus").hasSizeGreaterThanOrEqualTo(20);

        VirtualClock clock = new VirtualClock(Harness.T0);
        AlertEngine engine = new AlertEngine(clock, RulePack.builtIn(), AlertEngine.Persistence.NONE);
        List<Alert> transitions = new ArrayList<>();
        engine.onTransition(transitions::add);
        Map<String, Duration> fleet = new LinkedHashMap<>();
        walks.keySet().forEach(w -> fleet.put(w, INTERVAL));
        engine.setFleet(fleet, List.of());

        long polls = Duration.ofHours(24).dividedBy(INTERVAL);
        for (long i = 0; i < polls; i++) {
            for (Map.Entry<String, List<Component>> w : walks.entrySet()) {
                engine.observe(new Observation(w.getKey(), clock.instant(), true, "", w.getValue(), Map.of(), false,
                    INTERVAL, Map.of("site", "lab")));
            }
            clock.advance(INTERVAL);
            engine.tick();
        }

        // What really is bad in the walks: warning, degraded or failed (unknown is no fault).
        Map<String, Component> bad = new TreeMap<>();
        walks.forEach((w, cs) -> cs.stream().filter(c -> c.health().rank() >= Health.WARNING.rank())
            .forEach(c -> bad.merge(w + " " + alertKey(c), c,
                (x, y) -> x.health().rank() >= y.health().rank() ? x : y)));

        Map<String, List<Alert>> firedBy = new TreeMap<>();
        for (Alert a : transitions) {
            if (a.state() == AlertState.FIRING) {
                firedBy.computeIfAbsent(a.label("target") + " " + a.label("kind") + "/" + a.label("component"),
                    k -> new ArrayList<>()).add(a);
            }
        }
        StringBuilder list = new StringBuilder("24 quiet hours, built-in rules, " + walks.size() + " walks, " + polls
            + " polls each: " + firedBy.values().stream().mapToInt(List::size).sum() + " FIRING, "
            + transitions.stream().filter(a -> a.state() == AlertState.RESOLVED).count() + " RESOLVED\n");
        list.append(String.format("%-28s %-34s %-38s %-9s %-22s %s%n", "walk", "component", "name", "health",
            "alertname", "severity"));
        firedBy.forEach((k, alerts) -> {
            for (Alert a : alerts) {
                Component c = bad.get(k);
                list.append(String.format("%-28s %-34s %-38s %-9s %-22s %s%n", a.label("target"),
                    a.label("kind") + "/" + a.label("component"), a.label("name"),
                    c == null ? "?" : c.health().word(), a.rule(), a.severity().word()));
            }
        });
        System.out.print(list);

        assertThat(transitions).as("nothing resolves").allMatch(a -> a.state() == AlertState.FIRING);
        assertThat(firedBy.keySet()).as("alerts only about components that really are bad")
            .isEqualTo(bad.keySet());
        firedBy.forEach((k, alerts) -> assertThat(alerts).as("FIRING transitions for " + k).hasSize(1));
        assertThat(engine.alerts()).hasSize(bad.size()).allMatch(v -> v.alert().state() == AlertState.FIRING)
            .noneMatch(AlertEngine.View::inhibited);
        assertThat(transitions).allMatch(a -> a.label("site").equals("lab"));
    }

    /** The lanes of one optic are one alert, about the module. */
    private static String alertKey(Component c) {
        String module = c.labels().getOrDefault("module", "");
        return module.isEmpty() || c.labels().getOrDefault("lane", "").isEmpty() ? TargetMemory.key(c)
            : c.kind().word() + "/" + module;
    }
}
