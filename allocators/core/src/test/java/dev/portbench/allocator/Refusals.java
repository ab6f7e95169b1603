package dev.portbench.allocator;

import org.junit.jupiter.api.function.Executable;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test checks for misuse: a call must throw the expected exception, and its message must name
 * every given fragment (the bad value, what was allowed). {@link #rejectedAndUnchanged} adds the
 * twin check shared by the bad-input suites: the rejected call leaves its allocator answering
 * every later call exactly as a twin that never saw it. Costs: one call and a scan of the message
 * per fragment; the twin check costs whatever the caller's comparison drives.
 */
final class Refusals {

    private Refusals() {
    }

    /** Asserts {@code call} throws {@code expected} naming every fragment; returns the exception. */
    static <E extends RuntimeException> E refused(Class<E> expected, Executable call, String... fragments) {
        return refused(expected, call, () -> "", fragments);
    }

    /**
     * As {@link #refused(Class, Executable, String...)}, with {@code where} (a seed, a step)
     * appended to every failure message after ": " when it is not empty.
     */
    static <E extends RuntimeException> E refused(Class<E> expected, Executable call, Supplier<String> where,
                                                  String... fragments) {
        E e = assertThrows(expected, call, where);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> {
                String context = where.get();
                return "'" + e.getMessage() + "' names '" + fragment + "'" + (context.isEmpty() ? "" : ": " + context);
            });
        }
        return e;
    }

    /**
     * Prepares two twins with {@code prepared}, applies {@code bad} to one, checks it is refused
     * with {@code expected} naming every fragment, then lets {@code sameFuture} drive both alike
     * and compare their answers.
     */
    static <A> void rejectedAndUnchanged(Supplier<A> prepared, BiConsumer<A, A> sameFuture,
                                         Class<? extends RuntimeException> expected, Consumer<A> bad,
                                         String... fragments) {
        A a = prepared.get();
        A twin = prepared.get();
        refused(expected, () -> bad.accept(a), fragments);
        sameFuture.accept(a, twin);
    }
}
