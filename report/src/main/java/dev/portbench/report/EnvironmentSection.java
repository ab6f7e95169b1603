package dev.portbench.report;

import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.JvmDescription;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.portbench.report.RunData.known;

/** The report's environment section, from {@code environment.json}: machine, JVM, JMH settings, commit, and how to reproduce. */
final class EnvironmentSection {

    private EnvironmentSection() {
    }

    static void append(StringBuilder md, RunData run) {
        EnvironmentFile env = run.environment();
        EnvironmentFile.Machine machine = env.machine() != null ? env.machine()
                : new EnvironmentFile.Machine(null, 0, null, null, null, null, null);
        JvmDescription jvm = run.jvm();
        EnvironmentFile.Jmh jmh = env.jmh() != null ? env.jmh()
                : new EnvironmentFile.Jmh(null, 0, null, null, List.of(), null, List.of(), null, null);
        EnvironmentFile.Git git = env.git() != null ? env.git() : new EnvironmentFile.Git(null, null);
        Map<String, String> flags = jvm.flags() != null ? jvm.flags() : Map.of();
        md.append("## Environment\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "CPU", ReportGenerator.cpuModel(run) + ", " + ReportGenerator.cores(run) + " cores");
        row(md, "Memory", machine.memoryBytes() == null ? "unknown"
                : String.format(Locale.ROOT, "%.1f GiB", machine.memoryBytes() / (double) (1L << 30)));
        row(md, "OS", known(machine.osVersion()) + " (" + known(machine.arch()) + ")");
        row(md, "Kernel", known(machine.kernel()));
        row(md, "JVM", known(jvm.vendor()) + " " + known(jvm.runtime()) + ", " + known(jvm.vmName()));
        row(md, "JVM flags", "GC " + (jvm.garbageCollectors() != null ? join(jvm.garbageCollectors()) : "unknown")
                + "; compressed oops " + known(flags.get("UseCompressedOops")) + "; max heap " + known(flags.get("MaxHeapSize"))
                + "; extra args " + join(jmh.jvmArgs()));
        row(md, "JMH", known(jmh.version()) + ": " + jmh.forks() + " fork(s), warmup " + known(jmh.warmup())
                + ", measurement " + known(jmh.measurement()) + ", profilers " + join(jmh.profilers()));
        row(md, "Commit", "`" + known(git.commit()) + "`" + (Boolean.TRUE.equals(git.dirty()) ? " (working tree had uncommitted changes)" : ""));
        row(md, "Time", known(env.startedAt()) + " to " + known(env.finishedAt()));
        md.append("\nReproduce with:\n\n```\n").append(known(env.command())).append("\n```\n\n");
        md.append("or with JMH directly: `").append(known(jmh.equivalentCommand())).append("`\n\n");
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n");
    }
}
