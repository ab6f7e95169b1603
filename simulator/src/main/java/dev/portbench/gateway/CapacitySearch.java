package dev.portbench.gateway;

import dev.portbench.nat.NatCatalog;

import java.util.function.DoubleFunction;

/**
 * {@code --find max-clients | max-rate}: the largest load whose failed fraction stays at or
 * under a threshold, by bisection to within 1% (or 1 client). The load is scaled from the
 * scenario's own value: doubled until a run fails (at most 40 times), halved until one passes,
 * then bisected (one search serves both targets); each step is a whole {@link GatewaySimulator} run with the same seed, stopped
 * early once its failures pass the threshold. At most about 60 runs; every loop is bounded.
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
        return search(target, load);
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
    }

    /**
     * The search's bracket: the largest passing load and the smallest failing one found so far,
     * with their runs ({@code passingRun} null while none passed, {@code failingRun} null while none failed).
     */
    private final class Bracket {
        double passing;
        GatewayResult passingRun;
        double failing;
        GatewayResult failingRun;

        /** Runs at {@code load} and moves the passing or the failing end there. */
        void runAt(double load, Load parameter) {
            GatewayResult r = simulate(parameter.scenarioAt().apply(load));
            if (passes(r)) {
                passing = load;
                passingRun = r;
            } else {
                failing = load;
                failingRun = r;
            }
        }
    }

    /**
     * One search for both targets: run at the start; while it passes, double (at most
     * {@value #MAX_STEPS} times, up to the parameter's bound); then bisect the bracket (from 0 when
     * even the start fails, which halves until a run passes) to the tolerance, at most
     * {@code 2 * MAX_STEPS} runs.
     */
    private Answer search(Target target, Load load) {
        Bracket b = new Bracket();
        b.failing = load.start();
        b.runAt(load.start(), load);
        if (b.failingRun == null) {
            for (int i = 0; i < MAX_STEPS && b.failingRun == null && b.passing < load.max(); i++) {
                b.runAt(load.round(Math.min(load.max(), 2 * b.passing)), load);
            }
            if (b.failingRun == null) {
                return new Answer(target, b.passing, -1, b.passingRun, null, runs);
            }
        }
        for (int i = 0; i < 2 * MAX_STEPS && b.failing - b.passing > load.tolerance(b.failing); i++) {
            double mid = load.round((b.passing + b.failing) / 2);
            if (mid < load.min() || mid <= b.passing || mid >= b.failing) {
                break;
            }
            b.runAt(mid, load);
        }
        return new Answer(target, b.passing, b.failing, b.passingRun, b.failingRun, runs);
    }

    private boolean passes(GatewayResult r) {
        return !r.aborted() && r.failedFraction() <= threshold;
    }

    private GatewayResult simulate(FleetScenario s) {
        runs++;
        long expected = (long) Math.ceil(s.connectionsPerSecond() * s.durationSeconds());
        long bound = (long) Math.floor(threshold * expected * 1.05) + (threshold > 0 ? 16 : 0);
        return new GatewaySimulator(profile, s, allocator, bound).run();
    }
}
