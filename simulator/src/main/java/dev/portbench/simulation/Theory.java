package dev.portbench.simulation;

/**
 * The closed-form answers the simulation is checked against (KB Q170791's arithmetic).
 * A port is busy for its holding time plus its TIME-WAIT, so a range of {@code ports} sustains
 * {@code ports / (hold + TIME-WAIT)} new connections per second.
 */
public final class Theory {

    private Theory() {
    }

    /** Sustainable connections per second: 3976 / 240 = 16.57 for Windows 95. */
    public static double capacityPerSecond(int ports, double holdSeconds, double timeWaitSeconds) {
        return ports / (holdSeconds + timeWaitSeconds);
    }

    /**
     * Seconds until the first failed connect of a fixed-rate client starting with every port free,
     * when the rate exceeds capacity and nothing is held: the range is used up after
     * {@code ports} connections, {@code ports / rate} seconds (the last success at
     * {@code (ports - 1) / rate}, the first failure one gap later). Infinite at or below capacity.
     */
    public static double firstFailureSeconds(int ports, double ratePerSecond, double capacityPerSecond) {
        return ratePerSecond <= capacityPerSecond ? Double.POSITIVE_INFINITY : ports / ratePerSecond;
    }

    /** The long-run share of connects that succeed: capacity / rate, at most 1. */
    public static double longRunSuccess(double ratePerSecond, double capacityPerSecond) {
        return Math.min(1.0, capacityPerSecond / ratePerSecond);
    }
}
