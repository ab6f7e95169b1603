package dev.portbench.report;

import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.FootprintFile;
import dev.portbench.runfolder.JmhResultFile;
import dev.portbench.runfolder.JvmDescription;
import dev.portbench.runfolder.RoundsFile;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.SelectionFile;
import dev.portbench.runfolder.SimulationFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A run folder, read and checked: {@code environment.json} and {@code jmh.json} are required;
 * {@code footprint.json}, {@code simulation.json}, {@code selection.json} and {@code rounds.json} are read when
 * present; with {@code rounds.json} (a run with adaptive rounds), each result of the benchmark the rounds
 * judged carries the round of each fork ({@link JmhRawData.ForkRounds}), so its verdicts honour the design.
 * Any file that is missing, malformed, of another format version or holding unknown fields is
 * reported naming the file and the problem (see {@link RunFiles}).
 *
 * @param dir the run folder
 * @param name the folder's name
 * @param environment environment.json
 * @param results JMH's results, in file order
 * @param footprint footprint.json, or null
 * @param simulation simulation.json, or null
 * @param selection selection.json, or null
 * @param rounds rounds.json, or null (a run of one round)
 */
public record RunData(Path dir, String name, EnvironmentFile environment, List<JmhResult> results, FootprintFile footprint,
                      SimulationFile simulation, SelectionFile selection, RoundsFile rounds) {

    public static RunData load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a run folder (expected a directory written by ./portbench run)");
        }
        EnvironmentFile env = RunFiles.read(dir.resolve(RunFiles.ENVIRONMENT), EnvironmentFile.class, EnvironmentFile.SCHEMA);
        Path jmhFile = dir.resolve(RunFiles.JMH);
        List<JmhResultFile> jmh = RunFiles.readJmh(jmhFile);
        RoundsFile rounds = RunFiles.readIfPresent(dir.resolve(RoundsFile.FILE), RoundsFile.class, RoundsFile.SCHEMA)
                .orElse(null);
        if (rounds != null && (rounds.rounds().isEmpty() || rounds.rounds().size() > rounds.design().looks())) {
            throw new IllegalArgumentException(dir.resolve(RoundsFile.FILE) + ": " + rounds.rounds().size() + " rounds (expected: 1.."
                    + rounds.design().looks() + ", the design's planned looks)");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < jmh.size(); i++) {
            JmhResult r = JmhResult.of(jmh.get(i), jmhFile + ": result " + i);
            if (rounds != null && jmh.get(i).benchmark().equals(rounds.benchmark()) && r.raw().rawData() != null) {
                r = r.withRounds(new JmhRawData.ForkRounds(rounds.design(), rounds.rounds().size(),
                        forkRounds(rounds, jmh.get(i), r.raw().forks(), dir)));
            }
            results.add(r);
        }
        FootprintFile footprint = RunFiles.readIfPresent(dir.resolve(RunFiles.FOOTPRINT), FootprintFile.class,
                FootprintFile.SCHEMA).orElse(null);
        SimulationFile simulation = RunFiles.readIfPresent(dir.resolve(RunFiles.SIMULATION), SimulationFile.class,
                SimulationFile.SCHEMA).orElse(null);
        SelectionFile selection = RunFiles.readIfPresent(dir.resolve(RunFiles.SELECTION), SelectionFile.class,
                SelectionFile.SCHEMA).orElse(null);
        return new RunData(dir, dir.toAbsolutePath().normalize().getFileName().toString(), env,
                Collections.unmodifiableList(results), footprint, simulation, selection, rounds);
    }

    /** The round of each fork of {@code result}: as rounds.json lists it, else all of round 1. */
    private static int[] forkRounds(RoundsFile rounds, JmhResultFile result, int forks, Path dir) {
        for (RoundsFile.Forks f : rounds.forks()) {
            if (f.benchmark().equals(result.benchmark()) && f.params().equals(result.params())) {
                if (f.rounds().length != forks) {
                    throw new IllegalArgumentException(dir.resolve(RoundsFile.FILE) + ": " + f.params() + " lists "
                            + f.rounds().length + " rounds for " + forks + " forks in " + RunFiles.JMH
                            + " (expected one round per fork)");
                }
                for (int r : f.rounds()) {
                    if (r < 1 || r > rounds.rounds().size()) {
                        throw new IllegalArgumentException(dir.resolve(RoundsFile.FILE) + ": " + f.params() + " has a fork of round "
                                + r + " (expected: 1.." + rounds.rounds().size() + ", the rounds listed)");
                    }
                }
                return f.rounds().clone();
            }
        }
        int[] first = new int[forks];
        java.util.Arrays.fill(first, 1);
        return first;
    }

    /** Results of one benchmark (short name), in file order. */
    public List<JmhResult> of(String benchmark) {
        List<JmhResult> out = new ArrayList<>();
        for (JmhResult r : results) {
            if (r.benchmark().equals(benchmark)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The first result of {@code benchmark} (short name) on {@code workload}, or null if the run did not measure it. */
    public JmhResult on(String benchmark, String workload) {
        for (JmhResult r : results) {
            if (r.benchmark().equals(benchmark) && workload.equals(r.param("workload"))) {
                return r;
            }
        }
        return null;
    }

    /** The forked JVM's description; an empty one for a run that failed before its probe. */
    public JvmDescription jvm() {
        return environment.jvm() != null ? environment.jvm()
                : new JvmDescription(null, null, null, null, null, null, List.of(), List.of(), null, Map.of());
    }

    /** {@code value} as text, or "unknown" when it was not recorded. */
    public static String known(Object value) {
        return value == null ? "unknown" : value.toString();
    }
}
