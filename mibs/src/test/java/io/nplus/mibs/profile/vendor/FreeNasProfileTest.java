package io.nplus.mibs.profile.vendor;

import static io.nplus.mibs.profile.vendor.ApplianceWalks.component;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.interpret;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.ofKind;
import static io.nplus.mibs.profile.vendor.ApplianceWalks.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.testdata.TestData;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** freenas.yaml on the truenas recording (pools freenas-boot and tank, online) and with tank's health changed. */
class FreeNasProfileTest {
    static final MibSnapshot TRUENAS = TestData.read("truenas");

    @ParameterizedTest(name = "zpoolHealth {0} -> {1}")
    @CsvSource({"0, OK", "1, DEGRADED", "2, FAILED", "3, FAILED", "4, FAILED", "5, FAILED", "6, UNKNOWN"})
    void everyPoolHealthOfTheMib(int health, Health expected) {
        var h = interpret(with(TRUENAS, "1.3.6.1.4.1.50536.1.1.1.1.7.2", health));
        assertThat(ofKind(h, ComponentKind.VIRTUAL_DRIVE)).hasSize(2);
        Component tank = component(h, ComponentKind.VIRTUAL_DRIVE, "zpool.2");
        assertThat(tank.name()).isEqualTo("tank");
        assertThat(tank.health()).isEqualTo(expected);
        assertThat(component(h, ComponentKind.VIRTUAL_DRIVE, "zpool.1").health()).isEqualTo(Health.OK);
        if (expected == Health.DEGRADED) {
            assertThat(tank.reason()).isEqualTo("pool tank is degraded");
        }
    }
}
