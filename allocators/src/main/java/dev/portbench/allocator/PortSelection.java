package dev.portbench.allocator;

/**
 * Which free port an allocator hands out: the port-selection policy.
 *
 * <p>The choice decides predictability (blind attacks, device tracking, RFC 6056) and the cost
 * of finding a port near exhaustion. Not every free-port structure can serve every policy:
 * {@link AllocatorType#supports(PortSelection)} tells, and configuring an unsupported pair is
 * rejected.
 */
public enum PortSelection {

    /**
     * Next-fit from one global cursor: the port after the last one handed out, wrapping. What
     * Windows 95 (and XP/2003, one counter shared by TCP and UDP) and BSD's sequential mode do.
     * Fully predictable.
     */
    SEQUENTIAL,

    /**
     * The port free for the longest time, as HAProxy's {@code port_range} ring: maximises the
     * reuse distance of every port. Predictable to an observer who saw the release order.
     */
    LEAST_RECENTLY_USED
}
