package dev.portbench.simulation;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * What the client of a {@link Scenario} experienced. Counts are exact and repeat for the same
 * scenario; only {@link #wallNanos()} depends on the machine.
 *
 * @param scenario what was simulated
 * @param attempts connect attempts
 * @param successes attempts that got a port
 * @param failures attempts that did not (EADDRNOTAVAIL for connect, EADDRINUSE for bind)
 * @param successFraction successes / attempts (1 without attempts)
 * @param reuses TIME-WAIT entries taken over by tcp_tw_reuse
 * @param firstFailureNanos the first failed attempt, -1 if none
 * @param outageCount runs of consecutive failures
 * @param outages the first {@link ScenarioSimulator#MAX_OUTAGES_KEPT} of them
 * @param longestOutage the longest (to the end if it never ended), or null if none
 * @param recoveryNanos how long the first outage lasted until a connect succeeded again; -1 if there
 *     was none or it never ended
 * @param steadySuccess the success fraction in the steady state: the last whole periods of
 *     (hold + TIME-WAIT) within the second half of the run (the second half if shorter than a period)
 * @param sustainedPerSecond successful connects per second in that steady state
 * @param capacityPerSecond the closed-form capacity ({@link Scenario#capacityPerSecond()})
 * @param maxLatenessNanos the allocator's expiry lateness bound
 * @param events attempts plus closes processed
 * @param wallNanos real time the simulation took
 * @param series the time series
 * @param outcomes each attempt's port or -1, when the scenario asked for them; else empty
 */
public record ScenarioResult(Scenario scenario, long attempts, long successes, long failures, double successFraction,
                             long reuses, long firstFailureNanos, long outageCount, List<Outage> outages,
                             Outage longestOutage, long recoveryNanos, double steadySuccess,
                             double sustainedPerSecond, double capacityPerSecond, long maxLatenessNanos, long events,
                             long wallNanos, ScenarioSeries series, @JsonIgnore int[] outcomes) {

    /** Whether the client ever failed. */
    public boolean failed() {
        return firstFailureNanos >= 0;
    }
}
