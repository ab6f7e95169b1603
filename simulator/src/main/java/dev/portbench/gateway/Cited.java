package dev.portbench.gateway;

import java.util.Objects;

/**
 * One numeric parameter of a {@link GatewayProfile} and the public document it comes from.
 *
 * @param value the number (counts are whole numbers, durations are seconds)
 * @param source the document it comes from (title, address), or why it is a modelling choice
 */
public record Cited(double value, String source) {

    public Cited {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source: blank (expected: the public document the value comes from)");
        }
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("value: " + value + " (expected: a finite number >= 0)");
        }
    }

    /** The value as a whole count, checked to be one within {@code [min, max]}. */
    int count(String name, int min, int max) {
        if (value != Math.rint(value) || value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a whole number in " + min + ".." + max + ")");
        }
        return (int) value;
    }
}
