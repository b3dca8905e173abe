package io.nplus.mibs.vocab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A device's own limits for one reading, in the reading's unit. Any of the four may be absent (null).
 * Only thresholds that passed the sanity check (ordered, distinct, plausible) are kept.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Thresholds(
        @JsonProperty("low_alarm") Double lowAlarm,
        @JsonProperty("low_warning") Double lowWarning,
        @JsonProperty("high_warning") Double highWarning,
        @JsonProperty("high_alarm") Double highAlarm) {

    public static final Thresholds NONE = new Thresholds(null, null, null, null);

    public boolean isEmpty() {
        return lowAlarm == null && lowWarning == null && highWarning == null && highAlarm == null;
    }
}
