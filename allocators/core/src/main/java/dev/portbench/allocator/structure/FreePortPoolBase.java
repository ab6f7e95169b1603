package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortSelection;

/**
 * The bookkeeping every {@link FreePortPool} shares: its selection policy, its one-line
 * description, and the probe counter its {@code take} adds to. A subclass states only its
 * structure and how it counts a probe (see {@link FreePortPool#probes()}).
 *
 * <p>Two final references and one long (16 bytes beyond the header); the accessors are field
 * reads. Not thread-safe, as no pool is: the allocator that owns a pool serialises its calls.
 */
public abstract class FreePortPoolBase implements FreePortPool {

    private final PortSelection selection;
    private final String description;
    /** Ports examined by {@code take} so far; a subclass adds to it as it searches. */
    protected long probes;

    /** For a subclass: the policy it follows and how it describes itself. */
    protected FreePortPoolBase(PortSelection selection, String description) {
        this.selection = selection;
        this.description = description;
    }

    @Override
    public final long probes() {
        return probes;
    }

    @Override
    public final PortSelection selection() {
        return selection;
    }

    @Override
    public final String describe() {
        return description;
    }
}
