package dev.portbench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --jvm JAVA} option of the commands whose benchmarks fork JMH JVMs ({@code run} and
 * {@code threads}), as a picocli mixin: one declaration, one help text, one default. The java
 * binary is checked by {@link ArgumentTypes.JavaBinary} when parsed; nothing runs here.
 */
final class BenchmarkJvmOption {

    @Option(names = "--jvm", paramLabel = "JAVA", converter = ArgumentTypes.JavaBinary.class,
            description = "The java binary, or JDK home, the benchmarks fork (default: this JVM's).")
    private Path given;

    /** Whether {@code --jvm} was given. */
    boolean given() {
        return given != null;
    }

    /** The java binary named by {@code --jvm}, or this JVM's ({@link #thisJvm()}). */
    String java() {
        return (given != null ? given : thisJvm()).toString();
    }

    /** The java binary of the running JVM: {@code bin/java} under {@code java.home}. */
    static Path thisJvm() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
