package dev.portbench.allocator;

import dev.portbench.allocator.structure.Checks;

import java.util.List;
import java.util.function.Function;

/**
 * The one lookup every registry of this project uses (allocator types and catalogs, connection
 * allocators, stack profiles, socket calls, trace ends): an entry by its short id, ignoring
 * case, or by its enum constant's name; a miss names the kind, the spelling given and every known
 * id in declaration order.
 *
 * <p>A linear scan of a few dozen entries: for command lines, files and reports, not hot paths.
 */
public final class Registry {

    private Registry() {
    }

    /**
     * The entry of {@code entries} whose id (or enum constant name) is {@code name}, ignoring case.
     *
     * @param kind what the entries are, for the message ("allocator", "stack", ...)
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException naming {@code name} and the known ids if none matches
     */
    public static <T> T byId(String kind, List<T> entries, Function<? super T, String> id, String name) {
        Checks.checkNotNull("name", name);
        for (T entry : entries) {
            if (id.apply(entry).equalsIgnoreCase(name)
                    || entry instanceof Enum<?> constant && constant.name().equalsIgnoreCase(name)) {
                return entry;
            }
        }
        throw new IllegalArgumentException(kind + ": '" + name + "' (expected one of " + ids(entries, id) + ")");
    }

    /** Every id of {@code entries}, in their order. */
    public static <T> List<String> ids(List<T> entries, Function<? super T, String> id) {
        return entries.stream().map(id).toList();
    }
}
