package dev.portbench.allocator.concurrent;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * How much Lincheck explores per check: small enough for {@code ./mvnw verify}, scaled up by
 * {@code -Dportbench.lincheck.scale=N} (the {@code stress} Maven profile sets 20).
 */
final class LincheckBudget {

    private LincheckBudget() {
    }

    static int scale() {
        return Integer.getInteger("portbench.lincheck.scale", 1);
    }

    static StressOptions stress() {
        return scenarios(new StressOptions(), 1_000);
    }

    static ModelCheckingOptions modelChecking() {
        return scenarios(new ModelCheckingOptions(), 200);
    }

    /**
     * The scenario shape both modes share: {@code 5 * scale()} iterations of 3 threads with 3
     * actors each, 2 before and 2 after, run {@code invocations} times per iteration.
     */
    private static <O extends Options<O, ?>> O scenarios(O options, int invocations) {
        return options
                .iterations(5 * scale())
                .invocationsPerIteration(invocations)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2);
    }
}
