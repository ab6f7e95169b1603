package dev.portbench.simulation;

/**
 * A scenario's time series, one value per window (the last window may be shorter).
 *
 * @param windowNanos the window
 * @param endNanos each window's end
 * @param attempts connect attempts in the window
 * @param successes of those, the ones that got a port
 * @param inUse connections in use at the window's end
 * @param timeWait entries in TIME-WAIT at the window's end
 * @param busyPorts ports with at least one entry at the window's end
 */
public record ScenarioSeries(long windowNanos, long[] endNanos, long[] attempts, long[] successes, int[] inUse,
                             int[] timeWait, int[] busyPorts) {

    public int windows() {
        return endNanos.length;
    }

    /** Success fraction of window {@code w}; 1 without attempts. */
    public double success(int w) {
        return attempts[w] == 0 ? 1.0 : (double) successes[w] / attempts[w];
    }
}
