package io.nplus.alerting.rules;

import static io.nplus.alerting.engine.Harness.MINUTE;
import static io.nplus.alerting.engine.Harness.iface;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.Harness;
import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** nic_share, near_capacity and speed_drop, with the built-in rules (OnboardNicCarriesTraffic ...). */
class InterfaceRuleTest {
    private static final Component ENO1 = Component.builder(ComponentKind.INTERFACE, "2").name("eno1").state("up")
        .reading("speed_bits_per_second", 1e9).label("interface_role", "onboard").profile("if_mib").build();
    private static final Component ENS1 = iface("4", "ens1f0", "up", 25e9);
    private static final Component LO = iface("1", "lo", "up", 1e7);

    /** A poll of lb-1 with eno1 and ens1f0 carrying these many bytes per second (in + out, split evenly). */
    private static void lb(Harness h, double eno1, double ens1) {
        h.poll("lb-1").components(LO, ENO1, ENS1)
            .rate(ENO1, "in_octets", eno1 / 2).rate(ENO1, "out_octets", eno1 / 2)
            .rate(ENS1, "in_octets", ens1 / 2).rate(ENS1, "out_octets", ens1 / 2)
            .rate(LO, "in_octets", 1000).observe();
        h.advance(MINUTE);
    }

    @Test
    void theOnboardNicCarryingTheTrafficWhileA25gNicExistsIsReported() {
        Harness h = Harness.builtIn().targets("lb-1");
        for (int i = 0; i < 5; i++) {
            lb(h, 60e6, 40e6);
        }
        assertThat(h.state("OnboardNicCarriesTraffic")).as("for 5m").isEqualTo(AlertState.PENDING);
        lb(h, 60e6, 40e6);
        assertThat(h.fired("OnboardNicCarriesTraffic")).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("nplus:OnboardNicCarriesTraffic:lb-1:interface/2");
            assertThat(a.summary()).isEqualTo("lb-1: onboard interface eno1 carries 60% of the host's traffic (480 Mbit/s)"
                + " while a 25000 Mbit/s interface exists");
        });
        lb(h, 1e6, 99e6);
        assertThat(h.resolved("OnboardNicCarriesTraffic")).hasSize(1);
    }

    @Test
    void noAlertWhenTheFasterNicCarriesTheTrafficOrTheOnboardOneIsNearlyIdle() {
        Harness h = Harness.builtIn().targets("lb-1");
        for (int i = 0; i < 30; i++) {
            lb(h, 5e6, 95e6);
        }
        for (int i = 0; i < 30; i++) {
            lb(h, 0.9e6, 0.1e6); // 90% of a quiet host: under min_bytes_per_second
        }
        assertThat(h.engine.alerts()).isEmpty();
    }

    @Test
    void noAlertWhenThereIsNoFasterNic() {
        Harness h = Harness.builtIn().targets("lb-1");
        Component eno2 = Component.builder(ComponentKind.INTERFACE, "3").name("eno2").state("up")
            .reading("speed_bits_per_second", 1e9).label("interface_role", "onboard").build();
        for (int i = 0; i < 30; i++) {
            h.poll("lb-1").components(ENO1, eno2).rate(ENO1, "in_octets", 50e6).rate(eno2, "in_octets", 10e6).observe();
            h.advance(MINUTE);
        }
        assertThat(h.engine.alerts()).isEmpty();
    }

    @Test
    void nearCapacity() {
        Harness h = Harness.builtIn().targets("sw");
        Component te1 = iface("1", "Ethernet1", "up", 1e10);
        for (int i = 0; i < 30; i++) {
            h.poll("sw").components(te1).rate(te1, "in_octets", 0.5e9).rate(te1, "out_octets", 1.1e9).observe();
            h.advance(MINUTE);
        }
        assertThat(h.engine.alerts()).as("88% is under 90%").isEmpty();
        for (int i = 0; i <= 5; i++) {
            h.poll("sw").components(te1).rate(te1, "in_octets", 0.5e9).rate(te1, "out_octets", 1.2e9).observe();
            h.advance(MINUTE);
        }
        assertThat(h.fired("InterfaceNearCapacity")).singleElement().extracting(Alert::summary)
            .isEqualTo("sw: Ethernet1 runs at 96% of 10000 Mbit/s");
        // keep_firing_for 10m: a dip does not end it.
        for (int i = 0; i < 9; i++) {
            h.poll("sw").components(te1).rate(te1, "out_octets", 0.1e9).observe();
            h.advance(MINUTE);
        }
        assertThat(h.resolved("InterfaceNearCapacity")).isEmpty();
        h.advance(MINUTE);
        h.poll("sw").components(te1).rate(te1, "out_octets", 0.1e9).observe();
        assertThat(h.resolved("InterfaceNearCapacity")).hasSize(1);
    }

    @Test
    void aTenGigLinkThatRenegotiatesToOneGigWhileUp() {
        Harness h = Harness.builtIn().targets("sw");
        for (int i = 0; i < 10; i++) {
            h.observe("sw", iface("9", "Te0/9", "up", 1e10));
            h.advance(MINUTE);
        }
        var dropped = h.now();
        for (int i = 0; i <= 2; i++) {
            h.observe("sw", iface("9", "Te0/9", "up", 1e9));
            h.advance(MINUTE);
        }
        assertThat(h.fired("LinkSpeedDropped")).singleElement().satisfies(a -> {
            assertThat(a.summary()).isEqualTo("sw: Te0/9 renegotiated from 10000 Mbit/s to 1000 Mbit/s");
            assertThat(a.firedAt()).isEqualTo(dropped.plus(Duration.ofMinutes(2)));
        });
        h.observe("sw", iface("9", "Te0/9", "up", 1e10));
        assertThat(h.resolved("LinkSpeedDropped")).hasSize(1);
    }

    @Test
    void aLinkThatIsDownAtALowerSpeedIsNoSpeedDrop() {
        Harness h = Harness.builtIn().targets("sw");
        h.observe("sw", iface("9", "Te0/9", "up", 1e10));
        for (int i = 0; i < 10; i++) {
            h.advance(MINUTE);
            h.observe("sw", iface("9", "Te0/9", "down", 1e9));
        }
        assertThat(h.engine.alerts()).isEmpty();
    }
}
