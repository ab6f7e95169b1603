package dev.portbench.gateway;

import dev.portbench.nat.NatCatalog;

import java.util.function.IntFunction;

/**
 * {@code --find max-clients | max-rate}: the largest load whose failed fraction stays at or
 * under a threshold, by bisection to within 1% (or 1 client). The load is scaled from the
 * scenario's own value: doubled until a run fails (at most 40 times), halved until one passes,
 * then bisected; each step is a whole {@link GatewaySimulator} run with the same seed, stopped
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
        return target == Target.MAX_CLIENTS ? findClients() : findRate();
    }

    private Answer findClients() {
        IntFunction<GatewayResult> at = n -> simulate(scenario.withClients(n));
        int lo = 0;
        GatewayResult loRun = null;
        int hi = scenario.clients();
        GatewayResult hiRun = at.apply(hi);
        if (passes(hiRun)) {
            lo = hi;
            loRun = hiRun;
            hiRun = null;
            for (int i = 0; i < MAX_STEPS && hiRun == null && lo < FleetScenario.MAX_CLIENTS; i++) {
                int next = (int) Math.min(FleetScenario.MAX_CLIENTS, 2L * lo);
                GatewayResult r = at.apply(next);
                if (passes(r)) {
                    lo = next;
                    loRun = r;
                } else {
                    hi = next;
                    hiRun = r;
                }
            }
            if (hiRun == null) {
                return new Answer(Target.MAX_CLIENTS, lo, -1, loRun, null, runs);
            }
        }
        while (hi - lo > Math.max(1, hi / 100)) {
            int mid = lo + (hi - lo) / 2;
            if (mid == 0) {
                break;
            }
            GatewayResult r = at.apply(mid);
            if (passes(r)) {
                lo = mid;
                loRun = r;
            } else {
                hi = mid;
                hiRun = r;
            }
        }
        return new Answer(Target.MAX_CLIENTS, lo, hi, loRun, hiRun, runs);
    }

    private Answer findRate() {
        double lo = 0;
        GatewayResult loRun = null;
        double hi = scenario.requestsPerSecondPerClient();
        GatewayResult hiRun = simulate(scenario.withRatePerClient(hi));
        if (passes(hiRun)) {
            lo = hi;
            loRun = hiRun;
            hiRun = null;
            for (int i = 0; i < MAX_STEPS && hiRun == null && 2 * lo <= 1e6; i++) {
                GatewayResult r = simulate(scenario.withRatePerClient(2 * lo));
                if (passes(r)) {
                    lo = 2 * lo;
                    loRun = r;
                } else {
                    hi = 2 * lo;
                    hiRun = r;
                }
            }
            if (hiRun == null) {
                return new Answer(Target.MAX_RATE, lo, -1, loRun, null, runs);
            }
        } else {
            for (int i = 0; i < MAX_STEPS && lo == 0 && hi / 2 >= 1e-6; i++) {
                GatewayResult r = simulate(scenario.withRatePerClient(hi / 2));
                if (passes(r)) {
                    lo = hi / 2;
                    loRun = r;
                } else {
                    hi = hi / 2;
                    hiRun = r;
                }
            }
        }
        for (int i = 0; i < MAX_STEPS && lo > 0 && (hi - lo) > hi / 100; i++) {
            double mid = (lo + hi) / 2;
            GatewayResult r = simulate(scenario.withRatePerClient(mid));
            if (passes(r)) {
                lo = mid;
                loRun = r;
            } else {
                hi = mid;
                hiRun = r;
            }
        }
        return new Answer(Target.MAX_RATE, lo, hi, loRun, hiRun, runs);
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
