package dev.portbench.report;

import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.FootprintFile;
import dev.portbench.runfolder.JmhResultFile;
import dev.portbench.runfolder.JvmDescription;
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
 * {@code footprint.json}, {@code simulation.json} and {@code selection.json} are read when present.
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
 */
public record RunData(Path dir, String name, EnvironmentFile environment, List<JmhResult> results, FootprintFile footprint,
                      SimulationFile simulation, SelectionFile selection) {

    public static RunData load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a run folder (expected a directory written by ./portbench run)");
        }
        EnvironmentFile env = RunFiles.read(dir.resolve(RunFiles.ENVIRONMENT), EnvironmentFile.class, EnvironmentFile.SCHEMA);
        Path jmhFile = dir.resolve(RunFiles.JMH);
        List<JmhResultFile> jmh = RunFiles.readJmh(jmhFile);
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < jmh.size(); i++) {
            results.add(JmhResult.of(jmh.get(i), jmhFile + ": result " + i));
        }
        FootprintFile footprint = RunFiles.readIfPresent(dir.resolve(RunFiles.FOOTPRINT), FootprintFile.class,
                FootprintFile.SCHEMA).orElse(null);
        SimulationFile simulation = RunFiles.readIfPresent(dir.resolve(RunFiles.SIMULATION), SimulationFile.class,
                SimulationFile.SCHEMA).orElse(null);
        SelectionFile selection = RunFiles.readIfPresent(dir.resolve(RunFiles.SELECTION), SelectionFile.class,
                SelectionFile.SCHEMA).orElse(null);
        return new RunData(dir, dir.toAbsolutePath().normalize().getFileName().toString(), env,
                Collections.unmodifiableList(results), footprint, simulation, selection);
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
