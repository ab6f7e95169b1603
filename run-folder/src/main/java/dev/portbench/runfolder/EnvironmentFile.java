package dev.portbench.runfolder;

import java.util.List;

/**
 * {@code environment.json}: where and how a run ran. Written when the run starts
 * ({@code status} "running"), and again when it ends ("complete" or "failed") with the forked
 * JVM's description. Values that could not be read are {@code null}, never invented.
 *
 * @param schema the format version, {@value #SCHEMA}
 * @param status running, complete or failed
 * @param profile smoke, quick or full
 * @param command the command line as typed
 * @param startedAt ISO-8601 instant, seconds
 * @param finishedAt ISO-8601 instant, seconds; null while running
 * @param git the commit the run started from
 * @param machine the machine
 * @param hostJvm the JVM that ran the command (vendor and runtime version)
 * @param jmh JMH's settings
 * @param jvm the JVM the benchmarks forked; null until the probe ran
 * @param filters the allocators and workloads measured
 */
public record EnvironmentFile(int schema, String status, String profile, String command, String startedAt, String finishedAt,
                              Git git, Machine machine, String hostJvm, Jmh jmh, JvmDescription jvm, Filters filters) {

    public static final int SCHEMA = 1;

    /**
     * @param commit {@code git rev-parse HEAD}, or null outside a repository
     * @param dirty whether the tree (outside {@code results/}) had uncommitted changes; null if unknown
     */
    public record Git(String commit, Boolean dirty) {
    }

    /**
     * @param cpuModel the CPU's model name
     * @param cores available processors
     * @param memoryBytes physical memory, null if unknown
     * @param os {@code os.name}
     * @param osVersion the distribution's pretty name, else {@code os.version}
     * @param arch {@code os.arch}
     * @param kernel {@code uname -srv}
     */
    public record Machine(String cpuModel, int cores, Long memoryBytes, String os, String osVersion, String arch, String kernel) {
    }

    /**
     * @param version JMH's version
     * @param forks forks per benchmark
     * @param warmup "iterations x time"
     * @param measurement "iterations x time"
     * @param profilers the profilers' names
     * @param jvm the java binary forked
     * @param jvmArgs extra options of the forks
     * @param arguments JMH's own command-line arguments, exactly as the run passed them to JMH's parser
     *                  (null in runs written before they were recorded)
     * @param equivalentCommand the same run as a plain {@code java -jar portbench.jar} command
     */
    public record Jmh(String version, int forks, String warmup, String measurement, List<String> profilers, String jvm,
                      List<String> jvmArgs, List<String> arguments, String equivalentCommand) {
    }

    /**
     * @param allocators allocator ids measured
     * @param workloads workload ids replayed
     */
    public record Filters(List<String> allocators, List<String> workloads) {
    }
}
