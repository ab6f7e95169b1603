package dev.portbench.gateway;

/** How a gateway looks for a free port, as a profile file names it. */
public enum SearchPolicy {
    /** Any free port is found (an exhaustive search): no false exhaustion. */
    EXHAUSTIVE,
    /** netfilter's runs of consecutive ports from random offsets, 248 probes at most. */
    NETFILTER_RUNS,
    /** Independent random draws, {@code searchAttempts} at most (Cilium 32, VPP NAT44-ED 10). */
    RANDOM_RETRIES
}
