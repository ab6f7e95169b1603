package dev.portbench.stats;

/**
 * The confidence levels of the suite's verdicts, in one place.
 *
 * <ul>
 *   <li>{@link #RANKING}: ranks, ties and "the next costs N x as much" within one run: a few
 *       dozen pairwise comparisons per workload.</li>
 *   <li>{@link #COMPARISON}: {@code ./portbench compare}, which judges a few hundred benchmarks at
 *       once; at 99.9% a comparison of identical code flags about one in a thousand.</li>
 * </ul>
 */
public final class Confidence {

    public static final double RANKING = 0.99;
    public static final double COMPARISON = 0.999;

    private Confidence() {
    }
}
