package dev.portbench.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code portbench} command line run in-process, with what picocli printed to its out and err
 * writers: the one way the CLI tests run a command.
 */
record CliRun(int status, String out, String err) {

    /** Runs {@code args} as {@code ./portbench} would parse them. */
    static CliRun of(String... args) {
        CommandLine cl = PortBench.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }

    /** Asserts that {@code args} exit 2 (a usage error) with {@code expected} in a "portbench: " message on err. */
    static CliRun rejects(String expected, String... args) {
        CliRun o = of(args);
        assertEquals(2, o.status(), String.join(" ", args) + "\n" + o.err() + o.out());
        assertTrue(o.err().contains(expected), "'" + o.err() + "' should contain '" + expected + "'");
        assertTrue(o.err().startsWith("portbench: "), o.err());
        return o;
    }
}
