package dev.portbench.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One named choice of a {@link GatewayProfile} (mapping behaviour, search policy, per-host
 * allocation) and the public document it comes from.
 *
 * @param value the choice, one of the values the field's javadoc allows
 * @param source the document it comes from
 */
public record CitedChoice(String value, String source) {

    public CitedChoice {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source: blank (expected: the public document the value comes from)");
        }
    }

    /** The value as a constant of {@code type} (written lower case with dashes in the file). */
    <E extends Enum<E>> E as(String name, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(value)) {
                return e;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        throw new IllegalArgumentException(name + ": '" + value + "' (expected one of " + allowed + ")");
    }
}
