package dev.portbench.cli;

import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.simulation.ArrivalPattern;
import dev.portbench.simulation.DestinationPattern;
import dev.portbench.simulation.Scenario;
import dev.portbench.stack.SocketCall;
import dev.portbench.workload.HoldingTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./portbench simulate}'s arguments: every option reaches the scenario; bad values are named. */
class SimulateArgumentsTest {

    private static SimulateArguments parse(String... args) {
        PortBench.Args a = new PortBench.Args(args);
        return SimulateArguments.parse(a);
    }

    private static void rejects(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(args));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void theIssuesQuestionIsOneCommand() {
        Scenario s = parse("--stack", "linux", "--range", "1025-5000", "--destinations", "4", "--rate", "400").scenario();
        assertEquals("linux", s.profile().id());
        assertEquals(1025, s.firstPort());
        assertEquals(5000, s.lastPort());
        assertEquals(60_000_000_000L, s.timeWaitNanos());
        assertEquals(4, s.destinations());
        assertEquals(DestinationPattern.ROUND_ROBIN, s.destinationPattern());
        assertEquals(ArrivalPattern.FIXED_RATE, s.arrivals());
        assertEquals(400, s.ratePerSecond());
        assertEquals(SocketCall.CONNECT, s.call());
        assertEquals(TimeWaitReuse.LOOPBACK_ONLY, s.timeWaitReuse());
        assertEquals(2_048_000_000L, s.lateness().granularityNanos());
    }

    @Test
    void everyOptionReachesTheScenario(@TempDir Path dir) throws Exception {
        Scenario s = parse("--stack", "freebsd", "--range", "20000-20999", "--time-wait", "30s", "--poisson", "123.5",
                "--hold", "1500ms", "--hold-distribution", "exponential", "--duration", "2m", "--destinations", "16",
                "--zipf", "1.2", "--call", "bind", "--tw-reuse", "1", "--tw-reuse-delay", "250ms", "--loopback",
                "--allocator", "bind-buckets", "--tick", "1s", "--tick-phase", "300ms", "--window", "5s", "--seed", "9",
                "--name", "mine", "--json", dir.resolve("r.json").toString(), "--csv", dir.resolve("r.csv").toString(),
                "--outcomes-csv", dir.resolve("o.csv").toString()).scenario();
        assertEquals("freebsd", s.profile().id());
        assertEquals(1000, s.ports());
        assertEquals(30_000_000_000L, s.timeWaitNanos());
        assertEquals(ArrivalPattern.POISSON, s.arrivals());
        assertEquals(123.5, s.ratePerSecond());
        assertEquals(HoldingTime.EXPONENTIAL, s.holding());
        assertEquals(1_500_000_000L, s.holdNanos());
        assertEquals(120_000_000_000L, s.durationNanos());
        assertEquals(DestinationPattern.ZIPF, s.destinationPattern());
        assertEquals(1.2, s.zipfExponent());
        assertEquals(SocketCall.BIND, s.call());
        assertEquals(TimeWaitReuse.ON, s.timeWaitReuse());
        assertEquals(250_000_000L, s.reuseDelayNanos());
        assertTrue(s.loopback());
        assertEquals(ConnectionAllocatorType.BIND_BUCKETS, s.allocator());
        assertEquals(1_000_000_000L, s.lateness().granularityNanos());
        assertEquals(300_000_000L, s.lateness().phaseNanos());
        assertEquals(5_000_000_000L, s.windowNanos());
        assertEquals(9, s.seed());
        assertEquals("mine", s.name());
        assertTrue(s.recordOutcomes());
    }

    @Test
    void explicitArrivalsAndDestinationsComeFromFiles(@TempDir Path dir) throws Exception {
        Path times = Files.writeString(dir.resolve("t.txt"), "# attempt instants, ns\n0\n1000000\n\n2000000\n");
        Path dests = Files.writeString(dir.resolve("d.txt"), "0\n1\n1\n");
        Scenario s = parse("--arrivals", times.toString(), "--destinations", "2", "--destination-indices", dests.toString())
                .scenario();
        assertArrayEquals(new long[] {0, 1_000_000, 2_000_000}, s.attemptTimes());
        assertArrayEquals(new int[] {0, 1, 1}, s.destinationPerAttempt());
        Files.writeString(dests, "0\n2\n");
        rejects("--destination-indices: line 2: 2 (expected: 0..1", "--arrivals", times.toString(), "--destinations", "2",
                "--destination-indices", dests.toString());
        Files.writeString(times, "0\nsoon\n");
        rejects("line 2: 'soon' (expected one integer per line)", "--arrivals", times.toString());
        Files.writeString(times, "5\n4\n");
        rejects("attemptTimes[1]: 4 ns (expected: >= 5", "--arrivals", times.toString());
    }

    @Test
    void withoutScenarioOptionsItIsTheQ170791Study() {
        SimulateArguments a = parse("--periods", "3");
        assertTrue(a.preset());
        assertEquals(3, a.periods());
        assertTrue(parse().preset());
        assertTrue(parse("--preset", "q170791").preset());
        assertFalse(parse("--rate", "10").preset());
    }

    @Test
    void badValuesAreNamedWithWhatIsAllowed() {
        rejects("stack: 'bsd' (expected one of [windows95, windows, linux, freebsd])", "--stack", "bsd", "--rate", "1");
        rejects("--range: '5000' (expected FIRST-LAST", "--range", "5000", "--rate", "1");
        rejects("port range: 5000..1025 (expected: firstPort <= lastPort)", "--range", "5000-1025", "--rate", "1");
        rejects("lastPort: 70000 (expected: 1..65535)", "--range", "1025-70000", "--rate", "1");
        rejects("--rate: '-1' (expected a number > 0)", "--rate", "-1");
        rejects("--rate: 'fast' (expected a number > 0)", "--rate", "fast");
        rejects("arrivals: give exactly one of --rate N, --poisson N or --arrivals FILE", "--rate", "1", "--poisson", "2");
        rejects("arrivals: give exactly one of", "--stack", "linux");
        rejects("--time-wait: '0' (expected a duration > 0", "--time-wait", "0", "--rate", "1");
        rejects("--time-wait: '60 parsecs' (expected a duration", "--time-wait", "60 parsecs", "--rate", "1");
        rejects("tcp_tw_reuse: 3 (expected: 0 off, 1 on, 2 loopback only)", "--tw-reuse", "3", "--rate", "1");
        rejects("socket call: 'accept' (expected one of [connect, bind, bind-no-port])", "--call", "accept", "--rate", "1");
        rejects("call: bind-no-port (expected: connect or bind; stack windows95 has no IP_BIND_ADDRESS_NO_PORT)",
                "--stack", "windows95", "--call", "bind-no-port", "--rate", "1");
        rejects("--destinations: '0' (expected a positive integer)", "--destinations", "0", "--rate", "1");
        rejects("--zipf: '-1' (expected a number > 0)", "--destinations", "4", "--zipf", "-1", "--rate", "1");
        rejects("connection allocator: 'btree' (expected one of [bind-buckets, pair-table])", "--allocator", "btree", "--rate", "1");
        rejects("--tick-phase: given without --tick", "--tick-phase", "1s", "--rate", "1");
        rejects("--hold-distribution: given without --hold", "--hold-distribution", "fixed", "--rate", "1");
        rejects("--hold-distribution: 'normal' (expected fixed or exponential)", "--hold", "1s", "--hold-distribution", "normal",
                "--rate", "1");
        rejects("window: 20000000000 ns (expected: > 0, at most the duration 10000000000 ns", "--duration", "10s",
                "--window", "20s", "--rate", "1");
        rejects("--preset q170791 runs the study: give no scenario option with it", "--preset", "q170791", "--rate", "1");
        rejects("unknown option --speed", "--rate", "1", "--speed", "3");
    }

    @Test
    void itRunsAndWritesWhatWasAskedFor(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path json = dir.resolve("r.json");
        Path csv = dir.resolve("r.csv");
        Path outcomes = dir.resolve("o.csv");
        SimulateCommand.execute(parse("--stack", "windows95", "--rate", "20", "--duration", "600s", "--json", json.toString(),
                "--csv", csv.toString(), "--outcomes-csv", outcomes.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("first failure: after 198.8 s"), text);
        assertTrue(text.contains("capacity (theory): 16.567 connects/s"), text);
        assertTrue(Files.isRegularFile(json) && Files.isRegularFile(csv) && Files.isRegularFile(outcomes));
        assertTrue(readString(csv).startsWith("endSeconds,attempts,successes,success,inUse,timeWait,busyPorts\n"));
        assertEquals(12_001, readString(outcomes).split("\n").length, "a header and one line per attempt");
        assertTrue(readString(json).contains("\"firstFailureNanos\" : 198800000000"), readString(json));
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
