package dev.portbench.simulation;

import dev.portbench.workload.ArrivalProcess;
import dev.portbench.workload.Workload;

import java.util.Objects;

/**
 * One simulated client: a workload (range, TIME-WAIT, arrivals at load rho, holding time, early
 * reclaims, seed), how long to run it in virtual time, the window the success fraction and the
 * occupancy are reported per, and optionally a second phase and retries.
 *
 * @param workload the client; its arrivals must be {@link ArrivalProcess#FIXED_RATE} or {@link ArrivalProcess#POISSON}
 * @param durationNanos virtual time simulated, > 0
 * @param windowNanos the reporting window, > 0 and at most the duration
 * @param phaseChangeNanos when the load changes to {@code secondRho} (for a fill / cliff / recovery
 *     timeline); {@code durationNanos} or more for one phase
 * @param secondRho the load after the phase change, >= 0 (0: arrivals stop)
 * @param retries how often a failed connect is retried, >= 0 (0: a failed connect is final)
 * @param retryDelayNanos delay before each retry, > 0 when {@code retries > 0}
 */
public record SimulationParams(Workload workload, long durationNanos, long windowNanos, long phaseChangeNanos,
                               double secondRho, int retries, long retryDelayNanos) {

    /** At most this many windows, so that a result stays a readable size. */
    public static final int MAX_WINDOWS = 1 << 20;

    public SimulationParams {
        Objects.requireNonNull(workload, "workload");
        if (workload.arrivals() == ArrivalProcess.RECORDED) {
            throw new IllegalArgumentException("workload " + workload.id()
                    + ": RECORDED arrivals (expected a synthetic workload; replay a recorded trace with RecordedTraceSimulator)");
        }
        if (workload.arrivals() == ArrivalProcess.BURST) {
            throw new IllegalArgumentException("arrivals: BURST (expected FIXED_RATE or POISSON in a simulation)");
        }
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("durationNanos: " + durationNanos + " (expected: > 0)");
        }
        if (windowNanos <= 0 || windowNanos > durationNanos) {
            throw new IllegalArgumentException("windowNanos: " + windowNanos + " (expected: > 0 and at most the duration "
                    + durationNanos + ")");
        }
        if ((durationNanos + windowNanos - 1) / windowNanos > MAX_WINDOWS) {
            throw new IllegalArgumentException("windowNanos: " + windowNanos + " (expected: at most " + MAX_WINDOWS
                    + " windows in the duration " + durationNanos + ")");
        }
        if (phaseChangeNanos <= 0) {
            throw new IllegalArgumentException("phaseChangeNanos: " + phaseChangeNanos + " (expected: > 0)");
        }
        if (!(secondRho >= 0) || Double.isInfinite(secondRho)) {
            throw new IllegalArgumentException("secondRho: " + secondRho + " (expected: a finite load >= 0)");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
        }
        if (retries > 0 && retryDelayNanos <= 0) {
            throw new IllegalArgumentException("retryDelayNanos: " + retryDelayNanos + " (expected: > 0 with retries)");
        }
    }

    /** {@code workload} for {@code periods} periods of TIME-WAIT plus mean holding time, in 10 s windows. */
    public static SimulationParams of(Workload workload, int periods) {
        if (periods <= 0) {
            throw new IllegalArgumentException("periods: " + periods + " (expected: > 0)");
        }
        long duration = periods * (workload.timeWaitNanos() + workload.meanHoldNanos());
        long window = Math.min(duration, 10_000_000_000L);
        return new SimulationParams(workload, duration, window, duration, 0, 0, 0);
    }

    public SimulationParams withPhaseChange(long atNanos, double rho) {
        return new SimulationParams(workload, durationNanos, windowNanos, atNanos, rho, retries, retryDelayNanos);
    }

    public SimulationParams withWindow(long nanos) {
        return new SimulationParams(workload, durationNanos, nanos, phaseChangeNanos, secondRho, retries, retryDelayNanos);
    }

    public SimulationParams withRetries(int count, long delayNanos) {
        return new SimulationParams(workload, durationNanos, windowNanos, phaseChangeNanos, secondRho, count, delayNanos);
    }

    /** Windows in the run; the last may be shorter. */
    public int windows() {
        return (int) ((durationNanos + windowNanos - 1) / windowNanos);
    }
}
