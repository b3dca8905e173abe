package io.nplus.mibs.vocab;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a component is. The JSON and YAML names are the lower-case snake_case forms. */
public enum ComponentKind {
    CONTROLLER,
    VIRTUAL_DRIVE,
    PHYSICAL_DRIVE,
    BATTERY,
    ENCLOSURE,
    TRANSCEIVER,
    SENSOR,
    INTERFACE,
    FILESYSTEM,
    STORAGE,
    POWER_SUPPLY,
    FAN,
    CHASSIS;

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ComponentKind parse(String word) {
        for (ComponentKind k : values()) {
            if (k.word().equals(word)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + word + "'; expected " + allWords());
    }

    public static String allWords() {
        return Arrays.stream(values()).map(ComponentKind::word).collect(Collectors.joining(", "));
    }
}
