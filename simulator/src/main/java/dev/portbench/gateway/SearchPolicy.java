package dev.portbench.gateway;

/** How a gateway looks for a free port, as a profile file names it. */
public enum SearchPolicy {
    /** Any free port is found (an exhaustive search): no false exhaustion. */
    EXHAUSTIVE,
    /** netfilter's runs of consecutive ports from random offsets, 248 probes at most. */
    NETFILTER_RUNS,
    /**
     * As {@link #NETFILTER_RUNS}, with Linux 6.5+'s eviction: a SYN whose reply tuple collides with a
     * source-NATed entry in TIME_WAIT or CLOSE may take its port ("snat: evict closing tcp entries on
     * reply tuple collision"). What the kernel check of {@code linux-masquerade} measured on 6.18.
     */
    NETFILTER_RUNS_EVICTING,
    /** Independent random draws, {@code searchAttempts} at most (Cilium 32, VPP NAT44-ED 10). */
    RANDOM_RETRIES
}
