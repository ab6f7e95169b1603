package dev.portbench.cli;

import dev.portbench.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The project's command line, behind the top-level {@code ./portbench} script: one picocli
 * {@code @Command} class per subcommand, each with its own {@code --help}.
 *
 * <p>Exit status: 0 on success; 2 for bad arguments (the message names the argument and what was
 * expected, and nothing has run); 1 for a failure while running (a failed run leaves its console
 * log behind).
 *
 * <p><b>Adding a subcommand</b>: write a class {@code FooCommand implements Callable<Integer>}
 * annotated {@code @Command(name = "foo", mixinStandardHelpOptions = true, description = ...)}
 * with its {@code @Option}s and {@code @Parameters} (reuse {@link StudyOptions} or the converters
 * of {@link ArgumentTypes}; for a check picocli cannot express, throw
 * {@code new ParameterException(spec.commandLine(), "--name: 'value' (expected ...)")}), take
 * {@code @ParentCommand PortBench portbench} if it needs {@link #root()}, and add the class to
 * {@code subcommands} below. {@link ListCommand} is the smallest example; {@link SimulateCommand}
 * shows shared options.
 */
@Command(name = "portbench",
        scope = ScopeType.INHERIT, // subcommands inherit the version provider
        mixinStandardHelpOptions = true,
        versionProvider = PortBench.Version.class,
        description = "Ephemeral-port allocators: benchmark, simulate and report.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
                RunCommand.class,
                ReportCommand.class,
                CompareCommand.class,
                AgreementCommand.class,
                SimulateCommand.class,
                GatewayCommand.class,
                TraceCommand.class,
                TraceBenchCommand.class,
                TraceBenchCommand.ImportChild.class,
                PoliciesCommand.class,
                ThreadsCommand.class,
                ExpiryCallsCommand.class,
                ExpiryCallsCommand.ForkChild.class,
                CalibrateCommand.class,
                ListCommand.class,
                ProbeCommand.class,
                CommandLine.HelpCommand.class,
        },
        footer = {"", "Try ./portbench COMMAND --help. The shaded JMH jar takes every standard JMH option:",
                "  java -jar cli/target/portbench.jar -h"})
public final class PortBench implements Runnable {

    /** How a run folder's name begins: the time it started, to the second, in UTC. */
    private static final DateTimeFormatter RUN_FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec
    private CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
            description = "The project's root folder (results/ is under it). Default: the current folder.")
    private Path root;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line {@code args} and returns the exit status. */
    static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line: parse errors exit 2, {@link IllegalArgumentException}s too, other failures 1. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PortBench());
        cl.setParameterExceptionHandler(PortBench::badArguments);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("portbench: " + e.getMessage());
            if (e instanceof IllegalArgumentException) {
                err.println("Try: ./portbench " + commandLine.getCommandName() + " --help");
                return CommandLine.ExitCode.USAGE;
            }
            e.printStackTrace(err);
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cl;
    }

    private static int badArguments(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        if (e instanceof UnmatchedArgumentException u && !u.isUnknownOption() && cl.getParent() == null) {
            List<String> commands = cl.getSubcommands().values().stream().filter(c -> !c.getCommandSpec().usageMessage().hidden())
                    .map(CommandLine::getCommandName).toList();
            err.println("portbench: unknown command '" + u.getUnmatched().get(0) + "' (expected one of " + commands + ")");
        } else {
            err.println("portbench: " + e.getMessage());
        }
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try: ./portbench " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help");
        return CommandLine.ExitCode.USAGE;
    }

    /** No command: the overview. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The project's root folder, absolute. */
    Path root() {
        return root.toAbsolutePath().normalize();
    }

    /**
     * The folder a command writes into: {@code out} made absolute when given (an {@code --out DIR}
     * option), else {@code results/runs/<started as yyyyMMdd-HHmmss, UTC>-<suffix>} under
     * {@link #root()}. Creates nothing.
     */
    Path runFolder(Path out, Instant started, String suffix) {
        if (out != null) {
            return out.toAbsolutePath().normalize();
        }
        String stamp = RUN_FOLDER_TIME.format(started);
        return root().resolve("results").resolve("runs").resolve(stamp + "-" + suffix);
    }

    /**
     * Prints {@code text} as it is when {@code file} is null; otherwise writes it to {@code file}
     * atomically ({@link AtomicFiles#write}) and prints {@code wrote FILE}: what a command with an
     * {@code --out FILE} option does with its Markdown.
     */
    static void printOrWrite(String text, Path file) {
        if (file == null) {
            System.out.print(text);
        } else {
            AtomicFiles.write(file, text);
            System.out.println("wrote " + file);
        }
    }

    /** Minutes and seconds, for humans. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    /** {@code --version}: the version Maven built the jar as. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PortBench.class.getPackage().getImplementationVersion();
            return new String[] {"portbench " + (v == null ? "(development build)" : v)};
        }
    }
}
