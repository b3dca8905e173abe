package io.nplus.alerting.notify;

import java.io.Closeable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable outbox: a notification is stored (committed, {@code WRITE_DELAY=0}) before it is sent and removed
 * only when its receiver accepted it, so a kill -9 in the middle of a delivery means it is sent again after the
 * restart, never lost. There is at most one entry per receiver and dedup key: a newer state of the same alert
 * replaces an older one not yet sent (a trigger and its resolve waiting together send the resolve).
 *
 * <p>It also remembers what each receiver was last told per dedup key ({@link Sent}), so a restart does not
 * repeat what was already delivered.
 */
public final class Outbox implements Closeable {
    private final Connection c;

    /** A notification waiting to be delivered. */
    public record Entry(long id, String receiver, String dedupKey, Notification notification, int attempts, Instant nextAt,
                        Instant createdAt, String lastError, String payload) {
    }

    /** What a receiver was last told about a dedup key: firing or resolved, and when. */
    public record Sent(String receiver, String dedupKey, boolean resolved, Instant at, String fingerprint) {
    }

    private Outbox(Connection c) {
        this.c = c;
    }

    /** The outbox in a data directory the caller has locked (the alert states' database). */
    public static Outbox open(Path dataDir) throws SQLException {
        Connection c = io.nplus.alerting.engine.H2AlertStore.connect(dataDir,
            "CREATE TABLE IF NOT EXISTS OUTBOX(ID BIGINT AUTO_INCREMENT PRIMARY KEY, RECEIVER VARCHAR NOT NULL,"
                + " DEDUP_KEY VARCHAR NOT NULL, PAYLOAD VARCHAR NOT NULL, ATTEMPTS INT NOT NULL, NEXT_AT BIGINT NOT NULL,"
                + " CREATED_AT BIGINT NOT NULL, LAST_ERROR VARCHAR NOT NULL, UNIQUE (RECEIVER, DEDUP_KEY))",
            "CREATE TABLE IF NOT EXISTS NOTIFIED(RECEIVER VARCHAR NOT NULL, DEDUP_KEY VARCHAR NOT NULL,"
                + " RESOLVED BOOLEAN NOT NULL, AT BIGINT NOT NULL, FINGERPRINT VARCHAR NOT NULL,"
                + " PRIMARY KEY (RECEIVER, DEDUP_KEY))");
        return new Outbox(c);
    }

    /** Stores a notification for a receiver, replacing one for the same dedup key that was not yet sent. */
    public synchronized void put(String receiver, Notification n, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO OUTBOX (RECEIVER, DEDUP_KEY, PAYLOAD, ATTEMPTS, NEXT_AT,"
            + " CREATED_AT, LAST_ERROR) KEY (RECEIVER, DEDUP_KEY) VALUES (?, ?, ?, 0, ?, ?, '')")) {
            ps.setString(1, receiver);
            ps.setString(2, n.dedupKey());
            ps.setString(3, NotificationJson.write(n));
            ps.setLong(4, now.toEpochMilli());
            ps.setLong(5, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Entries due at {@code now}, oldest first. */
    public synchronized List<Entry> due(Instant now, int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ID, RECEIVER, DEDUP_KEY, PAYLOAD, ATTEMPTS, NEXT_AT,"
            + " CREATED_AT, LAST_ERROR FROM OUTBOX WHERE NEXT_AT <= ? ORDER BY NEXT_AT, ID LIMIT ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        }
        return out;
    }

    /** Everything waiting, for the API and metrics. */
    public synchronized List<Entry> all() throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ID, RECEIVER, DEDUP_KEY, PAYLOAD,"
            + " ATTEMPTS, NEXT_AT, CREATED_AT, LAST_ERROR FROM OUTBOX ORDER BY ID")) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), NotificationJson.read(rs.getString(4)),
            rs.getInt(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8),
            rs.getString(4));
    }

    /**
     * The receiver accepted entry {@code id} (as it was when read: an entry replaced meanwhile stays). Records
     * what the receiver now knows, in the same transaction.
     */
    public synchronized void delivered(Entry e, Instant now, String fingerprint) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM OUTBOX WHERE ID = ? AND PAYLOAD = ?")) {
                ps.setLong(1, e.id());
                ps.setString(2, e.payload()); // a newer state stored meanwhile stays to be sent
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO NOTIFIED KEY (RECEIVER, DEDUP_KEY) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, e.receiver());
                ps.setString(2, e.dedupKey());
                ps.setBoolean(3, e.notification().resolved());
                ps.setLong(4, now.toEpochMilli());
                ps.setString(5, fingerprint);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException ex) {
            c.rollback();
            throw ex;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The receiver refused it for good: drop it. */
    public synchronized void drop(Entry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM OUTBOX WHERE ID = ? AND PAYLOAD = ?")) {
            ps.setLong(1, e.id());
            ps.setString(2, e.payload());
            ps.executeUpdate();
        }
    }

    /** Try again at {@code next}. */
    public synchronized void retry(Entry e, Instant next, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE OUTBOX SET ATTEMPTS = ATTEMPTS + 1, NEXT_AT = ?, LAST_ERROR = ?"
            + " WHERE ID = ?")) {
            ps.setLong(1, next.toEpochMilli());
            ps.setString(2, error.length() > 500 ? error.substring(0, 500) : error);
            ps.setLong(3, e.id());
            ps.executeUpdate();
        }
    }

    /** What each receiver was last told, by receiver and dedup key. */
    public synchronized Map<List<String>, Sent> sent() throws SQLException {
        Map<List<String>, Sent> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT RECEIVER, DEDUP_KEY, RESOLVED, AT,"
            + " FINGERPRINT FROM NOTIFIED")) {
            while (rs.next()) {
                out.put(List.of(rs.getString(1), rs.getString(2)), new Sent(rs.getString(1), rs.getString(2),
                    rs.getBoolean(3), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
            }
        }
        return out;
    }

    /** Forgets what receivers were told about resolved keys older than {@code before}. */
    public synchronized void forgetResolved(Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM NOTIFIED WHERE RESOLVED AND AT < ?")) {
            ps.setLong(1, before.toEpochMilli());
            ps.executeUpdate();
        }
    }

    public synchronized int size() throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM OUTBOX")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // best effort: H2AlertStore shuts the database down
        }
    }
}
