package io.nplus.snmp.lab.scenario;

import io.nplus.core.time.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/** What one scenario event does to its device (or, for a heartbeat, to the monitor). */
public sealed interface ScenarioAction {
    /** A short description for timelines: {@code set 1.3.6...4.3 = 7}. */
    String describe();

    /** OID to value, each value already of the type the walk gives that OID. */
    record Set(Map<OID, Variable> values) implements ScenarioAction {
        public Set {
            values = Map.copyOf(values);
        }

        @Override
        public String describe() {
            return "set " + values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", "));
        }
    }

    /** A counter that advances at {@code perSecond} from the event on (0 stops it). */
    record Rate(OID oid, double perSecond) implements ScenarioAction {
        @Override
        public String describe() {
            return "rate " + oid + " " + ScenarioValues.number(perSecond) + "/s";
        }
    }

    /** A gauge moving linearly from its value at the event to {@code to} over {@code over}, then staying there. */
    record Ramp(OID oid, double to, Duration over) implements ScenarioAction {
        @Override
        public String describe() {
            return "ramp " + oid + " to " + ScenarioValues.number(to) + " over " + Durations.format(over);
        }
    }

    /** sysUpTime and every counter restart from 0. */
    record Reboot() implements ScenarioAction {
        @Override
        public String describe() {
            return "reboot";
        }
    }

    /** The device answers nothing for {@code length}. */
    record Silence(Duration length) implements ScenarioAction {
        @Override
        public String describe() {
            return "silent for " + Durations.format(length);
        }
    }

    /**
     * The value alternates through {@code values}, one each {@code every}, until {@code until} (an offset from the
     * scenario's start); then it is what it was before the flap.
     */
    record Flap(OID oid, List<Variable> values, Duration every, Duration until) implements ScenarioAction {
        public Flap {
            values = List.copyOf(values);
        }

        @Override
        public String describe() {
            return "flap " + oid + " " + values + " every " + Durations.format(every) + " until +"
                + Durations.format(until);
        }
    }

    /** The subtree under {@code prefix} vanishes. */
    record Remove(OID prefix) implements ScenarioAction {
        @Override
        public String describe() {
            return "remove " + prefix;
        }
    }

    /** A subtree removed before comes back with its recorded values. */
    record Restore(OID prefix) implements ScenarioAction {
        @Override
        public String describe() {
            return "restore " + prefix;
        }
    }

    /**
     * nplus itself stops polling (the device, or every device when the event names none) for {@code length}: a
     * gap in collection, as a stalled or stopped collector makes. The device keeps answering; only a replay acts
     * on it.
     */
    record Pause(Duration length) implements ScenarioAction {
        @Override
        public String describe() {
            return "polling paused for " + Durations.format(length);
        }
    }

    /** A job reports that it ran (as {@code POST /api/v1/heartbeat/{name}?max_age=...}); no device involved. */
    record Heartbeat(String name, Duration maxAge) implements ScenarioAction {
        @Override
        public String describe() {
            return "heartbeat " + name + " (max age " + Durations.format(maxAge) + ")";
        }
    }
}
