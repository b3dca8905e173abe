package io.nplus.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nplus.core.store.codec.Kind;
import io.nplus.core.time.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: appends, compaction, rollups and retention on a virtual clock, and a restart that keeps history. */
class TimeSeriesStoreTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path tmp;
    VirtualClock clock;
    DataDir dir;
    TimeSeriesStore store;

    @BeforeEach
    void open() throws Exception {
        clock = new VirtualClock(T0);
        dir = DataDir.lock(tmp.resolve("data"));
        store = TimeSeriesStore.open(dir, clock, TimeSeriesStore.Options.defaults());
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        dir.close();
    }

    static long g(double v) {
        return Double.doubleToRawLongBits(v);
    }

    int gauge(String target, String component) throws Exception {
        return store.series(SeriesKey.of("nplus_transceiver_rx_power_dbm", Map.of("target", target, "component",
            component)), Kind.GAUGE, target).id();
    }

    int counter(String target, String component) throws Exception {
        return store.series(SeriesKey.of("nplus_interface_in_octets_total", Map.of("target", target, "component",
            component)), Kind.COUNTER, target).id();
    }

    /** Polls every 60 s (+- jitter) for {@code minutes}, maintaining as a running nplus would. */
    List<long[]> poll(int minutes, int rx, int octets, Random random) throws Exception {
        List<long[]> sent = new ArrayList<>(); // t, rx bits, octets
        long counter = Long.MAX_VALUE - 1_000_000_000L; // crosses 2^63 along the way, and stays unsigned
        for (int m = 0; m < minutes; m++) {
            long t = clock.millis() + random.nextInt(900);
            double power = -3.0 - (m % 10) * 0.01;
            counter += 1_000_000L * 60 + random.nextInt(1000);
            store.append("sw1", t, new int[] {rx, octets}, new long[] {g(power), counter});
            sent.add(new long[] {t, g(power), counter});
            clock.advance(Duration.ofMinutes(1));
            store.maintain();
        }
        return sent;
    }

    @Test
    void whatWasAppendedReadsBackExactlyBeforeAndAfterCompaction() throws Exception {
        int rx = gauge("sw1", "xe-0/0/0");
        int octets = counter("sw1", "xe-0/0/0");
        List<long[]> sent = poll(5 * 60, rx, octets, new Random(1));
        assertThat(tables("WAL_")).as("only the open window is still raw rows").hasSize(1);
        assertThat(tables("BLK_")).hasSize(1);
        Samples r = store.read(rx, 0, Long.MAX_VALUE);
        Samples c = store.read(octets, 0, Long.MAX_VALUE);
        assertThat(r.size()).isEqualTo(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(r.time(i)).isEqualTo(sent.get(i)[0]);
            assertThat(r.raw(i)).isEqualTo(sent.get(i)[1]);
            assertThat(c.raw(i)).isEqualTo(sent.get(i)[2]);
        }
        assertThat(c.kind()).isEqualTo(Kind.COUNTER);
        assertThat(c.value(c.size() - 1)).isGreaterThan(9.2e18); // unsigned above 2^63
        // A sub-range reads only what lies in it.
        Samples part = store.read(rx, sent.get(10)[0], sent.get(20)[0]);
        assertThat(part.size()).isEqualTo(11);
    }

    @Test
    void aLateSampleForACompactedWindowIsMergedIntoItsBlock() throws Exception {
        int rx = gauge("sw1", "et-0/0/1");
        int octets = counter("sw1", "et-0/0/1");
        List<long[]> sent = poll(3 * 60, rx, octets, new Random(2));
        long late = sent.get(5)[0] + 30_000; // between two polls of the first, compacted window
        store.append("sw1", late, new int[] {rx}, new long[] {g(-40.0)});
        clock.advance(Duration.ofHours(3));
        store.maintain();
        Samples r = store.read(rx, sent.get(5)[0], sent.get(6)[0]);
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.value(1)).isEqualTo(-40.0);
        assertThat(store.read(rx, 0, Long.MAX_VALUE).size()).isEqualTo(sent.size() + 1);
        assertThat(tables("WAL_")).isEmpty();
    }

    @Test
    void rollupsKeepMinMaxAverageAndOutliveRawRetention() throws Exception {
        int rx = gauge("sw1", "xe-0/0/2");
        int octets = counter("sw1", "xe-0/0/2");
        poll(2 * 60 + 10, rx, octets, new Random(3));
        clock.advance(Duration.ofMinutes(10));
        store.maintain();
        Rollups.Series ru = store.rollups(rx, 0, Long.MAX_VALUE);
        assertThat(ru.size()).isEqualTo(24); // the first window: 2 h of 5-minute buckets
        // Samples 0..4 of the first bucket: -3.00 .. -3.04.
        assertThat(ru.min()[0]).isEqualTo(-3.04);
        assertThat(ru.max()[0]).isEqualTo(-3.0);
        assertThat(ru.avg()[0]).isCloseTo(-3.02, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ru.count()[0]).isEqualTo(5);

        // 40 days later raw data is gone (whole day tables dropped), the rollups answer ranges instead.
        clock.advance(Duration.ofDays(40));
        TimeSeriesStore.MaintenanceReport rep = store.maintain();
        assertThat(rep.tablesDropped()).isGreaterThan(0);
        assertThat(tables("BLK_")).isEmpty();
        assertThat(store.read(rx, 0, Long.MAX_VALUE).size()).isZero();
        List<Query.Range> range = Query.range(store, Selector.parse("nplus_transceiver_rx_power_dbm{component=\"xe-0/0/2\"}"),
            T0.toEpochMilli(), T0.plus(Duration.ofHours(2)).toEpochMilli() - 1, 300_000, 10);
        assertThat(range).hasSize(1);
        assertThat(range.get(0).fromRollups()).isTrue();
        assertThat(range.get(0).values()[0]).isCloseTo(-3.02, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(range.get(0).values()).doesNotContain(Double.NaN);

        // After a year the rollups go too.
        clock.advance(Duration.ofDays(400));
        store.maintain();
        assertThat(tables("RUP_")).isEmpty();
        assertThat(store.rollups(rx, 0, Long.MAX_VALUE).size()).isZero();
    }

    @Test
    void aRestartResumesWithHistoryAndIdsIntact() throws Exception {
        int rx = gauge("sw1", "xe-0/0/3");
        int octets = counter("sw1", "xe-0/0/3");
        List<long[]> before = poll(150, rx, octets, new Random(4));
        store.close();
        store = TimeSeriesStore.open(dir, clock, TimeSeriesStore.Options.defaults());
        assertThat(gauge("sw1", "xe-0/0/3")).isEqualTo(rx);
        assertThat(counter("sw1", "xe-0/0/3")).isEqualTo(octets);
        int other = gauge("sw2", "xe-0/0/3");
        assertThat(other).isNotIn(rx, octets);
        List<long[]> after = poll(150, rx, octets, new Random(5));
        Samples r = store.read(rx, 0, Long.MAX_VALUE);
        assertThat(r.size()).isEqualTo(before.size() + after.size());
        assertThat(r.raw(0)).isEqualTo(before.get(0)[1]);
        assertThat(r.time(r.size() - 1)).isEqualTo(after.get(after.size() - 1)[0]);
    }

    @Test
    void rangesFollowTheGridAndWindowsCountChanges() throws Exception {
        int rx = gauge("sw1", "xe-0/0/4");
        int octets = counter("sw1", "xe-0/0/4");
        List<long[]> sent = poll(60, rx, octets, new Random(6));
        long start = T0.toEpochMilli();
        List<Query.Range> r = Query.range(store, Selector.parse("{target=\"sw1\",component=\"xe-0/0/4\"}"), start,
            start + 3_600_000, 600_000, 10);
        assertThat(r).hasSize(2);
        Query.Range rxRange = r.stream().filter(x -> x.series().id() == rx).findFirst().orElseThrow();
        assertThat(rxRange.times()).hasSize(7);
        assertThat(rxRange.values()[0]).isNaN(); // the first poll is a few hundred ms after the start
        assertThat(rxRange.values()[1]).isEqualTo(Double.longBitsToDouble(sent.get(9)[1]));
        Query.Stats st = Query.window(store, rx, start, start + 3_600_000);
        assertThat(st.count()).isEqualTo(60);
        assertThat(st.changes()).isEqualTo(59); // -3.00, -3.01 ... -3.09, -3.00 ...: every poll differs from the last
    }

    @Test
    void aSecondOpenOfTheSameDataDirIsRefused() {
        assertThatThrownBy(() -> DataDir.lock(tmp.resolve("data"))).isInstanceOf(StoreException.InUse.class)
            .hasMessageContaining("in use by another nplus").hasMessageContaining(tmp.resolve("data").toString());
    }

    @Test
    void aDamagedFileIsRefusedWithRecoveryStepsAndLeftAsItWas() throws Exception {
        int rx = gauge("sw1", "xe-0/0/5");
        poll(10, rx, counter("sw1", "xe-0/0/5"), new Random(7));
        store.close();
        Path file = dir.databaseFile();
        byte[] bytes = Files.readAllBytes(file);
        Random random = new Random(8);
        for (int i = 0; i < 8192; i++) { // garbage over both file headers (H2 falls back to the second if one is hit)
            bytes[i] = (byte) random.nextInt();
        }
        Files.write(file, bytes);
        assertThatThrownBy(() -> TimeSeriesStore.open(dir, clock, TimeSeriesStore.Options.defaults()))
            .isInstanceOf(StoreException.Corrupt.class)
            .hasMessageContaining("is damaged and nplus will not start on it")
            .hasMessageContaining("org.h2.tools.Recover").hasMessageContaining(file + ".damaged");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        store = TimeSeriesStore.open(DataDir.lock(tmp.resolve("other")), clock, TimeSeriesStore.Options.defaults());
    }

    List<String> tables(String prefix) throws Exception {
        return store.tableNames().stream().filter(t -> t.startsWith(prefix)).toList();
    }
}
