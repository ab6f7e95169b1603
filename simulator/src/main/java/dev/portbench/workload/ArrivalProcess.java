package dev.portbench.workload;

/** How new connections arrive. */
public enum ArrivalProcess {
    /** Evenly spaced: one connection every {@code 1 / rate} seconds, like a tight client loop. */
    FIXED_RATE,
    /** Exponential gaps of mean {@code 1 / rate}: independent clients. */
    POISSON,
    /**
     * Every port at one instant, all closed together after the holding time, the next batch
     * {@link TraceGenerator#BURST_SLACK_NANOS} after their TIME-WAIT ends: the bulk-expiry tail,
     * where structures differ most.
     */
    BURST,
    /**
     * The open times of an imported trace ({@code dev.portbench.trace}): replayed as recorded,
     * never generated, so {@link TraceGenerator} and the synthetic simulator refuse it.
     */
    RECORDED
}
