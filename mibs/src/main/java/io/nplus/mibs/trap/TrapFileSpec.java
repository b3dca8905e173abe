package io.nplus.mibs.trap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.nplus.mibs.vocab.ComponentKind;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A trap mapping file as written: the MIB objects its traps carry, and one entry per notification. Field names are
 * the YAML keys in snake_case; {@link TrapLoader} checks and compiles it. The annotated format is
 * {@code traps/FORMAT.md} next to the files; every built-in file under {@code traps/} is an example.
 */
public record TrapFileSpec(
        String mib,
        String title,
        LinkedHashMap<String, ObjectSpec> objects,
        List<TrapSpec> traps) {

    /** A MIB object a trap carries: its OID alone, or with the words of its enumeration (or of its BITS). */
    public record ObjectSpec(String oid, LinkedHashMap<String, String> states) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ObjectSpec(@JsonProperty("oid") String oid, @JsonProperty("states") LinkedHashMap<String, String> states) {
            this.oid = oid;
            this.states = states == null ? new LinkedHashMap<>() : states;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ObjectSpec of(String oid) {
            return new ObjectSpec(oid, null);
        }
    }

    /**
     * One notification. {@code row} names the object whose instance (the OID arcs after the object) is the
     * component's table index, {@code index} names the parts of that index. {@code state} is the component's
     * state word as its profile names it. {@code repoll} says what to poll at once: the built-in profiles whose
     * tables the trap concerns ({@code repoll: [if_mib]}), {@code true} (the default) for the whole device, or
     * {@code false} for nothing; kept as written here and checked by {@link TrapLoader}.
     */
    public record TrapSpec(
            String name,
            String oid,
            String row,
            List<String> index,
            ComponentSpec component,
            String state,
            SeveritySpec severity,
            List<String> text,
            JsonNode repoll) {
    }

    /**
     * What the trap is about: a component of {@code kind}, found in the device's last poll by {@code id} (the id
     * its profile gives it), else by {@code match} (labels it carries, or name globs); {@code name} names it when
     * the poll does not know it.
     */
    public record ComponentSpec(ComponentKind kind, String id, List<String> name, MatchSpec match) {
    }

    public record MatchSpec(LinkedHashMap<String, String> labels, List<String> names) {
    }

    /** A severity word, or {@code {map: expression, to: {value: severity}, default: severity}}. */
    public record SeveritySpec(TrapSeverity fixed, String map, LinkedHashMap<String, TrapSeverity> to,
                               TrapSeverity defaultSeverity) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public SeveritySpec(@JsonProperty("map") String map, @JsonProperty("to") LinkedHashMap<String, TrapSeverity> to,
                            @JsonProperty("default") TrapSeverity defaultSeverity) {
            this(null, map, to, defaultSeverity);
        }

        // A String parameter, not TrapSeverity: Jackson treats a one-String creator as the scalar form only, while
        // an enum-typed delegate would also be handed the {map: ...} form and fail on it.
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static SeveritySpec of(String fixed) {
            return new SeveritySpec(TrapSeverity.parse(fixed), null, null, null);
        }
    }
}
