package io.nplus.core.store;

import io.nplus.core.store.codec.Block;
import io.nplus.core.store.codec.BlockCodec;
import io.nplus.core.store.codec.Column;
import io.nplus.core.store.codec.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * History on H2: series identity, durable appends, compaction into compressed blocks, rollups and retention.
 *
 * <pre>{@code
 * try (DataDir dir = DataDir.lock(Path.of("data"));
 *      TimeSeriesStore store = TimeSeriesStore.open(dir, clock, TimeSeriesStore.Options.defaults())) {
 *     int id = store.series(SeriesKey.of("nplus_storage_used_ratio", Map.of("target", "db1", "component", "dsk.3")),
 *         Kind.GAUGE, "db1");
 *     store.append("db1", clock.millis(), new int[] {id}, new long[] {Double.doubleToRawLongBits(0.37)});
 *     store.maintain();                            // compaction, rollups, retention: due work only
 *     Samples s = store.read(id, from, to);
 * }
 * }</pre>
 *
 * <p>Layout, chosen so that nothing is ever deleted row by row (H2 files grow under row deletes; dropping a
 * table frees its pages as a whole):
 * <ul>
 *   <li>{@code WAL_<window start>}: one row per poll of one group (a device): its samples, raw. Appended in
 *       one committed transaction with {@code WRITE_DELAY=0}, so an acknowledged poll survives kill -9.</li>
 *   <li>{@code BLK_<yyyymmdd>}: once a window (2 h) has closed, each group's rows become one compressed block
 *       (shared timestamps, one column per series; see {@link BlockCodec}) and the window's table is dropped.</li>
 *   <li>{@code RUP_<yyyymm>}: 5-minute min/max/avg/count of every series, made with the block.</li>
 * </ul>
 * Retention drops whole day tables (raw, 30 days by default) and month tables (rollups, a year).
 *
 * <p>Writes are serialized (one writer); reads open their own connections and may run concurrently.
 */
public final class TimeSeriesStore implements Closeable {
    private static final int SCHEMA_VERSION = 1;

    /**
     * @param rawRetention how long raw samples are kept (whole days are dropped once all their data is older)
     * @param rollupRetention how long the 5-minute rollups are kept
     * @param window the span of one block; a window is compacted once {@code grace} has passed after its end
     * @param rollupStep the rollup bucket
     * @param chunkRetentionMillis how long H2 keeps a file chunk that is no longer used before it reuses its space;
     *                             null for H2's default (45 s). Only a benchmark that plays days in seconds lowers
     *                             it (never to 0: H2 can then damage its own file)
     */
    public record Options(Duration rawRetention, Duration rollupRetention, Duration window, Duration rollupStep,
                          Duration grace, Integer chunkRetentionMillis) {
        public Options {
            if (window.toMillis() <= 0 || Duration.ofDays(1).toMillis() % window.toMillis() != 0) {
                throw new IllegalArgumentException("the block window must divide a day, not " + window);
            }
            if (rollupStep.toMillis() <= 0 || window.toMillis() % rollupStep.toMillis() != 0) {
                throw new IllegalArgumentException("the rollup step must divide the block window, not " + rollupStep);
            }
            if (chunkRetentionMillis != null && chunkRetentionMillis < 1000) {
                throw new IllegalArgumentException("H2's chunk retention must stay at 1 s or more, not "
                    + chunkRetentionMillis + " ms");
            }
            if (rawRetention.compareTo(Duration.ofDays(1)) < 0 || rollupRetention.compareTo(rawRetention) < 0) {
                throw new IllegalArgumentException("retention: raw at least 1 day, rollups at least as long as raw"
                    + " (raw " + rawRetention + ", rollups " + rollupRetention + ")");
            }
        }

        public static Options defaults() {
            return new Options(Duration.ofDays(30), Duration.ofDays(365), Duration.ofHours(2), Duration.ofMinutes(5),
                Duration.ofMinutes(2), null);
        }

        public Options withRetention(Duration raw, Duration rollups) {
            return new Options(raw, rollups, window, rollupStep, grace, chunkRetentionMillis);
        }

        public Options withChunkRetention(int millis) {
            return new Options(rawRetention, rollupRetention, window, rollupStep, grace, millis);
        }
    }

    /** A series as the store knows it. */
    public record Series(int id, SeriesKey key, Kind kind, int group) {
    }

    private final DataDir dir;
    private final Clock clock;
    private final Options options;
    private final String url;
    private final Connection writer;
    private final Map<String, Series> seriesByText = new ConcurrentHashMap<>();
    private final Map<Integer, Series> seriesById = new ConcurrentHashMap<>();
    private final Map<String, Integer> groups = new ConcurrentHashMap<>();
    private final NavigableSet<Long> walWindows = new ConcurrentSkipListSet<>();
    private final NavigableSet<Long> blockDays = new ConcurrentSkipListSet<>();     // epoch day
    private final NavigableSet<Long> rollupMonths = new ConcurrentSkipListSet<>();  // year * 12 + month - 1
    private int nextSeries;
    private int nextGroup;
    private volatile boolean closed;

    private TimeSeriesStore(DataDir dir, Clock clock, Options options, String url, Connection writer) {
        this.dir = dir;
        this.clock = clock;
        this.options = options;
        this.url = url;
        this.writer = writer;
    }

    /**
     * Opens (or creates) the store in a locked data directory. A damaged file is refused with
     * {@link StoreException.Corrupt}, whose message gives the recovery steps; it is never replaced by an empty one.
     */
    public static TimeSeriesStore open(DataDir dir, Clock clock, Options options) throws StoreException {
        String url = "jdbc:h2:file:" + dir.databaseBase() + ";WRITE_DELAY=0;MAX_COMPACT_TIME=2000;DB_CLOSE_ON_EXIT=FALSE"
            + (options.chunkRetentionMillis() == null ? "" : ";RETENTION_TIME=" + options.chunkRetentionMillis());
        Connection c;
        try {
            c = DriverManager.getConnection(url, "nplus", "");
        } catch (SQLException e) {
            throw classify(dir, e);
        }
        TimeSeriesStore store = new TimeSeriesStore(dir, clock, options, url, c);
        try {
            c.setAutoCommit(false);
            store.schema();
            store.load();
        } catch (SQLException | RuntimeException e) {
            store.closeQuietly();
            throw e instanceof SQLException s ? classify(dir, s) : new StoreException(dir.databaseFile()
                + ": cannot read the store: " + e.getMessage(), e);
        }
        return store;
    }

    /** Maps H2's opening errors to what the user must do. */
    static StoreException classify(DataDir dir, SQLException e) {
        String msg = String.valueOf(e.getMessage());
        int code = e.getErrorCode();
        if (code == 90020 || msg.contains("already in use") || msg.contains("Database may be already in use")) {
            return new StoreException.InUse("the database " + dir.databaseFile() + " is in use by another process;"
                + " stop it first, or give this nplus its own --data-dir");
        }
        if (code == 90030 || msg.contains("orrupt") || msg.contains("Double mark") || msg.contains("File header")
            || msg.contains("Chunk") || msg.contains("MVStoreException")) {
            java.nio.file.Path file = dir.databaseFile();
            return new StoreException.Corrupt("the history database " + file + " is damaged and nplus will not start"
                + " on it (H2 says: " + firstLine(msg) + "). Nothing was changed. To recover: (1) stop nplus;"
                + " (2) keep a copy: cp " + file + " " + file + ".damaged; (3) try to salvage the data: java -cp"
                + " nplus.jar org.h2.tools.Recover -dir " + dir.path() + " -db nplus, which writes nplus.h2.sql"
                + " for org.h2.tools.RunScript; (4) or start with empty history: mv " + file + " " + file
                + ".damaged and start nplus again.", e);
        }
        return new StoreException("cannot open the history database " + dir.databaseFile() + ": " + firstLine(msg), e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void schema() throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS META(K VARCHAR PRIMARY KEY, V VARCHAR NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS GRPS(ID INT PRIMARY KEY, NAME VARCHAR NOT NULL UNIQUE)");
            st.execute("CREATE TABLE IF NOT EXISTS SERIES(ID INT PRIMARY KEY, GRP INT NOT NULL, KEYTEXT VARCHAR NOT NULL"
                + " UNIQUE, KIND TINYINT NOT NULL)");
            try (ResultSet rs = st.executeQuery("SELECT V FROM META WHERE K = 'schema'")) {
                if (rs.next()) {
                    int v = Integer.parseInt(rs.getString(1));
                    if (v > SCHEMA_VERSION) {
                        throw new SQLException("the store was written by a newer nplus (schema " + v + ", this one reads"
                            + " " + SCHEMA_VERSION + ")");
                    }
                } else {
                    st.execute("INSERT INTO META VALUES ('schema', '" + SCHEMA_VERSION + "')");
                }
            }
        }
        writer.commit();
    }

    private void load() throws SQLException {
        try (Statement st = writer.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT ID, NAME FROM GRPS")) {
                while (rs.next()) {
                    groups.put(rs.getString(2), rs.getInt(1));
                    nextGroup = Math.max(nextGroup, rs.getInt(1) + 1);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT ID, GRP, KEYTEXT, KIND FROM SERIES")) {
                while (rs.next()) {
                    Series s = new Series(rs.getInt(1), SeriesKey.parse(rs.getString(3)), Kind.values()[rs.getInt(4)],
                        rs.getInt(2));
                    seriesByText.put(rs.getString(3), s);
                    seriesById.put(s.id(), s);
                    nextSeries = Math.max(nextSeries, s.id() + 1);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA ="
                + " 'PUBLIC'")) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    if (t.startsWith("WAL_")) {
                        walWindows.add(Long.parseLong(t.substring(4)));
                    } else if (t.startsWith("BLK_")) {
                        blockDays.add(Long.parseLong(t.substring(4)));
                    } else if (t.startsWith("RUP_")) {
                        rollupMonths.add(Long.parseLong(t.substring(4)));
                    }
                }
            }
        }
        writer.commit();
    }

    public Options options() {
        return options;
    }

    public DataDir dataDir() {
        return dir;
    }

    // ---------------------------------------------------------------- identity

    /** The id of a series, made (and committed) the first time it is seen. */
    public synchronized Series series(SeriesKey key, Kind kind, String group) throws SQLException {
        String text = key.text();
        Series s = seriesByText.get(text);
        if (s != null) {
            return s;
        }
        checkOpen();
        int g = group(group);
        if (nextSeries >= (1 << 29)) {
            throw new SQLException("the store holds 2^29 series, its limit");
        }
        s = new Series(nextSeries, key, kind, g);
        try (PreparedStatement ps = writer.prepareStatement("INSERT INTO SERIES VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, s.id());
            ps.setInt(2, g);
            ps.setString(3, text);
            ps.setInt(4, kind.ordinal());
            ps.executeUpdate();
            writer.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
        nextSeries++;
        seriesByText.put(text, s);
        seriesById.put(s.id(), s);
        return s;
    }

    private int group(String name) throws SQLException {
        Integer id = groups.get(name);
        if (id != null) {
            return id;
        }
        try (PreparedStatement ps = writer.prepareStatement("INSERT INTO GRPS VALUES (?, ?)")) {
            ps.setInt(1, nextGroup);
            ps.setString(2, name);
            ps.executeUpdate();
            writer.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
        groups.put(name, nextGroup);
        return nextGroup++;
    }

    public Series seriesById(int id) {
        return seriesById.get(id);
    }

    /** Every series the selector matches, by id. */
    public List<Series> find(Selector selector) {
        List<Series> out = new ArrayList<>();
        for (Series s : seriesById.values()) {
            if (selector.matches(s.key())) {
                out.add(s);
            }
        }
        out.sort(java.util.Comparator.comparing(s -> s.key().text()));
        return out;
    }

    public int seriesCount() {
        return seriesById.size();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Appends one poll of one group: every (series, value) pair at time {@code t}, in one committed transaction.
     * When this returns, the samples are on disk (as far as a process crash is concerned). The series must have
     * been made with {@link #series}. Values: raw double bits for gauges, the unsigned integer for counters.
     */
    public synchronized void append(String group, long t, int[] series, long[] values) throws SQLException {
        checkOpen();
        WalBatch batch = WalBatch.sorted(series, values);
        if (batch.size() == 0) {
            return;
        }
        int g = group(group);
        long window = windowStart(t);
        String table = walTable(window);
        try {
            if (!walWindows.contains(window)) {
                try (Statement st = writer.createStatement()) {
                    st.execute("CREATE TABLE IF NOT EXISTS " + table + "(GRP INT NOT NULL, T BIGINT NOT NULL,"
                        + " DATA VARBINARY NOT NULL, PRIMARY KEY (GRP, T))");
                }
                writer.commit();
                walWindows.add(window);
            }
            try (PreparedStatement ps = writer.prepareStatement("MERGE INTO " + table + " KEY (GRP, T) VALUES (?, ?, ?)")) {
                ps.setInt(1, g);
                ps.setLong(2, t);
                ps.setBytes(3, batch.encode());
                ps.executeUpdate();
            }
            writer.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /**
     * Does the work that is due at the clock's time: compacts every closed window, then drops raw days and
     * rollup months past retention. Safe to call often, and idempotent: a crash in the middle leaves a state
     * the next call completes.
     */
    public synchronized MaintenanceReport maintain() throws SQLException {
        checkOpen();
        long now = clock.millis();
        int compacted = 0;
        long samples = 0;
        for (Long w : new ArrayList<>(walWindows)) {
            if (w + options.window().toMillis() + options.grace().toMillis() <= now) {
                samples += compact(w);
                compacted++;
            }
        }
        int dropped = 0;
        long rawHorizon = now - options.rawRetention().toMillis();
        for (Long day : new ArrayList<>(blockDays)) {
            long dayEnd = LocalDate.ofEpochDay(day).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (dayEnd <= rawHorizon) {
                drop("BLK_" + day);
                blockDays.remove(day);
                dropped++;
            }
        }
        for (Long w : new ArrayList<>(walWindows)) {
            if (w + options.window().toMillis() <= rawHorizon) { // a window never compacted and already too old
                drop(walTable(w));
                walWindows.remove(w);
                dropped++;
            }
        }
        long rollupHorizon = now - options.rollupRetention().toMillis();
        for (Long month : new ArrayList<>(rollupMonths)) {
            long monthEnd = LocalDate.of((int) (month / 12), (int) (month % 12) + 1, 1).plusMonths(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (monthEnd <= rollupHorizon) {
                drop("RUP_" + month);
                rollupMonths.remove(month);
                dropped++;
            }
        }
        compactFile();
        return new MaintenanceReport(compacted, samples, dropped);
    }

    /**
     * H2 runs no background maintenance with WRITE_DELAY=0, so chunks made mostly dead by compacted write-ahead
     * rows and dropped tables would never be rewritten and the file would only grow. This does what H2's background
     * writer would: rewrite such chunks (bounded work per call) so their space is reused.
     */
    private void compactFile() {
        try {
            org.h2.engine.Session session = writer.unwrap(org.h2.jdbc.JdbcConnection.class).getSession();
            org.h2.mvstore.MVStore mv = ((org.h2.engine.SessionLocal) session).getDatabase().getStore().getMvStore();
            for (int i = 0; i < 8 && mv.compact(80, 16 << 20); i++) {
                // each round rewrites up to 16 MB of the emptiest chunks, until 80 % of the file is live
            }
        } catch (SQLException | RuntimeException e) {
            compactionProblem = e.toString(); // the store still works; the file just is not compacted
        }
    }

    private volatile String compactionProblem = "";

    /** Why the last file compaction failed, or "". */
    public String compactionProblem() {
        return compactionProblem;
    }

    /** What a {@link #maintain} call did. */
    public record MaintenanceReport(int windowsCompacted, long samplesCompacted, int tablesDropped) {
    }

    private void drop(String table) throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
        }
        writer.commit();
    }

    /** Turns one closed window's write-ahead rows into blocks and rollups, group by group, then drops the rows. */
    private long compact(long window) throws SQLException {
        String wal = walTable(window);
        long day = Math.floorDiv(window, 86_400_000L);
        String blk = "BLK_" + day;
        long month = monthOf(window);
        String rup = "RUP_" + month;
        try (Statement st = writer.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + blk + "(GRP INT NOT NULL, START_MS BIGINT NOT NULL,"
                + " SAMPLES INT NOT NULL, DATA VARBINARY NOT NULL, PRIMARY KEY (GRP, START_MS))");
            st.execute("CREATE TABLE IF NOT EXISTS " + rup + "(GRP INT NOT NULL, START_MS BIGINT NOT NULL,"
                + " DATA VARBINARY NOT NULL, PRIMARY KEY (GRP, START_MS))");
        }
        writer.commit();
        blockDays.add(day);
        rollupMonths.add(month);
        List<Integer> grps = new ArrayList<>();
        try (Statement st = writer.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT GRP FROM " + wal)) {
            while (rs.next()) {
                grps.add(rs.getInt(1));
            }
        }
        long samples = 0;
        for (int g : grps) {
            try {
                samples += compactGroup(wal, blk, rup, g, window);
                writer.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        }
        drop(wal);
        walWindows.remove(window);
        return samples;
    }

    private long compactGroup(String wal, String blk, String rup, int g, long window) throws SQLException {
        BlockBuilder b = new BlockBuilder();
        try (PreparedStatement ps = writer.prepareStatement("SELECT DATA FROM " + blk + " WHERE GRP = ? AND START_MS = ?")) {
            ps.setInt(1, g);
            ps.setLong(2, window);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    b.addBlock(BlockCodec.decode(rs.getBytes(1))); // late samples, or a compaction cut short
                }
            }
        }
        try (PreparedStatement ps = writer.prepareStatement("SELECT T, DATA FROM " + wal + " WHERE GRP = ? ORDER BY T")) {
            ps.setInt(1, g);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    b.addBatch(rs.getLong(1), WalBatch.decode(rs.getBytes(2)));
                }
            }
        }
        BlockBuilder.Built built = b.build(this::kindOf);
        if (built.timestamps().length == 0) {
            return 0;
        }
        try (PreparedStatement ps = writer.prepareStatement("MERGE INTO " + blk + " KEY (GRP, START_MS) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, g);
            ps.setLong(2, window);
            ps.setInt(3, built.samples());
            ps.setBytes(4, BlockCodec.encode(built.timestamps(), built.columns()));
            ps.executeUpdate();
        }
        Rollups.Built r = Rollups.of(built.timestamps(), built.columns(), window, options.rollupStep().toMillis());
        if (r.timestamps().length > 0) {
            try (PreparedStatement ps = writer.prepareStatement("MERGE INTO " + rup + " KEY (GRP, START_MS) VALUES (?, ?, ?)")) {
                ps.setInt(1, g);
                ps.setLong(2, window);
                ps.setBytes(3, BlockCodec.encode(r.timestamps(), r.columns()));
                ps.executeUpdate();
            }
        }
        return built.samples();
    }

    private Kind kindOf(int series) {
        Series s = seriesById.get(series);
        return s == null ? Kind.GAUGE : s.kind();
    }

    // ---------------------------------------------------------------- reading

    /** Raw samples of one series with {@code from <= t <= to}, in time order, from blocks and write-ahead rows. */
    public Samples read(int id, long from, long to) throws SQLException {
        Series s = seriesById.get(id);
        if (s == null || from > to) {
            return Samples.empty(s == null ? Kind.GAUGE : s.kind());
        }
        checkOpen();
        Samples.Builder out = new Samples.Builder(s.kind());
        long windowMs = options.window().toMillis();
        try (Connection c = reader()) {
            long firstDay = Math.floorDiv(windowStart(from), 86_400_000L);
            long lastDay = Math.floorDiv(to, 86_400_000L);
            for (Long day : blockDays.subSet(firstDay, true, lastDay, true)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT DATA FROM BLK_" + day + " WHERE GRP = ? AND"
                    + " START_MS >= ? AND START_MS <= ? ORDER BY START_MS")) {
                    ps.setInt(1, s.group());
                    ps.setLong(2, windowStart(from));
                    ps.setLong(3, to);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Block block = BlockCodec.decode(rs.getBytes(1));
                            Column col = block.column(id);
                            if (col != null) {
                                out.addColumn(block.timestamps(), col, from, to);
                            }
                        }
                    }
                } catch (SQLException e) {
                    if (!missingTable(e)) { // dropped by retention while we read: nothing there any more
                        throw e;
                    }
                }
            }
            for (Long w : walWindows.subSet(windowStart(from), true, to, true)) {
                if (w + windowMs <= from) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT T, DATA FROM " + walTable(w) + " WHERE GRP = ?"
                    + " AND T >= ? AND T <= ? ORDER BY T")) {
                    ps.setInt(1, s.group());
                    ps.setLong(2, from);
                    ps.setLong(3, to);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            WalBatch b = WalBatch.decode(rs.getBytes(2));
                            int i = b.indexOf(id);
                            if (i >= 0) {
                                out.add(rs.getLong(1), b.values()[i]);
                            }
                        }
                    }
                } catch (SQLException e) {
                    if (!missingTable(e)) { // compacted while we read: its samples are in a block we may have missed
                        throw e;
                    }
                    return read(id, from, to);
                }
            }
        }
        return out.build();
    }

    /** 5-minute rollups of one series with bucket start in [from, to]: (t, min, max, avg, count). */
    public Rollups.Series rollups(int id, long from, long to) throws SQLException {
        Series s = seriesById.get(id);
        Rollups.Series.Builder out = new Rollups.Series.Builder();
        if (s == null || from > to) {
            return out.build();
        }
        checkOpen();
        try (Connection c = reader()) {
            for (Long month : rollupMonths.subSet(monthOf(from), true, monthOf(to), true)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT DATA FROM RUP_" + month + " WHERE GRP = ? AND"
                    + " START_MS >= ? AND START_MS <= ? ORDER BY START_MS")) {
                    ps.setInt(1, s.group());
                    ps.setLong(2, windowStart(from));
                    ps.setLong(3, to);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Rollups.read(BlockCodec.decode(rs.getBytes(1)), id, from, to, out);
                        }
                    }
                } catch (SQLException e) {
                    if (!missingTable(e)) {
                        throw e;
                    }
                }
            }
        }
        return out.build();
    }

    /** The oldest time raw samples are kept for, now. */
    public long rawHorizon() {
        return clock.millis() - options.rawRetention().toMillis();
    }

    private Connection reader() throws SQLException {
        return DriverManager.getConnection(url, "nplus", "");
    }

    private static boolean missingTable(SQLException e) {
        return e.getErrorCode() == 42102 || e.getErrorCode() == 42104; // TABLE_OR_VIEW_NOT_FOUND(_DATABASE_EMPTY)
    }

    /** The tables in the database, as H2 lists them (for tests and diagnostics). */
    List<String> tableNames() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = reader(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                 + " ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- sizes, for nplus bench store

    /** Bytes of data held in blocks, rollups and write-ahead rows (what the file would hold if packed). */
    public long liveBytes() throws SQLException {
        List<String> tables = new ArrayList<>();
        blockDays.forEach(d -> tables.add("BLK_" + d));
        rollupMonths.forEach(m -> tables.add("RUP_" + m));
        walWindows.forEach(w -> tables.add(walTable(w)));
        return sum("COALESCE(SUM(OCTET_LENGTH(DATA)), 0) + COUNT(*) * 16", tables)
            + sum("COALESCE(SUM(OCTET_LENGTH(KEYTEXT)) + COUNT(*) * 12, 0)", List.of("SERIES"));
    }

    /** Samples in compacted blocks. */
    public long blockSamples() throws SQLException {
        return sum("COALESCE(SUM(SAMPLES), 0)", blockDays.stream().map(d -> "BLK_" + d).toList());
    }

    /** Bytes of the rollups alone. */
    public long rollupBytes() throws SQLException {
        return sum("COALESCE(SUM(OCTET_LENGTH(DATA)), 0)", rollupMonths.stream().map(m -> "RUP_" + m).toList());
    }

    /** Bytes of the compacted blocks alone. */
    public long blockBytes() throws SQLException {
        return sum("COALESCE(SUM(OCTET_LENGTH(DATA)), 0)", blockDays.stream().map(d -> "BLK_" + d).toList());
    }

    /** The sum of one aggregate over these tables; a table dropped meanwhile (retention) counts 0. */
    private long sum(String aggregate, List<String> tables) throws SQLException {
        long total = 0;
        try (Connection c = reader(); Statement st = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT " + aggregate + " FROM " + t)) {
                    rs.next();
                    total += rs.getLong(1);
                } catch (SQLException e) {
                    if (!missingTable(e)) {
                        throw e;
                    }
                }
            }
        }
        return total;
    }

    public long fileBytes() {
        try {
            return Files.size(dir.databaseFile());
        } catch (IOException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- time layout

    long windowStart(long t) {
        long w = options.window().toMillis();
        return Math.floorDiv(t, w) * w;
    }

    private static String walTable(long window) {
        return "WAL_" + window;
    }

    static long monthOf(long t) {
        LocalDate d = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate();
        return d.getYear() * 12L + d.getMonthValue() - 1;
    }

    // ---------------------------------------------------------------- lifecycle

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed", "08003", 90098);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the original error is what gets reported
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // reported by the caller with the original cause
        }
    }

    /** Closes the database cleanly (the data directory stays locked: it belongs to the caller). */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (Statement st = writer.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already closed (after a disk error, say): nothing more to flush
        } finally {
            try {
                writer.close();
            } catch (SQLException ignored) {
                // closing is best effort once SHUTDOWN ran or failed
            }
        }
    }

    @Override
    public String toString() {
        return "TimeSeriesStore[" + dir.databaseFile() + ", " + seriesById.size() + " series]";
    }
}
