package dev.portbench.runfolder;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * {@code simulation.json}: the Q170791 simulation of a run (see {@code SimulationStudy}). Counts are
 * exact and JVM-independent; only {@code wallSeconds} depends on the machine. Times are seconds of
 * virtual time; a first failure that never happened is {@code null}.
 *
 * @param schema the format version, {@value #SCHEMA}
 * @param periods length of each client run, in periods of TIME-WAIT plus holding time
 * @param reference the allocator the tables and sweeps use
 * @param ports ports of the KB's range
 * @param timeWaitSeconds the KB's TIME-WAIT
 * @param capacityPerSecond ports / TIME-WAIT
 * @param kb the KB's table: fixed-rate clients around the capacity
 * @param timeline fill, cliff and recovery on the reference allocator
 * @param allocators every allocator on the same overload
 * @param sweeps success against load by range size, TIME-WAIT and holding time
 * @param events events simulated in all
 * @param wallSeconds real time the study took
 * @param overloadPeriods length of the every-allocator overload run, in periods (at least 200, so that a
 *     wheel's lateness shows); null in files written before it was recorded, when it was {@code periods}
 */
public record SimulationFile(int schema, int periods, String reference, int ports, double timeWaitSeconds,
                             double capacityPerSecond, List<KbRow> kb, Timeline timeline, List<Outcome> allocators,
                             Sweeps sweeps, long events, double wallSeconds, Integer overloadPeriods) {

    public static final int SCHEMA = 1;

    /** One row of the KB's table: simulated against predicted. */
    public record KbRow(double ratePerSecond, double rho, Double predictedFirstFailureSeconds, Double firstFailureSeconds,
                        double predictedSuccess, double steadySuccess, double successFraction) {
    }

    /** The overload for half the run, then half capacity: the reference allocator's summary and per-window series. */
    public record Timeline(double ratePerSecond, double phaseChangeSeconds, double secondRho, Outcome summary, Series series) {
    }

    /**
     * What one simulated client experienced.
     *
     * @param reclaims early ends of TIME-WAIT requested; absent when none
     * @param reclaimedInTimeWait of those, ports still in TIME-WAIT; absent when none
     * @param peerBaseline in the allocator table only
     */
    public record Outcome(String allocator, long arrivals, long attempts, long successes, long failures,
                          double successFraction, double steadySuccess, Double firstFailureSeconds,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long reclaims,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long reclaimedInTimeWait,
                          long events, long maxLatenessNanos,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean peerBaseline) {

        public Outcome withPeerBaseline(boolean peer) {
            return new Outcome(allocator, arrivals, attempts, successes, failures, successFraction, steadySuccess,
                    firstFailureSeconds, reclaims, reclaimedInTimeWait, events, maxLatenessNanos, peer);
        }
    }

    /** Per window: its end (s), connect attempts, success fraction, and ports in use, in TIME-WAIT and free at its end. */
    public record Series(double windowSeconds, double[] timeSeconds, long[] attempts, double[] success, int[] inUse,
                         int[] timeWait, int[] free) {
    }

    /** The three sweeps. */
    public record Sweeps(List<Sweep> range, List<Sweep> timeWait, List<Sweep> holding) {
    }

    /** One curve: a workload shape at every load. */
    public record Sweep(String label, int ports, double timeWaitSeconds, String holding, double meanHoldSeconds,
                        double capacityPerSecond, List<SweepPoint> points) {
    }

    /** One load of a curve. */
    public record SweepPoint(double rho, double ratePerSecond, double steadySuccess, double predictedSuccess,
                             Double firstFailureSeconds) {
    }
}
