package dev.portbench.runfolder;

import java.util.List;
import java.util.Map;

/**
 * {@code selection.json}: the quality measures of every structure x selection-policy pair (see
 * {@code SelectionStudy}). Counts are exact; only {@code wallSeconds} depends on the machine.
 *
 * @param schema the format version, {@value #SCHEMA}
 * @param workload what the client does
 * @param periods TIME-WAITs of connections per load
 * @param secret how the hash secrets were chosen
 * @param support every pair the suite supports
 * @param measures every pair at every load
 * @param wallSeconds real time the study took
 */
public record SelectionFile(int schema, String workload, int periods, String secret, List<Support> support,
                            List<Measure> measures, double wallSeconds) {

    public static final int SCHEMA = 1;

    /**
     * @param rfc6056Algorithm the RFC 6056 algorithm number, 0 for none
     * @param exhaustive whether the policy finds a free port whenever there is one
     */
    public record Support(String allocator, String policy, int rfc6056Algorithm, boolean exhaustive) {
    }

    /**
     * One pair at one load.
     *
     * @param policy the pair's id, {@code allocator/policy}
     * @param arrivals {@code fixed-rate} or {@code poisson}; absent (null) in files written before
     *                 Poisson was measured, which were all fixed-rate
     * @param minReuseDistance fewest connections between two uses of a port, -1 if no port was reused
     * @param meanReuseDistance NaN if no port was reused
     * @param guessHitRate each observer's share of correct guesses of the next port
     * @param predictability the best observer's hit rate
     */
    public record Measure(String policy, String arrivals, double rho, long connections, long failures, long falseExhaustion,
                          double meanProbes, long maxProbes, long minReuseDistance, double meanReuseDistance,
                          double chiSquare, int degreesOfFreedom, double chiSquareP, Map<String, Double> guessHitRate,
                          double predictability) {

        /** Whether the connections arrived at a fixed rate (every file before Poisson was added). */
        public boolean fixedRate() {
            return arrivals == null || "fixed-rate".equals(arrivals);
        }
    }
}
