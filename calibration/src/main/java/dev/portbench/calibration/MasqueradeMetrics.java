package dev.portbench.calibration;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a client saw through a NAT in one {@code linux-masquerade} scenario, measured on the kernel
 * or predicted by the gateway simulator. Latencies are over the established connects, in seconds.
 *
 * @param connects connect() calls
 * @param established connects that succeeded, at once or after retransmitted SYNs
 * @param failed connects that failed with ETIMEDOUT (after the last retransmission)
 * @param otherErrors connects that failed otherwise (the model has none)
 * @param delayed established connects that took 0.5 s or more (at least one SYN was dropped)
 * @param droppedSyns SYNs the NAT found no tuple for (kernel: conntrack's {@code insert_failed})
 * @param latencyP50Seconds median connect latency
 * @param latencyP99Seconds 99th percentile
 * @param latencyMaxSeconds the largest
 */
@JsonPropertyOrder({"connects", "established", "failed", "otherErrors", "delayed", "droppedSyns", "latencyP50Seconds",
        "latencyP99Seconds", "latencyMaxSeconds"})
public record MasqueradeMetrics(long connects, long established, long failed, long otherErrors, long delayed,
                                long droppedSyns, double latencyP50Seconds, double latencyP99Seconds,
                                double latencyMaxSeconds) {

    /** Delayed means at least this long: half the first retransmission timeout (1 s). */
    static final double DELAYED_SECONDS = 0.5;

    /** Connect counts agree when they differ by at most this share of the connects (or by 1). */
    static final double COUNT_TOLERANCE = 0.02;
    /** Dropped SYNs agree when they differ by at most this share (or by 2). */
    static final double DROP_TOLERANCE = 0.05;
    /** Latency percentiles agree within this many seconds (a quarter of the first timeout). */
    static final double LATENCY_TOLERANCE_SECONDS = 0.25;

    /**
     * Which of the compared figures of this (kernel) measurement fall outside the models' range
     * {@code low..high} widened by the tolerances; empty when all agree.
     */
    java.util.List<String> misses(MasqueradeMetrics low, MasqueradeMetrics high) {
        java.util.List<String> m = new java.util.ArrayList<>();
        double counts = Math.max(1, COUNT_TOLERANCE * connects);
        check(m, "established", established, low.established, high.established, counts);
        check(m, "failed", failed, low.failed, high.failed, counts);
        check(m, "delayed", delayed, low.delayed, high.delayed, counts);
        check(m, "droppedSyns", droppedSyns, low.droppedSyns, high.droppedSyns, Math.max(2, DROP_TOLERANCE * droppedSyns));
        check(m, "latencyP99", latencyP99Seconds, low.latencyP99Seconds, high.latencyP99Seconds, LATENCY_TOLERANCE_SECONDS);
        return m;
    }

    private static void check(java.util.List<String> misses, String name, double kernel, double low, double high,
                              double tolerance) {
        if (kernel < low - tolerance || kernel > high + tolerance) {
            misses.add(name);
        }
    }

    /** Each figure's smaller (or larger) of {@code a} and {@code b}. */
    static MasqueradeMetrics bound(MasqueradeMetrics a, MasqueradeMetrics b, boolean high) {
        java.util.function.LongBinaryOperator l = high ? Math::max : Math::min;
        java.util.function.DoubleBinaryOperator d = high ? Math::max : Math::min;
        return new MasqueradeMetrics(l.applyAsLong(a.connects, b.connects), l.applyAsLong(a.established, b.established),
                l.applyAsLong(a.failed, b.failed), l.applyAsLong(a.otherErrors, b.otherErrors),
                l.applyAsLong(a.delayed, b.delayed), l.applyAsLong(a.droppedSyns, b.droppedSyns),
                d.applyAsDouble(a.latencyP50Seconds, b.latencyP50Seconds), d.applyAsDouble(a.latencyP99Seconds,
                b.latencyP99Seconds), d.applyAsDouble(a.latencyMaxSeconds, b.latencyMaxSeconds));
    }
}
