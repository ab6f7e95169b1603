package dev.portbench.jmh;

/**
 * The fork, warm-up and measurement settings every benchmark class declares in its
 * {@code @Fork}, {@code @Warmup} and {@code @Measurement}: the {@code quick} profile's, so that a
 * plain {@code java -jar portbench.jar} runs the whole suite in about the quick profile's time
 * (JMH's own defaults, 5 forks of 5 x 10 s + 5 x 10 s, would take days). {@code ./portbench run}
 * passes its profile's settings explicitly.
 */
public final class JmhDefaults {

    /** Two forks: the fewest that measure fork-to-fork variance, on which every interval rests. */
    public static final int FORKS = 2;
    /** One warm-up iteration: the replay loops reach their C2 code within milliseconds; forks matter more. */
    public static final int WARMUP_ITERATIONS = 1;
    public static final int MEASUREMENT_ITERATIONS = 2;
    public static final int ITERATION_MILLIS = 250;

    private JmhDefaults() {
    }
}
