package dev.portbench.workload;

/** How long a connection stays open before it closes and its port enters TIME-WAIT. */
public enum HoldingTime {
    /** Closed at once: the KB's client, connect and close. */
    NONE,
    /** Always the mean. */
    FIXED,
    /** Exponentially distributed with the given mean. */
    EXPONENTIAL
}
