package io.nplus.server.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What on-call should live through in one built-in scenario: its episodes, each one incident. The acceptance of
 * issue 8, per episode: the incident's first page comes within two poll intervals of the symptom (for
 * incidents 1-3: the first lost redundancy) and before the outage; it is one incident (its pages overlap);
 * it resolves once the fault is repaired, within the hour that hardware pages keep firing (plus two polls).
 * Pages about a subject no episode names are pages nobody expected, and fail the case.
 *
 * @param wholeDeviceGroups devices that are whole members of a redundancy group (a pool's nodes): their
 *                          device-level alerts (does not answer) belong to the group's incident
 */
record IncidentCase(String scenario, double intervalSeconds, Map<String, String> wholeDeviceGroups,
                    List<Episode> episodes, String knownIssue) {

    IncidentCase(String scenario, double intervalSeconds, Map<String, String> wholeDeviceGroups, List<Episode> episodes) {
        this(scenario, intervalSeconds, wholeDeviceGroups, episodes, null);
    }

    /**
     * @param subject  a device, a redundancy group, or "heartbeat"
     * @param symptom  seconds from the start: when the fault becomes what should page
     * @param outage   seconds: when the service is down (the page must come before), or -1 when there is none
     * @param repaired seconds: when the fault clears (a drive replaced, the link steady, the optic swapped)
     */
    record Episode(String subject, double symptom, double outage, double repaired) {
    }

    static final double M = 60;
    static final double H = 3600;
    /** The hour a hardware page keeps firing after its condition last held (default rules' keep_firing_for). */
    static final double KEEP_FIRING = H;

    static final List<IncidentCase> ALL = List.of(
        raid("raid-silent-second-failure", "db1", true),
        raid("raid-silent-second-failure-idrac", "db2", false),
        raid("raid-silent-second-failure-hpe", "db3", false),
        raid("raid-silent-second-failure-synology", "nas1", false),
        new IncidentCase("loose-cable-and-wrong-nic", 60,
            Map.of("lb1", "lb-pool", "lb2", "lb-pool", "lb3", "lb-pool", "lb4", "lb-pool"), List.of(
                // The storage bond loses a port at the first flap; the link stays down at 41m; reseated at 70m.
                new Episode("st1-storage-bond", 10 * M, 41 * M, 70 * M),
                // lb1 stops answering at 45m (n+1), lb2 at 47m (n+0: the page), lb3 at 52m (the outage);
                // all three answer again at 2h45m, 2h47m and 2h52m.
                new Episode("lb-pool", 47 * M, 52 * M, 2 * H + 52 * M),
                // stats1 is silent from 90m to 2h; "does not answer" is a fact after the rule's 3m, not one lost poll.
                new Episode("stats1", 93 * M, -1, 2 * H),
                // nplus stops polling stats1 from 3h30m to 3h40m: "no poll finished for 3 intervals" holds from
                // three intervals after its last poll (which came up to one interval before the pause).
                new Episode("stats1", 3 * H + 32 * M, -1, 3 * H + 40 * M))),
        new IncidentCase("correlated-reboot-dual-optics", 60, Map.of(), List.of(
            // Both switches reboot at 10m and 10m40s: one incident for the pair; nothing to repair.
            new Episode("core-pair", 10 * M + 40, -1, 10 * M + 40),
            // Each optic crosses its rx low alarm (-13.49 dBm) at 36m17s (ramp from -2.5 to -20 dBm over 30m..40m)
            // and pages after the rule's 1m; the bundle goes down at 40m; spares fitted at 4h.
            new Episode("core-sw-1", 36 * M + 17 + 60, 40 * M, 4 * H),
            new Episode("core-sw-2", 36 * M + 17 + 60, 40 * M, 4 * H),
            new Episode("storage-uplinks", 40 * M, -1, 4 * H))),
        new IncidentCase("filesystem-read-only", 60, Map.of(), List.of(
            new Episode("web1", 2 * H, -1, 2 * H + 25 * M),
            new Episode("web1", 7 * H, -1, 7 * H + 40 * M),
            new Episode("web1", 12 * H, -1, 12 * H + 15 * M),
            new Episode("web1", 17 * H, -1, 17 * H + 30 * M))),
        new IncidentCase("config-baseline", 60, Map.of(), List.of(
            // max_connections 5000 -> 30 at 3h; users pin the count at 30 at 14h (the outage); restored at 15h.
            // A change rule has no keep_firing_for: it resolves at the next poll after the repair.
            new Episode("db4", 3 * H, 14 * H, 15 * H))));

    /** Incident 1: the first failed drive at 40m is the first lost redundancy; the second at 2h is the outage. */
    private static IncidentCase raid(String scenario, String device, boolean heartbeat) {
        List<Episode> e = new ArrayList<>();
        e.add(new Episode(device, 40 * M, 2 * H, 3 * H));
        if (heartbeat) {
            // The last backup reported at 1m with max_age 26h; the job reports again at 26h30m.
            e.add(new Episode("heartbeat", 26 * H + M, -1, 26 * H + 30 * M));
        }
        return new IncidentCase(scenario, 60, Map.of(), e);
    }

    void check(ReplayJson r) {
        Map<String, List<Incidents.Incident>> incidents = Incidents.of(r, wholeDeviceGroups);
        Map<String, List<Episode>> bySubject = new LinkedHashMap<>();
        episodes.forEach(e -> bySubject.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e));
        assertThat(incidents.keySet()).as("%s: subjects paged about (nobody expected the others)\n%s", scenario,
            r.stdout()).containsExactlyInAnyOrderElementsOf(bySubject.keySet());
        for (Map.Entry<String, List<Episode>> s : bySubject.entrySet()) {
            List<Incidents.Incident> got = incidents.get(s.getKey());
            assertThat(got).as("%s: incidents of %s, one per episode (correlated failures grouped): %s", scenario,
                s.getKey(), got).hasSameSizeAs(s.getValue());
            for (int i = 0; i < got.size(); i++) {
                Episode e = s.getValue().get(i);
                Incidents.Incident in = got.get(i);
                String what = scenario + ": " + e.subject() + " episode " + (i + 1) + " " + in.pages();
                assertThat(in.pages().stream().map(ReplayJson.Alert::identity))
                    .as("%s: no alert pages twice in one incident", what).doesNotHaveDuplicates();
                assertThat(in.start()).as("%s: first page within two polls of the symptom at %ss", what, e.symptom())
                    .isBetween(e.symptom(), e.symptom() + 2 * intervalSeconds);
                if (e.outage() >= 0) {
                    assertThat(in.start()).as("%s: paged before the outage at %ss", what, e.outage())
                        .isLessThan(e.outage());
                }
                assertThat(in.end()).as("%s: resolves after the repair at %ss", what, e.repaired())
                    .isBetween(e.repaired(), e.repaired() + KEEP_FIRING + 2 * intervalSeconds);
            }
        }
    }

    @Override
    public String toString() {
        return scenario;
    }
}
