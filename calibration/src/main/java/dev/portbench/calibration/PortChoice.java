package dev.portbench.calibration;

/**
 * Which ports a run's connects got, as two statistics that tell port-selection rules apart
 * without matching port for port (the model's hash secret is not the kernel's): the share of
 * even ports (offsets from the range's low end: Linux's connect walks even offsets first, bind
 * odd ones first, and since 6.8 a socket with its own {@code IP_LOCAL_PORT_RANGE} walks both in
 * one pass), and the share of small steps, consecutive successful connects to the same
 * destination whose ports differ by 1 or 2 (Linux since 2022 moves its perturbation entry by
 * {@code max(walked, random(8) * step) + step}: 1 in 8 steps is 2 with step 2, 2 in 8 with step 1;
 * an exact, sequential start makes nearly every step the smallest). Both over the successful
 * attempts before the run's first failure (when nothing walks far), NaN with fewer than
 * {@link #MIN_SAMPLES}. O(attempts + destinations).
 *
 * @param connects successful attempts counted
 * @param evenShare share of them on an even offset
 * @param steps consecutive same-destination pairs counted
 * @param smallStepShare share of those pairs one or two ports apart
 */
public record PortChoice(int connects, double evenShare, int steps, double smallStepShare) {

    /** Fewest samples for a share to be reported. */
    public static final int MIN_SAMPLES = 50;

    /**
     * The statistics of {@code ports} (negative: failed) of attempts to {@code destination}, on a
     * range starting at {@code low}.
     */
    public static PortChoice of(int[] ports, int[] destination, int destinations, int low) {
        int[] last = new int[destinations];
        java.util.Arrays.fill(last, -1);
        int connects = 0;
        int even = 0;
        int steps = 0;
        int small = 0;
        for (int i = 0; i < ports.length && ports[i] >= 0; i++) {
            connects++;
            even += (ports[i] - low) % 2 == 0 ? 1 : 0;
            int d = destination[i];
            if (last[d] >= 0) {
                steps++;
                int step = Math.abs(ports[i] - last[d]);
                small += step >= 1 && step <= 2 ? 1 : 0;
            }
            last[d] = ports[i];
        }
        return new PortChoice(connects, connects < MIN_SAMPLES ? Double.NaN : (double) even / connects, steps,
                steps < MIN_SAMPLES ? Double.NaN : (double) small / steps);
    }
}
