package io.nplus.snmp.lab.scenario;

import java.util.List;
import java.util.Map;

/**
 * The YAML schema of a scenario file, bound strictly (unknown keys are errors). Everything is checked and turned
 * into a {@link Scenario} by {@link ScenarioLoader}; keys are snake_case in the file.
 */
record ScenarioSpec(String name, String description, String interval, String duration, List<DeviceSpec> devices,
                    List<Object> groups, List<EventSpec> events, List<ExpectSpec> expect) {

    record DeviceSpec(String name, String walk, Map<String, String> labels) {
    }

    record EventSpec(String at, String device, String note, Map<String, Object> set, RateSpec rate, RampSpec ramp,
                     Boolean reboot, String silence, FlapSpec flap, String remove, String restore,
                     HeartbeatSpec heartbeat, String pause) {
    }

    record RateSpec(String oid, Double perSecond) {
    }

    record RampSpec(String oid, Double to, String over) {
    }

    record FlapSpec(String oid, List<Object> values, String every, String until) {
    }

    record HeartbeatSpec(String name, String maxAge) {
    }

    record ExpectSpec(SelectorSpec page, SelectorSpec noPage, SelectorSpec resolved, String after, String within,
                      Integer maxPages, String noPagesBefore, Boolean noPages) {
    }

    record SelectorSpec(String device, String group, String component, String rule, String heartbeat) {
    }
}
