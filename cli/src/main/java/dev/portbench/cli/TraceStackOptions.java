package dev.portbench.cli;

import dev.portbench.stack.StackProfile;
import picocli.CommandLine.Option;

/**
 * The stack rules of {@code ./portbench run --trace}: {@code --stack}, {@code --range} and
 * {@code --time-wait}, with {@link ScenarioOptions}' converters and meaning ({@code simulate}
 * declares them there; {@code run} has no scenario, so it takes them from here).
 */
final class TraceStackOptions {

    @Option(names = "--stack", paramLabel = "ID", converter = ArgumentTypes.StackId.class,
            description = "With --trace: the stack whose rules the custom range and TIME-WAIT use (windows95, windows, linux, "
                    + "freebsd; default linux).")
    StackProfile stack;

    @Option(names = "--range", paramLabel = "FIRST-LAST", converter = ArgumentTypes.PortRangeConverter.class,
            description = "With --trace: the replay's ephemeral port range, e.g. 1025-5000 (default: the stack's).")
    ArgumentTypes.PortRange range;

    @Option(names = "--time-wait", paramLabel = "DURATION", converter = ArgumentTypes.PositiveDuration.class,
            description = "With --trace: the replay's TIME-WAIT, e.g. 240s (default: the stack's).")
    Long timeWaitNanos;

    boolean given() {
        return stack != null || range != null || timeWaitNanos != null;
    }
}
