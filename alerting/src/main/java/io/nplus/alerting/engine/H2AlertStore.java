package io.nplus.alerting.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nplus.alerting.model.Alert;
import io.nplus.alerting.model.AlertState;
import io.nplus.alerting.model.Severity;
import io.nplus.alerting.model.Silence;
import io.nplus.alerting.rules.EvalContext;
import java.io.Closeable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alert states, silences and heartbeats in H2 ({@code alerts.mv.db} in the data directory), written as they
 * change with {@code WRITE_DELAY=0}: after a kill -9 a firing alert is still firing (no second page), a pending
 * one keeps its {@code for} timer, and a silence still holds. A failed write is counted and reported, not
 * thrown: alerting goes on from memory.
 */
public final class H2AlertStore implements AlertEngine.Persistence, Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final Connection c;
    private volatile String problem = "";
    private volatile long failures;

    private H2AlertStore(Connection c) {
        this.c = c;
    }

    /**
     * A connection to the alerts database ({@code alerts.mv.db}: alert states, silences, heartbeats and the
     * notification outbox), every commit on disk before it returns, with these tables created if missing.
     */
    public static Connection connect(Path dataDir, String... createTables) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("alerts")
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "nplus", "");
        try (Statement st = c.createStatement()) {
            for (String ddl : createTables) {
                st.execute(ddl);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Opens (or creates) the store in a data directory the caller has locked. */
    public static H2AlertStore open(Path dataDir) throws SQLException {
        Connection c = connect(dataDir,
            "CREATE TABLE IF NOT EXISTS ALERTS(ID VARCHAR PRIMARY KEY, RULE VARCHAR NOT NULL, SEVERITY VARCHAR"
                + " NOT NULL, STATE VARCHAR NOT NULL, ACTIVE_AT BIGINT NOT NULL, FIRED_AT BIGINT, RESOLVED_AT BIGINT,"
                + " LAST_TRUE BIGINT NOT NULL, VAL DOUBLE, LABELS VARCHAR NOT NULL, ANNOTATIONS VARCHAR NOT NULL)",
            "CREATE TABLE IF NOT EXISTS SILENCES(ID VARCHAR PRIMARY KEY, MATCHERS VARCHAR NOT NULL, STARTS_AT"
                + " BIGINT NOT NULL, ENDS_AT BIGINT NOT NULL, COMMENT VARCHAR NOT NULL, CREATED_BY VARCHAR NOT NULL,"
                + " CREATED_AT BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS HEARTBEATS(NAME VARCHAR PRIMARY KEY, LAST_SEEN BIGINT NOT NULL,"
                + " MAX_AGE_MS BIGINT NOT NULL)");
        return new H2AlertStore(c);
    }

    /** The last write failure, or "". */
    public String problem() {
        return problem;
    }

    public long failures() {
        return failures;
    }

    private void failed(SQLException e) {
        failures++;
        problem = String.valueOf(e.getMessage()).split("\n")[0];
    }

    @Override
    public synchronized List<Alert> load() {
        List<Alert> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ID, RULE, SEVERITY, STATE,"
            + " ACTIVE_AT, FIRED_AT, RESOLVED_AT, LAST_TRUE, VAL, LABELS, ANNOTATIONS FROM ALERTS")) {
            while (rs.next()) {
                long fired = rs.getLong(6);
                Instant firedAt = rs.wasNull() ? null : Instant.ofEpochMilli(fired);
                long resolved = rs.getLong(7);
                Instant resolvedAt = rs.wasNull() ? null : Instant.ofEpochMilli(resolved);
                double v = rs.getDouble(9);
                if (rs.wasNull()) {
                    v = Double.NaN;
                }
                out.add(new Alert(rs.getString(1), rs.getString(2), Severity.parse(rs.getString(3)),
                    AlertState.parse(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)), firedAt, resolvedAt,
                    Instant.ofEpochMilli(rs.getLong(8)), JSON.readValue(rs.getString(10), MAP),
                    JSON.readValue(rs.getString(11), MAP), v));
            }
        } catch (SQLException e) {
            failed(e);
        } catch (java.io.IOException e) {
            problem = "an alert row could not be read: " + e.getMessage();
        }
        return out;
    }

    @Override
    public synchronized void save(Alert a) {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO ALERTS KEY (ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.key());
            ps.setString(2, a.rule());
            ps.setString(3, a.severity().word());
            ps.setString(4, a.state().word());
            ps.setLong(5, a.activeAt().toEpochMilli());
            setTime(ps, 6, a.firedAt());
            setTime(ps, 7, a.resolvedAt());
            ps.setLong(8, a.lastTrue().toEpochMilli());
            if (Double.isNaN(a.value())) {
                ps.setNull(9, Types.DOUBLE);
            } else {
                ps.setDouble(9, a.value());
            }
            ps.setString(10, JSON.writeValueAsString(a.labels()));
            ps.setString(11, JSON.writeValueAsString(a.annotations()));
            ps.executeUpdate();
        } catch (SQLException e) {
            failed(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    @Override
    public synchronized void delete(String key) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ALERTS WHERE ID = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            failed(e);
        }
    }

    public synchronized List<Silence> silences() {
        List<Silence> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ID, MATCHERS, STARTS_AT, ENDS_AT,"
            + " COMMENT, CREATED_BY, CREATED_AT FROM SILENCES ORDER BY CREATED_AT")) {
            while (rs.next()) {
                out.add(new Silence(rs.getString(1), JSON.readValue(rs.getString(2), MAP),
                    Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5),
                    rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))));
            }
        } catch (SQLException e) {
            failed(e);
        } catch (java.io.IOException e) {
            problem = "a silence could not be read: " + e.getMessage();
        }
        return out;
    }

    public synchronized void saveSilence(Silence s) {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO SILENCES KEY (ID) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.id());
            ps.setString(2, JSON.writeValueAsString(s.matchers()));
            ps.setLong(3, s.startsAt().toEpochMilli());
            ps.setLong(4, s.endsAt().toEpochMilli());
            ps.setString(5, s.comment());
            ps.setString(6, s.createdBy());
            ps.setLong(7, s.createdAt().toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            failed(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized List<EvalContext.Heartbeat> heartbeats() {
        List<EvalContext.Heartbeat> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT NAME, LAST_SEEN, MAX_AGE_MS FROM"
            + " HEARTBEATS")) {
            while (rs.next()) {
                out.add(new EvalContext.Heartbeat(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                    Duration.ofMillis(rs.getLong(3))));
            }
        } catch (SQLException e) {
            failed(e);
        }
        return out;
    }

    public synchronized void saveHeartbeat(EvalContext.Heartbeat h) {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO HEARTBEATS KEY (NAME) VALUES (?, ?, ?)")) {
            ps.setString(1, h.name());
            ps.setLong(2, h.lastSeen().toEpochMilli());
            ps.setLong(3, h.maxAge().toMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            failed(e);
        }
    }

    @Override
    public synchronized void close() {
        try (Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already closed
        } finally {
            try {
                c.close();
            } catch (SQLException ignored) {
                // best effort
            }
        }
    }
}
