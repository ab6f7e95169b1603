package dev.portbench.gateway;

import dev.portbench.nat.NatCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleFunction;

/**
 * {@code --find max-clients | max-rate}: the largest load whose failed fraction stays at or
 * under a threshold, to within 1% (or 1 client). The load is scaled from the scenario's own value;
 * each probe is a whole {@link GatewaySimulator} run with the same seed, stopped early once its
 * failures pass the threshold, so that a passing run costs the whole scenario and a failing one
 * only up to its failures.
 *
 * <p>How it probes. A passing run says how full its limits got: the most flows a destination held
 * at once over that destination's limit (summed over destinations when mappings are
 * endpoint-independent, since they then share one pool), and for {@link Target#MAX_RATE} also the
 * fullest client's share of its own limit. Those grow in proportion to the load, so the run
 * predicts the load that fills them: its load over that utilisation. The search then probes a pair
 * of loads 1% apart around the prediction, which ends the search at once when the prediction is
 * right. While nothing has failed and the prediction is less than 10% past the passing load, it
 * doubles instead. Once a probe failed: a prediction inside the bracket gets its pair; one at or
 * past the failing end (the prediction misses what fills first, e.g. one address of a destination,
 * or a bounded search refusing before the pool is full) gets the pair just below the failing end;
 * and every second narrowing step, or when there is no prediction, the bracket's thirds. So the
 * bracket shrinks to a third or less every two steps. Where every prediction misses, that is slower
 * than bisection (a quarter in two steps), by about a quarter in wall time, since each step's pair runs at once.
 *
 * <p>The two probes of a step run at once on two threads (when the machine has two cores), and
 * the bracket is updated only from the whole step's results, so the answer does not depend on
 * the threads. Bounded: at most {@value #MAX_STEPS} growth steps and {@code 2 * MAX_STEPS}
 * narrowing steps, two runs each.
 */
public final class CapacitySearch {

    /** What is searched. */
    public enum Target {
        /** The number of clients, each at the scenario's rate. */
        MAX_CLIENTS,
        /** Each client's request rate, for the scenario's clients. */
        MAX_RATE
    }

    /**
     * The answer.
     *
     * @param target what was searched
     * @param load the largest passing load (clients, or requests/s per client); 0 if even the smallest fails
     * @param failing the smallest failing load found (the bracket's upper end); -1 if none failed up to the bound
     * @param passing the run at {@code load} (null if none passed)
     * @param failingRun the run at {@code failing}: its binding limit is what stops the load (null if none failed)
     * @param runs how many simulations it took
     */
    public record Answer(Target target, double load, double failing, GatewayResult passing, GatewayResult failingRun,
                         int runs) {

        /** The limit that stops more load: the failing run's, "none" if nothing failed. */
        public String bindingLimit() {
            return failingRun == null ? "none" : failingRun.bindingLimit();
        }
    }

    private static final int MAX_STEPS = 40;

    /**
     * While nothing failed, the least jump over the passing load a prediction must make for its pair to
     * be probed; below it, the load doubles. A prediction just above a passing run is as likely an
     * undershoot (few flows round up; fluctuations grow slower than the load), and a doubled load that
     * fails is cheap: its run stops at its failures.
     */
    private static final double MIN_JUMP = 1.1;

    /** Half the width of a probe pair around a prediction, as a fraction of the load: the pair spans the 1% tolerance. */
    private static final double PAIR_HALF_WIDTH = 0.005;

    private final GatewayProfile profile;
    private final FleetScenario scenario;
    private final NatCatalog allocator;
    private final double threshold;
    private int runs;

    /**
     * @param threshold the largest failed fraction that still passes, 0..1 (0: no failed connect)
     */
    public CapacitySearch(GatewayProfile profile, FleetScenario scenario, NatCatalog allocator, double threshold) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold: " + threshold + " (expected: 0 <= failed fraction < 1)");
        }
        this.profile = profile;
        this.scenario = scenario;
        this.allocator = allocator;
        this.threshold = threshold;
    }

    public Answer find(Target target) {
        runs = 0;
        Load load = target == Target.MAX_CLIENTS
                ? new Load(scenario.clients(), 1, FleetScenario.MAX_CLIENTS, true, n -> scenario.withClients((int) n))
                : new Load(scenario.requestsPerSecondPerClient(), 1e-6, 1e6, false, scenario::withRatePerClient);
        ExecutorService threads = Runtime.getRuntime().availableProcessors() > 1 ? Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "capacity-search");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            return search(target, load, threads);
        } finally {
            if (threads != null) {
                threads.shutdownNow();
            }
        }
    }

    /**
     * A load parameter of the scenario.
     *
     * @param start the scenario's own value, where the search starts
     * @param min the smallest value worth a run
     * @param max the largest value a scenario accepts
     * @param whole whether the parameter is a whole number (clients)
     * @param scenarioAt the scenario at a value
     */
    private record Load(double start, double min, double max, boolean whole, DoubleFunction<FleetScenario> scenarioAt) {

        double round(double v) {
            return whole ? Math.floor(v) : v;
        }

        /** How close the bracket must get: 1% of its upper end (and at least one client). */
        double tolerance(double hi) {
            return whole ? Math.max(1, Math.floor(hi / 100)) : hi / 100;
        }

        /** The upper load of a pair starting at {@code lo}: within the tolerance of it. */
        double pairEnd(double lo) {
            return whole ? lo + Math.max(1, Math.floor(lo / 100)) : lo * 1.01;
        }
    }

    /**
     * The search's bracket: the largest passing load and the smallest failing one found so far,
     * with their runs ({@code passingRun} null while none passed, {@code failingRun} null while none failed).
     */
    private final class Bracket {
        double passing;
        GatewayResult passingRun;
        double failing = Double.POSITIVE_INFINITY;
        GatewayResult failingRun;

        /**
         * Runs every load of {@code probes} (at once, given threads; each above the passing end and,
         * once a probe failed, below the failing end), then moves the failing end to the least failing
         * probe and the passing end to the greatest passing probe below it.
         */
        void probe(List<Double> probes, Load parameter, ExecutorService threads) {
            List<GatewayResult> results = runAll(probes, parameter, threads);
            for (int i = 0; i < probes.size(); i++) {
                if (!passes(results.get(i)) && probes.get(i) < failing) {
                    failing = probes.get(i);
                    failingRun = results.get(i);
                }
            }
            for (int i = 0; i < probes.size(); i++) {
                double l = probes.get(i);
                if (passes(results.get(i)) && l > passing && l < failing) {
                    passing = l;
                    passingRun = results.get(i);
                }
            }
        }

        boolean failed() {
            return failingRun != null;
        }
    }

    private List<GatewayResult> runAll(List<Double> probes, Load parameter, ExecutorService threads) {
        runs += probes.size();
        if (threads == null || probes.size() == 1) {
            return probes.stream().map(l -> simulate(parameter.scenarioAt().apply(l))).toList();
        }
        List<Future<GatewayResult>> futures = new ArrayList<>();
        for (double l : probes) {
            FleetScenario s = parameter.scenarioAt().apply(l);
            futures.add(threads.submit(() -> simulate(s)));
        }
        List<GatewayResult> out = new ArrayList<>();
        try {
            for (Future<GatewayResult> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("capacity search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    /**
     * The search for both targets: run at the start; while it passes, probe the prediction's pair
     * (or double) until a probe fails; then narrow the bracket to the tolerance.
     */
    private Answer search(Target target, Load load, ExecutorService threads) {
        Bracket b = new Bracket();
        b.probe(List.of(load.start()), load, threads);
        for (int i = 0; i < MAX_STEPS && !b.failed() && b.passing < load.max(); i++) {
            double predicted = predicted(target, b.passing, b.passingRun);
            List<Double> probes = predicted > b.passing * MIN_JUMP ? pair(load, predicted, b.passing, load.max() + 1)
                    : List.of();
            b.probe(probes.isEmpty() ? List.of(load.round(Math.min(load.max(), 2 * b.passing))) : probes, load, threads);
        }
        if (!b.failed()) {
            return new Answer(target, b.passing, -1, b.passingRun, null, runs);
        }
        for (int i = 0; i < 2 * MAX_STEPS && b.failing - b.passing > load.tolerance(b.failing); i++) {
            List<Double> probes = List.of();
            if (i % 2 == 0 && b.passingRun != null) {
                double predicted = predicted(target, b.passing, b.passingRun);
                if (predicted > b.passing && predicted < b.failing) {
                    probes = pair(load, predicted, b.passing, b.failing);
                } else if (predicted >= b.failing) {
                    probes = pair(load, b.failing * (1 - 3 * PAIR_HALF_WIDTH), b.passing, b.failing);
                }
            }
            if (probes.isEmpty()) {
                probes = inside(load, List.of(b.passing + (b.failing - b.passing) / 3,
                        b.passing + 2 * (b.failing - b.passing) / 3), b.passing, b.failing);
            }
            if (probes.isEmpty()) {
                break;
            }
            b.probe(probes, load, threads);
        }
        return new Answer(target, b.passing, b.failing, b.passingRun, b.failingRun, runs);
    }

    /** A pair of loads within the tolerance of each other around {@code centre}, kept strictly inside (lo, hi). */
    private static List<Double> pair(Load load, double centre, double lo, double hi) {
        double first = load.round(centre * (1 - PAIR_HALF_WIDTH));
        return inside(load, List.of(first, load.pairEnd(first)), lo, hi);
    }

    /** The loads of {@code candidates}, rounded, at least the parameter's minimum, strictly inside (lo, hi), distinct, in order. */
    private static List<Double> inside(Load load, List<Double> candidates, double lo, double hi) {
        List<Double> out = new ArrayList<>();
        for (double c : candidates) {
            double v = load.round(Math.min(c, load.max()));
            if (v >= load.min() && v > lo && v < hi && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * The load that would fill the fullest limit of a passing run at {@code load}, if what it holds
     * grows in proportion: the load over the run's utilisation; NaN when the run shows none.
     */
    private double predicted(Target target, double load, GatewayResult run) {
        double used = 0;
        if (profile.mappingKind() == MappingKind.ENDPOINT_INDEPENDENT) {
            long held = 0;
            long limit = 0;
            for (GatewayResult.DestinationRow d : run.destinations()) {
                held += d.maxLive();
                limit = d.limit();
            }
            used = limit > 0 ? (double) held / limit : 0;
        } else {
            for (GatewayResult.DestinationRow d : run.destinations()) {
                if (d.limit() > 0) {
                    used = Math.max(used, (double) d.maxLive() / d.limit());
                }
            }
        }
        if (target == Target.MAX_RATE) {
            used = Math.max(used, 1 - run.minClientHeadroom());
        }
        return used > 0 ? load / used : Double.NaN;
    }

    private boolean passes(GatewayResult r) {
        return !r.aborted() && r.failedFraction() <= threshold;
    }

    private GatewayResult simulate(FleetScenario s) {
        long expected = (long) Math.ceil(s.connectionsPerSecond() * s.durationSeconds());
        long bound = (long) Math.floor(threshold * expected * 1.05) + (threshold > 0 ? 16 : 0);
        return new GatewaySimulator(profile, s, allocator, bound).run();
    }
}
