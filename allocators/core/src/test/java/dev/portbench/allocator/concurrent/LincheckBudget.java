package dev.portbench.allocator.concurrent;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
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
        return new StressOptions()
                .iterations(5 * scale())
                .invocationsPerIteration(1_000)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2);
    }

    static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(5 * scale())
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2);
    }
}
