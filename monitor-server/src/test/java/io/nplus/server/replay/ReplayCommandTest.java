package io.nplus.server.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.server.cli.NplusRun;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 8: {@code nplus replay} end to end: lab, real SNMP polling, built-in rules, notifier, capture receiver. */
class ReplayCommandTest {
    static String scenario(String name) {
        try {
            return Path.of(ReplayCommandTest.class.getResource("/scenarios/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedDrivePagesOnceWithinTheIntervalAndResolvesWhenReplaced() throws Exception {
        NplusRun run = NplusRun.of("replay", scenario("disk-fails.yaml"), "--virtual", "--json");
        assertThat(run.err()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("pages")).hasSize(1);
        JsonNode page = json.get("pages").get(0);
        assertThat(page.get("device").asText()).isEqualTo("db1");
        assertThat(page.get("component").asText()).isEqualTo("Physical Disk 0:1:2");
        assertThat(page.get("rule").asText()).isEqualTo("StorageRedundancyLost");
        assertThat(page.get("severity").asText()).isEqualTo("page");
        assertThat(page.get("summary").asText()).contains("Physical Disk 0:1:2 is failed");
        // The drive fails at +5m; polled every minute, the page comes at the next poll.
        assertThat(page.get("at_seconds").asLong()).isBetween(300L, 360L);
        assertThat(json.get("resolved")).hasSize(1);
        assertThat(json.get("resolved").get(0).get("rule").asText()).isEqualTo("StorageRedundancyLost");
        // Resolved once the hour of keep_firing_for after the replacement at +20m is over.
        assertThat(json.get("resolved").get(0).get("at_seconds").asLong()).isBetween(4800L, 4860L);
        assertThat(json.get("events")).hasSize(3);
        assertThat(json.get("events").get(0).get("at_seconds").asLong()).isZero();
        assertThat(json.get("events").get(0).get("action").asText()).isEqualTo("heartbeat nightly-backup (max age 1d2h)");
        assertThat(json.get("expectations")).hasSize(4);
        for (JsonNode x : json.get("expectations")) {
            assertThat(x.get("ok").asBoolean()).as(x.toString()).isTrue();
        }
        assertThat(json.get("expectations").get(0).get("time_to_page_seconds").asLong()).isBetween(0L, 60L);
        assertThat(json.get("unexpected_pages")).isEmpty();
        assertThat(run.exit()).isZero();
    }

    @Test
    void aHeartbeatThatStopsPagesAndResolvesWhenItComesBack() throws Exception {
        NplusRun run = NplusRun.of("replay", scenario("backup-stops.yaml"), "--virtual", "--json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("pages")).hasSize(1);
        JsonNode page = json.get("pages").get(0);
        assertThat(page.get("rule").asText()).isEqualTo("HeartbeatMissing");
        assertThat(page.get("heartbeat").asText()).isEqualTo("nightly-backup");
        assertThat(page.get("device").asText()).isEmpty();
        assertThat(page.get("at_seconds").asLong()).isBetween(600L, 660L);
        assertThat(json.get("resolved").findValuesAsText("at_seconds")).containsExactly("1200");
        assertThat(json.get("expectations").findValuesAsText("ok")).containsOnly("true");
        assertThat(run.exit()).isZero();
    }

    @Test
    void theScenariosGroupsReachTheRulesAsTheRunConfigsDo() throws Exception {
        NplusRun run = NplusRun.of("replay", scenario("group-loses-member.yaml"), "--virtual", "--json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode group = null;
        for (JsonNode p : json.get("pages")) {
            if (p.get("rule").asText().equals("RedundancyLost")) {
                group = p;
            }
        }
        assertThat(group).as(run.out()).isNotNull();
        assertThat(group.get("group").asText()).isEqualTo("db1-mirror");
        assertThat(group.get("summary").asText()).startsWith("db1-mirror: 1 of 2 healthy, need 2");
        assertThat(run.exit()).isZero();
    }

    @Test
    void aFailingExpectationExitsOneAndSaysWhichAndWhy() {
        NplusRun run = NplusRun.of("replay", scenario("disk-fails-wrong.yaml"), "--virtual");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("PAGE      db1 \"Physical Disk 0:1:2\" StorageRedundancyLost: db1: physical drive"
            + " Physical Disk 0:1:2 is failed");
        assertThat(run.out()).contains("FAILED  page db1 \"Disk 0:1:7\" within 5m after +5m00s, at most 1 page: no"
            + " matching page at all; pages: +5m");
        assertThat(run.out()).contains("ok      page db1 \"Disk 0:1:2\" within 2m after +5m00s: paged at +5m");
        assertThat(run.out()).contains("1 of 5 expectations FAILED");
    }

    @Test
    void aBadFileExitsTwoWithFileLineAndWhatIsWrong() {
        NplusRun run = NplusRun.of("replay", scenario("broken.yaml"), "--virtual");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("broken.yaml:6 events[0].at: 2h is beyond the scenario's duration 1h");
    }

    @Test
    void groupsAreCheckedAsTheRunConfigsAre() {
        NplusRun run = NplusRun.of("replay", scenario("groups-bad.yaml"), "--virtual");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("groups-bad.yaml:9 groups[0].members[0].target: no target matches 'db2';"
            + " targets: db1");
    }

    @Test
    void anUnknownNameExitsTwoAndListsTheBuiltInScenarios() {
        NplusRun run = NplusRun.of("replay", "no-such-scenario");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no file 'no-such-scenario' and no built-in scenario of that name; built-in: demo");
    }

    @Test
    void listShowsTheBuiltInScenarios() {
        NplusRun run = NplusRun.of("replay", "--list");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("demo").contains("15m");
    }

    @Test
    void theBuiltInDemoHoldsItsExpectationsByName() throws Exception {
        NplusRun run = NplusRun.of("replay", "demo", "--virtual", "--json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("scenario").asText()).isEqualTo("demo");
        assertThat(json.get("events")).hasSize(4);
        // The demo itself adds tickets, never a page: the drive's predictive failure is a ticket.
        assertThat(json.get("notifications").findValuesAsText("rule")).contains("StorageAtRisk");
        assertThat(json.get("pages").findValuesAsText("device")).doesNotContain("raid-server");
        assertThat(run.exit()).isZero();
    }
}
