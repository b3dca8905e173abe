package io.nplus.snmp.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Counter;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 4, the counter engine (reliability.md T8–T10): rates only from deltas that can be trusted. */
class RateEngineTest {
    static final double G = 1e9;
    static final long TWO_32 = 1L << 32;
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    static Component iface(String counter, Counter value, double speed, Double discontinuity) {
        Component.Builder b = Component.builder(ComponentKind.INTERFACE, "3").name("eth0").reading("speed_bits_per_second", speed)
            .counter(counter, value);
        if (discontinuity != null) {
            b.reading("discontinuity_uptime_seconds", discontinuity);
        }
        return b.build();
    }

    static Arguments row(String what, String counter, int bits, long before, long after, double seconds, double speed,
                         Double expected) {
        return Arguments.of(what, counter, bits, before, after, seconds, speed, expected);
    }

    static Stream<Arguments> cases() {
        long u64Top = -1_000_000_000L;                    // 2^64 - 1e9, as SNMP4J's signed long
        long u63 = Long.MAX_VALUE - 999_999_999L;           // 2^63 - 1e9
        return Stream.of(
            row("64-bit, plain delta", "in_octets", 64, 1_000, 1_000 + 125_000_000L * 10, 10, G, 125e6),
            row("64-bit crossing 2^63 stays unsigned", "in_octets", 64, u63, u63 + 2_000_000_000L, 10, 10 * G, 2e8),
            row("64-bit crossing 2^64: one plausible wrap", "in_octets", 64, u64Top, 500_000_000L, 10, 10 * G, 1.5e8),
            row("64-bit reset (down, implausible as a wrap)", "in_octets", 64, 5_000_000_000_000L, 1_000_000L, 10, 10 * G, null),
            row("64-bit down with no known speed: a reset", "in_octets", 64, u64Top, 500_000_000L, 10, 0, null),
            row("1G, 10 s: one Counter32 wrap corrected", "in_octets", 32, TWO_32 - 1_000_000_000L, 250_000_000L, 10, G, 125e6),
            row("1G, 10 s: increase trusted", "in_octets", 32, 1_000, 1_000 + 500_000_000L, 10, G, 5e7),
            row("1G, 60 s: longer than the 34 s wrap time, unknown", "in_octets", 32, 1_000, 1_000_000_000L, 60, G, null),
            row("10G, 60 s: Counter32 unknown even going up", "in_octets", 32, 1_000, 2_000_000_000L, 60, 10 * G, null),
            row("40G, 10 s: Counter32 wraps in 0.86 s, unknown", "in_octets", 32, 5, 6, 10, 40 * G, null),
            row("100M, 60 s: wrap time 5.7 min, wrap corrected", "in_octets", 32, TWO_32 - 100L, 599_999_900L, 60, 100e6, 1e7),
            row("Counter32 down with no speed: unknown", "in_octets", 32, 2_000_000_000L, 5, 10, 0, null),
            row("Counter32 up with no speed: trusted", "in_errors", 32, 5, 15, 10, 0, 1.0),
            row("above 110 % of the speed: implausible", "in_octets", 64, 0, 200_000_000L * 10, 10, G, null),
            row("packets bounded by minimum frames", "in_unicast_packets", 64, 0, 1_500_000L * 10, 10, G, 1.5e6),
            row("packets above line rate: implausible", "in_unicast_packets", 64, 0, 2_000_000L * 10, 10, G, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rateIsTrustedOnlyWhenItCanBe(String what, String counter, int bits, long before, long after, double seconds,
                                      double speed, Double expected) {
        RateEngine e = new RateEngine();
        e.update(T0, 1000.0, List.of(iface(counter, new Counter(before, bits), speed, 0.0)));
        RateEngine.Rates r = e.update(T0.plusMillis((long) (seconds * 1000)), 1000.0 + seconds,
            List.of(iface(counter, new Counter(after, bits), speed, 0.0)));
        Double got = r.of("interface", "3").get(counter);
        if (expected == null) {
            assertThat(got).as(what).isNull();
        } else {
            assertThat(got).as(what).isCloseTo(expected, within(expected * 1e-9));
        }
    }

    @Test
    void firstPollOnlySeeds() {
        RateEngine e = new RateEngine();
        RateEngine.Rates r = e.update(T0, 5.0, List.of(iface("in_octets", new Counter(10, 64), G, null)));
        assertThat(r.byComponent()).isEmpty();
        assertThat(r.reboot()).isFalse();
    }

    @Test
    void rebootDropsEverySampleOnceAndReseeds() {
        RateEngine e = new RateEngine();
        e.update(T0, 100_000.0, List.of(iface("in_octets", new Counter(9_000_000_000L, 64), G, null)));
        RateEngine.Rates reboot = e.update(T0.plusSeconds(60), 30.0, List.of(iface("in_octets", new Counter(1_000, 64), G, null)));
        assertThat(reboot.reboot()).isTrue();
        assertThat(reboot.byComponent()).isEmpty();
        assertThat(reboot.events()).singleElement().asString().startsWith("reboot: sysUpTime went from 100000 s to 30 s");
        RateEngine.Rates after = e.update(T0.plusSeconds(120), 90.0, List.of(iface("in_octets", new Counter(61_000, 64), G, null)));
        assertThat(after.of("interface", "3").get("in_octets")).isEqualTo(1000.0);
    }

    @Test
    void sysUpTimeWrapAfter497DaysIsNotAReboot() {
        RateEngine e = new RateEngine();
        double nearWrap = RateEngine.UPTIME_WRAP_SECONDS - 20;
        e.update(T0, nearWrap, List.of(iface("in_octets", new Counter(0, 64), G, null)));
        RateEngine.Rates r = e.update(T0.plusSeconds(60), 40.0, List.of(iface("in_octets", new Counter(60_000, 64), G, null)));
        assertThat(r.reboot()).isFalse();
        assertThat(r.of("interface", "3").get("in_octets")).isEqualTo(1000.0);
    }

    @Test
    void changedDiscontinuityTimeDropsOnlyThatInterface() {
        RateEngine e = new RateEngine();
        Component other = Component.builder(ComponentKind.INTERFACE, "4").reading("speed_bits_per_second", G)
            .reading("discontinuity_uptime_seconds", 0.0).counter("in_octets", new Counter(0, 64)).build();
        e.update(T0, 1000.0, List.of(iface("in_octets", new Counter(0, 64), G, 0.0), other));
        Component otherLater = Component.builder(ComponentKind.INTERFACE, "4").reading("speed_bits_per_second", G)
            .reading("discontinuity_uptime_seconds", 0.0).counter("in_octets", new Counter(10_000, 64)).build();
        RateEngine.Rates r = e.update(T0.plusSeconds(10), 1010.0,
            List.of(iface("in_octets", new Counter(5_000, 64), G, 1005.0), otherLater));
        assertThat(r.of("interface", "3")).isEmpty();
        assertThat(r.of("interface", "4").get("in_octets")).isEqualTo(1000.0);
        assertThat(r.events()).containsExactly("eth0: ifCounterDiscontinuityTime changed; no rate this poll");
    }

    @Test
    void missedPollsUseTheRealIntervalAnd64BitCountersStayExact() {
        RateEngine e = new RateEngine();
        e.update(T0, 1000.0, List.of(iface("in_octets", new Counter(0, 64), 10 * G, null)));
        // Two polls were missed: 180 s passed, not 60.
        RateEngine.Rates r = e.update(T0.plusSeconds(180), 1180.0,
            List.of(iface("in_octets", new Counter(180L * 1_000_000_000L, 64), 10 * G, null)));
        assertThat(r.of("interface", "3").get("in_octets")).isEqualTo(1e9);
    }

    @Test
    void switchFromThirtyTwoToSixtyFourBitsReseeds() {
        RateEngine e = new RateEngine();
        e.update(T0, 1000.0, List.of(iface("in_octets", new Counter(100, 32), G, null)));
        RateEngine.Rates r = e.update(T0.plusSeconds(10), 1010.0, List.of(iface("in_octets", new Counter(200, 64), G, null)));
        assertThat(r.of("interface", "3")).isEmpty();
    }
}
