package io.nplus.server.cli;

import io.nplus.core.time.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads flags like {@code --timeout 5s} or {@code --deadline 1m30s}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            Duration d = Durations.parse(value);
            if (d.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is zero; give a positive duration");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
