package dev.portbench.simulation;

/**
 * A run of consecutive failed connect attempts.
 *
 * @param startNanos the first failed attempt, ns from the scenario's start
 * @param endNanos the next successful attempt, or -1 if none came before the end
 * @param failedConnects the failed attempts in the run
 */
public record Outage(long startNanos, long endNanos, long failedConnects) {

    /** Whether a success ended it before the scenario did. */
    public boolean recovered() {
        return endNanos >= 0;
    }

    /** Its length, or the time to {@code scenarioEndNanos} if it never ended. */
    public long lengthNanos(long scenarioEndNanos) {
        return (recovered() ? endNanos : scenarioEndNanos) - startNanos;
    }
}
