package dev.portbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.util.List;

/**
 * No silent options: an option that has no effect in the combination given is an error naming
 * it and what it needs, raised before anything runs (exit 2, as every usage error).
 */
final class OptionRules {

    private OptionRules() {
    }

    /**
     * Refuses each of {@code dependents} that was given on the command line while {@code needed}
     * is false.
     *
     * @param what what the dependents need, for the message, e.g. "--rate (a custom scenario)"
     * @throws ParameterException naming the first such option and {@code what}
     */
    static void requires(CommandLine commandLine, boolean needed, String what, List<String> dependents) {
        if (needed) {
            return;
        }
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        for (String option : dependents) {
            if (parsed != null && parsed.hasMatchedOption(option)) {
                throw new ParameterException(commandLine, option + ": has no effect here (expected " + what + " with it)");
            }
        }
    }
}
