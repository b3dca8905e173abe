package io.nplus.mibs.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile file as written. Field names are the YAML keys in snake_case; see {@code profiles/README.md}
 * for the annotated format. Everything here is checked and compiled by {@link ProfileLoader}. Lists also accept
 * a single value ({@code rows: ifDescr}).
 */
public record ProfileSpec(
        String profile,
        String title,
        String mib,
        List<String> testedOn,
        DetectSpec detect,
        List<String> supersedes,
        SystemSpec system,
        LinkedHashMap<String, ColumnSpec> columns,
        List<ComponentSpec> components) {

    /** When a profile applies: all given conditions must hold; within a list, any entry suffices. */
    public record DetectSpec(
            List<String> sysObjectId,
            String sysDescr,
            List<String> tables) {
    }

    /** Only the system profile has this: how scalars become the device's name, description, id and uptime. */
    public record SystemSpec(String name, String descr, String objectId, String uptimeSeconds) {
    }

    /** A MIB object: written as its OID alone, or with enumeration states and the scalar flag. */
    public record ColumnSpec(String oid, LinkedHashMap<String, String> states, boolean scalar) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ColumnSpec(@JsonProperty("oid") String oid,
                          @JsonProperty("states") LinkedHashMap<String, String> states,
                          @JsonProperty("scalar") Boolean scalar) {
            this(oid, states == null ? new LinkedHashMap<>() : states, Boolean.TRUE.equals(scalar));
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ColumnSpec of(String oid) {
            return new ColumnSpec(oid, null, Boolean.FALSE);
        }
    }

    /**
     * How table rows (or scalars) become components of one kind. {@code vars} are named intermediate values,
     * usable like readings by everything after them but not reported. {@code group_by} merges the rows with the
     * same key into one component (one sensor row per reading of a transceiver); {@code repeat} makes that many
     * components of each row, numbered by {@code lane} (lane values packed in one string).
     */
    public record ComponentSpec(
            ComponentKind kind,
            List<String> rows,
            Boolean scalar,
            List<String> index,
            String where,
            String groupBy,
            String repeat,
            String id,
            List<String> name,
            String state,
            LinkedHashMap<String, String> labels,
            LinkedHashMap<String, String> vars,
            LinkedHashMap<String, ReadingSpec> readings,
            LinkedHashMap<String, List<String>> counters,
            List<HealthRuleSpec> health,
            List<NoteSpec> notes) {
    }

    /** A note the component carries when {@code when} holds: what nplus saw but does not count (a dark optic). */
    public record NoteSpec(String when, String text) {
    }

    /** A reading: written as its value expression alone, or with thresholds and the condition to check them. */
    public record ReadingSpec(String value, ThresholdSpec thresholds, String checkWhen) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ReadingSpec(@JsonProperty("value") String value,
                           @JsonProperty("thresholds") ThresholdSpec thresholds,
                           @JsonProperty("check_when") String checkWhen) {
            this.value = value;
            this.thresholds = thresholds;
            this.checkWhen = checkWhen;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ReadingSpec of(String value) {
            return new ReadingSpec(value, null, null);
        }
    }

    public record ThresholdSpec(String lowAlarm, String lowWarning, String highWarning, String highAlarm) {
    }

    /**
     * One health rule: either {@code map} (a value mapped through {@code to}, unmapped values getting
     * {@code default}) or {@code when} (a condition that, when it holds, gives {@code health}).
     */
    public record HealthRuleSpec(
            String map,
            LinkedHashMap<String, Health> to,
            @JsonProperty("default") Health defaultHealth,
            String when,
            Health health,
            String reason) {
    }

    /** Convenience for code that builds specs: the empty map for an absent YAML mapping. */
    static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }
}
