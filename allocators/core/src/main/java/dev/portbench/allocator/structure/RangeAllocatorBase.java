package dev.portbench.allocator.structure;

import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.allocator.PortAllocator;

/**
 * What every allocator of this library answers without looking at its state: its name, its port
 * range and its TIME-WAIT. The base of the {@link PortAllocator} and
 * {@link ConnectionPortAllocator} implementations, so that each of them states only its structure.
 *
 * <p>Four final fields (about 24 bytes with the header's share), set once; every method here is a
 * field read, thread-safe because the fields are final. No behaviour and no checks: the factories
 * in {@link Structures} validate the configuration before a subclass is built.
 */
public abstract class RangeAllocatorBase {

    /** The id this allocator reports, e.g. {@code "ring"}. */
    protected final String name;
    /** The lowest port handed out. */
    protected final int firstPort;
    /** The highest port handed out, inclusive. */
    protected final int lastPort;
    /** How long a released port waits before it is free again. */
    protected final long timeWaitNanos;

    /** For a subclass: the values it reports; checked by the factory that builds it. */
    protected RangeAllocatorBase(String name, int firstPort, int lastPort, long timeWaitNanos) {
        this.name = name;
        this.firstPort = firstPort;
        this.lastPort = lastPort;
        this.timeWaitNanos = timeWaitNanos;
    }

    /** The lowest port handed out. */
    public final int firstPort() {
        return firstPort;
    }

    /** The highest port handed out, inclusive. */
    public final int lastPort() {
        return lastPort;
    }

    /** How long a released port waits before it is free again. */
    public final long timeWaitNanos() {
        return timeWaitNanos;
    }

    /** The id this allocator reports. */
    public final String name() {
        return name;
    }
}
