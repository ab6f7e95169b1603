package dev.portbench.selection;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.Destinations;
import dev.portbench.allocator.PortAllocator;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;
import dev.portbench.runfolder.SelectionFile;
import dev.portbench.workload.ArrivalProcess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The quality of every selection policy on every structure that serves it ({@code selection.json}):
 * a Q170791 client (3976 ports, 240 s, connect and close at once) talking to
 * {@value #DESTINATIONS} destinations at rho 0.5, 0.9 and 0.99, with fixed-rate and with Poisson
 * arrivals ({@link #SHAPES}), counted exactly. Poisson arrivals bunch up, so near full load a
 * policy meets a nearly empty pool more often than at a fixed rate: the picks of the report are
 * computed for each shape.
 *
 * <ul>
 *   <li>probes per allocation, mean and max ({@link PortAllocator#probes()});</li>
 *   <li>false exhaustion: connects that failed while free ports remained;</li>
 *   <li>reuse distance: connections between two uses of a port, min and mean;</li>
 *   <li>uniformity: a chi-square goodness-of-fit test (Apache Commons Statistics) of where in the
 *       range the {@value #UNIFORMITY_SAMPLE} consecutive ports handed out right after the first
 *       TIME-WAIT fall ({@value #BINS} equal bins, 10 expected per bin), with its p-value. A short
 *       window in the steady state is what an observer sees; over a whole TIME-WAIT every policy
 *       cycles through the range, so long windows look uniform by force and a sequential policy
 *       would pass;</li>
 *   <li>predictability: how often an observer who saw every previous port (to its own and to
 *       other destinations) guesses the next one exactly, with three guessers: the last port
 *       + 1 (sequential), the last port to the same destination + 1 (a per-destination counter),
 *       and the last port to the same destination + the connections since (one global counter,
 *       RFC 6056 algorithm 3).</li>
 * </ul>
 */
public final class SelectionStudy {

    public static final int DESTINATIONS = 16;
    /** Bins of the port range for the chi-square test. */
    public static final int BINS = 64;
    /** Consecutive allocations the chi-square test bins: 10 expected per bin. */
    public static final int UNIFORMITY_SAMPLE = BINS * 10;
    public static final double[] RHOS = {0.5, 0.9, 0.99};
    /** The arrival shapes measured: evenly spaced connects, and independent clients (exponential gaps, fixed seed). */
    public static final List<ArrivalProcess> SHAPES = List.of(ArrivalProcess.FIXED_RATE, ArrivalProcess.POISSON);
    static final String[] GUESSERS = {"last + 1", "same destination + 1", "same destination + connections since"};

    private SelectionStudy() {
    }

    /** Measures of one pair at one load. */
    public record Measures(String pair, ArrivalProcess arrivals, double rho, long connections, long failures, long falseExhaustion,
                           double meanProbes, long maxProbes, long minReuse, double meanReuse, double chiSquare,
                           int degreesOfFreedom, double chiSquareP, double[] guessHits) {

        /** The best guesser's hit rate. */
        public double predictability() {
            double best = 0;
            for (double g : guessHits) {
                best = Math.max(best, g);
            }
            return best;
        }

        SelectionFile.Measure toFileRow() {
            Map<String, Double> g = new LinkedHashMap<>();
            for (int i = 0; i < GUESSERS.length; i++) {
                g.put(GUESSERS[i], round(guessHits[i]));
            }
            return new SelectionFile.Measure(pair, arrivalsId(arrivals), rho, connections, failures, falseExhaustion, round(meanProbes), maxProbes,
                    minReuse, round(meanReuse), round(chiSquare), degreesOfFreedom, round(chiSquareP), g,
                    round(predictability()));
        }
    }

    /**
     * The client's {@value #DESTINATIONS} destinations: one local address talking to port 443 of
     * consecutive remote addresses. {@code SelectionBenchmark} spreads its connections over the same.
     */
    public static long[] destinations() {
        long[] destinations = new long[DESTINATIONS];
        for (int d = 0; d < DESTINATIONS; d++) {
            destinations[d] = Destinations.ipv4(0x0A000001, 0xC6336400 + d, 443);
        }
        return destinations;
    }

    /** The shape's id in {@code selection.json}: {@code fixed-rate} or {@code poisson}. */
    public static String arrivalsId(ArrivalProcess arrivals) {
        return arrivals.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Runs {@code pair} for {@code periods} TIME-WAITs of fixed-rate connections at load {@code rho}. */
    public static Measures measure(PolicyPair pair, double rho, int periods) {
        return measure(pair, ArrivalProcess.FIXED_RATE, rho, periods);
    }

    /**
     * Runs {@code pair} for {@code periods} TIME-WAITs of connections arriving as {@code arrivals}
     * ({@link #SHAPES}) at load {@code rho}: the same number of connections either way, Poisson
     * gaps drawn from their own fixed seed.
     */
    public static Measures measure(PolicyPair pair, ArrivalProcess arrivals, double rho, int periods) {
        if (!(rho > 0) || periods <= 0) {
            throw new IllegalArgumentException("rho: " + rho + ", periods: " + periods + " (expected: both > 0)");
        }
        if (!SHAPES.contains(arrivals)) {
            throw new IllegalArgumentException("arrivals: " + arrivals + " (expected one of " + SHAPES + ")");
        }
        AllocatorConfig config = AllocatorConfig.windows95();
        PortAllocator a = pair.create(config);
        int ports = a.rangeSize();
        int first = a.firstPort();
        double rate = rho * ports / (config.timeWaitNanos() / 1e9);
        double gap = 1e9 / rate;
        long connections = (long) (periods * config.timeWaitNanos() / gap);
        long[] destinations = destinations();
        SplittableRandom random = new SplittableRandom(170_791L);
        SplittableRandom gaps = new SplittableRandom(6056L);
        double poissonTime = 0;
        long[] lastUse = new long[ports];
        java.util.Arrays.fill(lastUse, -1);
        long[] bins = new long[BINS];
        long firstPeriod = (long) (config.timeWaitNanos() / gap);
        long binned = 0;
        int[] lastPortTo = new int[DESTINATIONS];
        long[] lastIndexTo = new long[DESTINATIONS];
        java.util.Arrays.fill(lastPortTo, -1);
        int lastPort = -1;
        long failures = 0;
        long falseExhaustion = 0;
        long maxProbes = 0;
        long reuses = 0;
        double reuseSum = 0;
        long minReuse = Long.MAX_VALUE;
        long[] hits = new long[GUESSERS.length];
        long guessed = 0;
        long successes = 0;
        long probesStart = a.probes();
        for (long i = 0; i < connections; i++) {
            long now;
            if (arrivals == ArrivalProcess.POISSON) {
                poissonTime += -Math.log(1.0 - gaps.nextDouble()) * gap;
                now = (long) Math.floor(poissonTime);
            } else {
                now = (long) Math.floor(i * gap);
            }
            int d = random.nextInt(DESTINATIONS);
            long before = a.probes();
            int port = a.allocate(now, destinations[d]);
            maxProbes = Math.max(maxProbes, a.probes() - before);
            if (port == PortAllocator.NO_PORT) {
                failures++;
                if (a.freeCount() > 0) {
                    falseExhaustion++;
                }
                continue;
            }
            successes++;
            int off = port - first;
            if (lastPort >= 0 && lastPortTo[d] >= 0) {
                guessed++;
                if (port == wrap(lastPort + 1, first, ports)) {
                    hits[0]++;
                }
                if (port == wrap(lastPortTo[d] + 1, first, ports)) {
                    hits[1]++;
                }
                if (port == wrap(lastPortTo[d] + (i - lastIndexTo[d]), first, ports)) {
                    hits[2]++;
                }
            }
            if (lastUse[off] >= 0) {
                long distance = i - lastUse[off];
                reuses++;
                reuseSum += distance;
                minReuse = Math.min(minReuse, distance);
            }
            lastUse[off] = i;
            if (i >= firstPeriod && binned < UNIFORMITY_SAMPLE) {
                bins[(int) ((long) off * BINS / ports)]++;
                binned++;
            }
            lastPort = port;
            lastPortTo[d] = port;
            lastIndexTo[d] = i;
            a.release(port, now);
        }
        double[] expected = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            // the offsets off with off * BINS / ports == b: from ceil(b * ports / BINS) up to ceil((b + 1) * ports / BINS)
            double lo = Math.ceil((double) b * ports / BINS);
            double hi = Math.ceil((double) (b + 1) * ports / BINS);
            expected[b] = binned * (hi - lo) / ports;
        }
        int df = BINS - 1;
        double chi2 = Double.NaN;
        double chi2P = Double.NaN;
        if (binned == UNIFORMITY_SAMPLE) {
            SignificanceResult fit = ChiSquareTest.withDefaults().test(expected, bins);
            chi2 = fit.getStatistic();
            chi2P = fit.getPValue();
        }
        double[] hitRates = new double[GUESSERS.length];
        for (int g = 0; g < hitRates.length; g++) {
            hitRates[g] = guessed == 0 ? 0 : (double) hits[g] / guessed;
        }
        return new Measures(pair.id(), arrivals, rho, connections, failures, falseExhaustion,
                successes + failures == 0 ? 0 : (double) (a.probes() - probesStart) / (successes + failures), maxProbes,
                reuses == 0 ? -1 : minReuse, reuses == 0 ? Double.NaN : reuseSum / reuses, chi2, df, chi2P, hitRates);
    }

    private static int wrap(long port, int first, int ports) {
        return first + (int) Math.floorMod(port - first, (long) ports);
    }

    /** Every supported pair at every load of {@link #RHOS}: the {@code selection.json} of a run. */
    public static SelectionFile run(int periods) {
        long start = System.nanoTime();
        List<SelectionFile.Measure> rows = new ArrayList<>();
        for (ArrivalProcess shape : SHAPES) {
            for (PolicyPair pair : PolicyPair.all()) {
                for (double rho : RHOS) {
                    rows.add(measure(pair, shape, rho, periods).toFileRow());
                }
            }
        }
        List<SelectionFile.Support> support = new ArrayList<>();
        for (PolicyPair p : PolicyPair.all()) {
            support.add(new SelectionFile.Support(p.type().id(), p.selection().id(), p.selection().rfc6056Algorithm(),
                    p.selection().exhaustive()));
        }
        return new SelectionFile(SelectionFile.SCHEMA, "Q170791: 1025-5000, 240 s, connect and close at once, fixed-rate and Poisson arrivals, "
                + DESTINATIONS + " destinations chosen at random", periods,
                "fixed (" + Long.toHexString(PolicyPair.SECRET) + "); the observer does not know it", support, rows,
                Math.round((System.nanoTime() - start) / 1e7) / 100.0);
    }

    static double round(double v) {
        return Double.isNaN(v) ? Double.NaN : Math.round(v * 1e6) / 1e6;
    }

    /** A terminal summary: the fixed-rate rho 0.99 row of every pair. */
    public static String summary(SelectionFile doc) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-34s %8s %6s %8s %9s %8s%n", "policy (rho 0.99)",
                "probes", "max", "false ex", "min reuse", "predict"));
        for (SelectionFile.Measure m : doc.measures()) {
            if (m.rho() == 0.99 && m.fixedRate()) {
                b.append(String.format(Locale.ROOT, "%-34s %8.2f %6d %8d %9d %7.2f%%%n", m.policy(), m.meanProbes(),
                        m.maxProbes(), m.falseExhaustion(), m.minReuseDistance(), 100 * m.predictability()));
            }
        }
        return b.toString();
    }
}
