package dev.portbench.simulation;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.runfolder.SimulationFile;
import dev.portbench.workload.ArrivalProcess;
import dev.portbench.workload.HoldingTime;
import dev.portbench.workload.Workload;
import dev.portbench.workload.Workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulation section of a run ({@code simulation.json}): the KB's table (first failure and
 * long-run success against theory for fixed-rate clients around 16.57/s), a fill / cliff /
 * recovery timeline, every allocator on the KB's overload, and sweeps of load against range size,
 * TIME-WAIT and holding time.
 *
 * <p>Every run is {@code periods} periods of (TIME-WAIT + mean holding time) long. The KB table,
 * the timeline and the sweeps run on {@value #REFERENCE} (exact expiry: every exact allocator gives
 * the same counts, which the allocator table shows).
 */
public final class SimulationStudy {

    /** The allocator the tables and sweeps use; exact, so its counts are every exact allocator's. */
    public static final String REFERENCE = "fifo";
    /** KB table rates, connections per second; 16.57 is the capacity. */
    public static final double[] KB_RATES = {8, 12, 16, 16.5, 17, 20, 25, 33.14};
    /** Load points of the sweeps: half to twice capacity. */
    public static final double[] SWEEP_RHOS = {0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0};
    /** Ranges of the range sweep: first and last port. */
    public static final int[][] SWEEP_RANGES = {{1025, 5000}, {49152, 65535}, {32768, 60999}, {1024, 65535}};
    /** TIME-WAITs of the TIME-WAIT sweep, seconds. */
    public static final int[] SWEEP_TIME_WAITS = {240, 120, 60, 30};
    /** The overload every allocator is run on: 20 connections per second, as a tight client loop. */
    public static final double OVERLOAD_RATE = 20.0;
    /**
     * The least length of the every-allocator overload run, in periods: a wheel's lateness (up to a
     * tick per port per cycle) costs about one use per port per 240 cycles, so a short run gives
     * every port the same number of uses either way and hides it.
     */
    public static final int OVERLOAD_PERIODS = 200;

    private SimulationStudy() {
    }

    /** Runs the whole study with runs {@code periods} periods long: the {@code simulation.json} of a run. */
    public static SimulationFile run(int periods) {
        if (periods < 2) {
            throw new IllegalArgumentException("periods: " + periods + " (expected: >= 2, the fill and a steady period)");
        }
        long wallStart = System.nanoTime();
        long[] events = {0};
        Workload kb = Workloads.q170791(1.0);

        List<SimulationFile.KbRow> kbRows = new ArrayList<>();
        for (double rate : KB_RATES) {
            Workload w = kb.withRho(rate / kb.capacityPerSecond());
            SimulationResult r = Simulator.run(AllocatorCatalog.fromId(REFERENCE), SimulationParams.of(w, periods));
            events[0] += r.events();
            double ff = Theory.firstFailureSeconds(w.ports(), rate, w.capacityPerSecond());
            kbRows.add(new SimulationFile.KbRow(rate, SimulationResult.round(w.rho()),
                    Double.isInfinite(ff) ? null : SimulationResult.round(ff),
                    r.firstFailureNanos() < 0 ? null : SimulationResult.round(r.firstFailureSeconds()),
                    SimulationResult.round(Theory.longRunSuccess(rate, w.capacityPerSecond())),
                    SimulationResult.round(r.steadySuccess()), SimulationResult.round(r.successFraction())));
        }

        // fill, cliff and recovery: the overload for half the run, then half capacity
        Workload over = kb.withRho(OVERLOAD_RATE / kb.capacityPerSecond());
        SimulationParams timeline = SimulationParams.of(over, periods)
                .withPhaseChange(periods / 2 * kb.timeWaitNanos(), 0.5);
        SimulationResult tl = Simulator.run(AllocatorCatalog.fromId(REFERENCE), timeline);
        events[0] += tl.events();
        SimulationFile.Timeline tlFile = new SimulationFile.Timeline(OVERLOAD_RATE, timeline.phaseChangeNanos() / 1e9, 0.5,
                tl.outcome(), tl.series());

        // every allocator on the same overload, long enough for lateness to cost: exact ones agree, the wheels differ
        List<SimulationFile.Outcome> perAllocator = new ArrayList<>();
        int overloadPeriods = Math.max(periods, OVERLOAD_PERIODS);
        SimulationParams overload = SimulationParams.of(over, overloadPeriods);
        for (AllocatorCatalog type : AllocatorCatalog.values()) {
            SimulationResult r = Simulator.run(type, overload);
            events[0] += r.events();
            perAllocator.add(r.outcome().withPeerBaseline(type.isPeerBaseline()));
        }

        List<SimulationFile.Sweep> ranges = new ArrayList<>();
        for (int[] range : SWEEP_RANGES) {
            ranges.add(sweep("ports " + (range[1] - range[0] + 1), poisson(kb).withRange(range[0], range[1]), periods, events));
        }
        List<SimulationFile.Sweep> tws = new ArrayList<>();
        for (int s : SWEEP_TIME_WAITS) {
            tws.add(sweep("TIME-WAIT " + s + " s", poisson(kb).withTimeWait(s * 1_000_000_000L), periods, events));
        }
        List<SimulationFile.Sweep> holds = new ArrayList<>();
        holds.add(sweep("no holding", poisson(kb), periods, events));
        holds.add(sweep("fixed 60 s", poisson(kb).withHolding(HoldingTime.FIXED, 60_000_000_000L), periods, events));
        holds.add(sweep("exponential, mean 60 s", poisson(kb).withHolding(HoldingTime.EXPONENTIAL, 60_000_000_000L),
                periods, events));
        double wall = (System.nanoTime() - wallStart) / 1e9;
        return new SimulationFile(SimulationFile.SCHEMA, periods, REFERENCE, kb.ports(), kb.timeWaitNanos() / 1e9,
                SimulationResult.round(kb.capacityPerSecond()), kbRows, tlFile, perAllocator,
                new SimulationFile.Sweeps(ranges, tws, holds), events[0], Math.round(wall * 100) / 100.0, overloadPeriods);
    }

    private static Workload poisson(Workload w) {
        return w.withArrivals(ArrivalProcess.POISSON);
    }

    /** Steady success and first failure across {@link #SWEEP_RHOS} for one workload shape. */
    private static SimulationFile.Sweep sweep(String label, Workload base, int periods, long[] events) {
        List<SimulationFile.SweepPoint> points = new ArrayList<>();
        for (double rho : SWEEP_RHOS) {
            Workload w = base.withRho(rho);
            SimulationResult r = Simulator.run(AllocatorCatalog.fromId(REFERENCE), SimulationParams.of(w, periods));
            events[0] += r.events();
            points.add(new SimulationFile.SweepPoint(rho, SimulationResult.round(w.ratePerSecond()),
                    SimulationResult.round(r.steadySuccess()),
                    SimulationResult.round(Theory.longRunSuccess(w.ratePerSecond(), w.capacityPerSecond())),
                    r.firstFailureNanos() < 0 ? null : SimulationResult.round(r.firstFailureSeconds())));
        }
        return new SimulationFile.Sweep(label, base.ports(), base.timeWaitNanos() / 1e9,
                base.holding().name().toLowerCase(Locale.ROOT), base.meanHoldNanos() / 1e9,
                SimulationResult.round(base.capacityPerSecond()), points);
    }

    /** A few lines for the terminal: the KB table. */
    public static String summary(SimulationFile doc) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Q170791: %s ports, %s s TIME-WAIT, capacity %s connections/s%n",
                doc.ports(), doc.timeWaitSeconds(), doc.capacityPerSecond()));
        b.append(String.format(Locale.ROOT, "  %8s %10s %12s %10s %10s%n", "rate/s", "1st fail s", "(theory)", "success", "(theory)"));
        for (SimulationFile.KbRow row : doc.kb()) {
            b.append(String.format(Locale.ROOT, "  %8.2f %10s %12s %10.4f %10.4f%n", row.ratePerSecond(),
                    orDash(row.firstFailureSeconds()), orDash(row.predictedFirstFailureSeconds()),
                    row.steadySuccess(), row.predictedSuccess()));
        }
        b.append(String.format(Locale.ROOT, "  %s events simulated in %s s%n", doc.events(), doc.wallSeconds()));
        return b.toString();
    }

    private static String orDash(Double v) {
        return v == null ? "none" : String.format(Locale.ROOT, "%.2f", v);
    }
}
