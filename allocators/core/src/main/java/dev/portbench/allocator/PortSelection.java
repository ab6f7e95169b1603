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
    LEAST_RECENTLY_USED,

    /**
     * RFC 6056 algorithm 1: a random start, then a linear probe to the first free port (FreeBSD,
     * gVisor, netfilter's first round). Never fails while a port is free; biased toward the
     * first free port after a run of used ones.
     */
    RANDOM_START,

    /**
     * RFC 6056 algorithm 2: a uniformly random port per try, at most
     * {@link AllocatorConfig#maxTries()} tries (VPP's NAT gives up after 10). Can fail while ports
     * are free (a false exhaustion, likely near full occupancy); never loops.
     */
    RANDOM_PICK,

    /**
     * RFC 6056 algorithm 3: a keyed hash of the destination plus one global counter, then a
     * linear probe. Sequential per destination, unpredictable across destinations. Needs a
     * {@link AllocatorConfig#secret()}.
     */
    HASH,

    /**
     * RFC 6056 algorithm 4, as Linux does it: a keyed hash of the destination plus a counter taken
     * from a table of {@link AllocatorConfig#hashTableSize()} counters indexed by a second keyed
     * hash; the counter moves on by the probes used plus a random increment (Linux since 2022)
     * after each success. Needs a {@link AllocatorConfig#secret()}.
     */
    DOUBLE_HASH,

    /**
     * RFC 6056 algorithm 5: the previous position plus a random increment of
     * 1..{@link AllocatorConfig#randomIncrement()} per try, at most the range size tries. Trades
     * predictability against reuse distance; can fail while ports are free.
     */
    RANDOM_INCREMENTS,

    /**
     * A uniformly random free port in O(1): an indexed set (a dense array of the free ports and
     * each port's position in it) picks a random index and swaps the last entry into its place.
     * Never fails while a port is free, never probes, least predictable.
     */
    UNIFORM_RANDOM;

    /** Whether this policy needs {@link AllocatorConfig#secret()}. */
    public boolean needsSecret() {
        return this == HASH || this == DOUBLE_HASH;
    }

    /**
     * Whether this policy finds a free port whenever one exists. RANDOM_PICK and RANDOM_INCREMENTS
     * try a bounded number of candidates and may not.
     */
    public boolean exhaustive() {
        return this != RANDOM_PICK && this != RANDOM_INCREMENTS;
    }

    /** The RFC 6056 algorithm number, or 0 for a policy outside the RFC. */
    public int rfc6056Algorithm() {
        switch (this) {
            case RANDOM_START:
                return 1;
            case RANDOM_PICK:
                return 2;
            case HASH:
                return 3;
            case DOUBLE_HASH:
                return 4;
            case RANDOM_INCREMENTS:
                return 5;
            default:
                return 0;
        }
    }

    /** The kebab-case id used on command lines and in reports, e.g. {@code random-start}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
