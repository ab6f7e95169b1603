package dev.portbench.allocator;

import dev.portbench.allocator.structure.Checks;

import java.util.Set;

/**
 * Makes allocators of one kind: what {@link AllocatorType}'s constants, and the suite's catalog of
 * library-specific variants and peer baselines, have in common. Tests, benchmarks and the
 * simulation take any {@code AllocatorFactory}.
 */
public interface AllocatorFactory {

    /** The short stable identifier used on command lines, in benchmark parameters and reports. */
    String id();

    /**
     * A new allocator of this kind for {@code config}, every port free.
     *
     * @throws NullPointerException if {@code config} is null
     * @throws IllegalArgumentException exactly when {@link #checkServes} refuses the configuration
     */
    PortAllocator create(AllocatorConfig config);

    /**
     * Refuses, before anything is built, every configuration this kind cannot serve: a selection
     * policy it lacks, or a value past one of its own limits (an expiry quota where it takes none,
     * more shards than ports, a wheel whose worst-case memory passes its budget). The
     * configuration's builder refuses what no allocator can serve; this refuses what one kind
     * cannot, and {@link #create(AllocatorConfig)} refuses exactly these, with the same message.
     *
     * @throws NullPointerException if {@code config} is null
     * @throws IllegalArgumentException naming the value and the limit
     */
    default void checkServes(AllocatorConfig config) {
        selectionFor(config);
    }

    /** A new allocator of this kind for the Windows 95 defaults of {@link AllocatorConfig#windows95()}. */
    default PortAllocator create() {
        return create(AllocatorConfig.windows95());
    }

    /** The selection policies this kind's free-port structure can serve, the default first. */
    Set<PortSelection> selections();

    /**
     * Whether this is a peer baseline: built the way a user of a general-purpose library would,
     * to be measured against, and allowed to allocate on its hot path.
     */
    boolean isPeerBaseline();

    /**
     * Whether allocators of this kind may be called by several threads at once. The others are
     * single-owner: confine each to one thread.
     */
    default boolean isThreadSafe() {
        return false;
    }

    /** Whether this kind can serve {@code selection}. */
    default boolean supports(PortSelection selection) {
        return selections().contains(selection);
    }

    /** The policy used when the configuration names none: the first one listed. */
    default PortSelection defaultSelection() {
        return selections().iterator().next();
    }

    /**
     * The policy an allocator of this kind built for {@code config} follows: the configured one,
     * or {@link #defaultSelection()} when it names none.
     *
     * @throws NullPointerException if {@code config} is null
     * @throws IllegalArgumentException if this kind does not support the configured policy
     */
    default PortSelection selectionFor(AllocatorConfig config) {
        Checks.checkNotNull("config", config);
        PortSelection selection = config.selection() == null ? defaultSelection() : config.selection();
        if (!supports(selection)) {
            throw new IllegalArgumentException("selection: " + selection + " (expected one of "
                    + selections() + " for allocator " + id() + ")");
        }
        return selection;
    }

    /** The maximum lateness of this kind's expiry under {@code config}. */
    default long maxLatenessNanos(AllocatorConfig config) {
        return create(config).maxLatenessNanos();
    }
}
