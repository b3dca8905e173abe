package io.nplus.mibs.vocab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing on a device whose health nplus reports: an interface, a drive, an array, an optic, a filesystem.
 *
 * <pre>{@code
 * Component disk = Component.builder(ComponentKind.PHYSICAL_DRIVE, "3")
 *     .name("Physical Disk 0:1:3").health(Health.FAILED).state("failed")
 *     .reason("physicalDiskState is failed").profile("idrac").build();
 * }</pre>
 *
 * @param kind what it is
 * @param id stable identity within the device and kind (usually the SNMP table index)
 * @param name what a person calls it ("eth0", "Disk 3", "Ethernet47 transceiver")
 * @param health the verdict
 * @param state the device's own word for its state ("up", "degraded", "readOnly"), or "" when it has none
 * @param readings values in base units, named {@code <what>_<unit>}; iteration order is the profile's order
 * @param counters raw counters, for rates
 * @param labels descriptive strings (admin status, serial number, the interface an optic sits in)
 * @param thresholds the device's own limits per reading, where it gives them
 * @param reason why the health is not ok; "" when it is
 * @param notes what nplus ignored and why (inverted thresholds, sentinel values)
 * @param profile the profile that produced it
 */
public record Component(
        ComponentKind kind,
        String id,
        String name,
        Health health,
        String state,
        Map<String, Double> readings,
        Map<String, Counter> counters,
        Map<String, String> labels,
        Map<String, Thresholds> thresholds,
        String reason,
        List<String> notes,
        String profile) {

    public Component {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(health, "health");
        state = state == null ? "" : state;
        readings = ordered(readings);
        counters = ordered(counters);
        labels = ordered(labels);
        thresholds = ordered(thresholds);
        reason = reason == null ? "" : reason;
        notes = List.copyOf(notes);
        profile = profile == null ? "" : profile;
    }

    /** An unmodifiable copy that keeps the iteration order (the profile's order) for output. */
    private static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public static Builder builder(ComponentKind kind, String id) {
        return new Builder(kind, id);
    }

    /** Builds a {@link Component}; maps keep insertion order until {@link #build()} copies them. */
    public static final class Builder {
        private final ComponentKind kind;
        private final String id;
        private String name;
        private Health health = Health.OK;
        private String state = "";
        private final Map<String, Double> readings = new LinkedHashMap<>();
        private final Map<String, Counter> counters = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, Thresholds> thresholds = new LinkedHashMap<>();
        private String reason = "";
        private final List<String> notes = new ArrayList<>();
        private String profile = "";

        private Builder(ComponentKind kind, String id) {
            this.kind = kind;
            this.id = id;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder health(Health health) {
            this.health = health;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder reading(String name, double value) {
            readings.put(name, value);
            return this;
        }

        public Builder counter(String name, Counter value) {
            counters.put(name, value);
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        public Builder thresholds(String reading, Thresholds value) {
            thresholds.put(reading, value);
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        public Component build() {
            return new Component(kind, id, name == null ? id : name, health, state,
                    readings, counters, labels, thresholds, reason, notes, profile);
        }
    }
}
