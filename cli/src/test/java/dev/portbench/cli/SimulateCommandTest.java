package dev.portbench.cli;

import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.simulation.ArrivalPattern;
import dev.portbench.simulation.DestinationPattern;
import dev.portbench.simulation.Scenario;
import dev.portbench.stack.SocketCall;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.workload.HoldingTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./portbench simulate}: every option reaches the scenario; bad values exit 2 naming them; it runs and writes. */
class SimulateCommandTest {

    /** The scenario options after parsing {@code simulate args}, without running anything. */
    private static ScenarioOptions parse(String... args) {
        CommandLine cl = PortBench.commandLine();
        String[] all = new String[args.length + 1];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        cl.parseArgs(all);
        SimulateCommand c = cl.getSubcommands().get("simulate").getCommand();
        return c.scenario;
    }

    private static void rejects(String expected, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun.rejects(expected, all);
    }

    @Test
    void theIssuesQuestionIsOneCommand() {
        Scenario s = parse("--stack", "linux", "--range", "1025-5000", "--destinations", "4", "--rate", "400").scenario();
        StackProfile linux = StackProfiles.linux();
        assertEquals(linux, s.profile(), "--stack linux is the profile itself, nothing changed");
        assertEquals(1025, s.firstPort());
        assertEquals(5000, s.lastPort());
        assertEquals(linux.timeWaitNanos(), s.timeWaitNanos());
        assertEquals(4, s.destinations());
        assertEquals(DestinationPattern.ROUND_ROBIN, s.destinationPattern());
        assertEquals(ArrivalPattern.FIXED_RATE, s.arrivals());
        assertEquals(400, s.ratePerSecond());
        assertEquals(SocketCall.CONNECT, s.call());
        assertEquals(linux.timeWaitReuse(), s.timeWaitReuse());
        assertEquals(linux.lateness(), s.lateness(), "the profile's measured lateness, not a copy of its numbers");
    }

    @Test
    void everyOptionReachesTheScenario(@TempDir Path dir) {
        ScenarioOptions o = parse("--stack", "freebsd", "--range", "20000-20999", "--time-wait", "30s", "--poisson", "123.5",
                "--hold", "1500ms", "--hold-distribution", "exponential", "--duration", "2m", "--destinations", "16",
                "--zipf", "1.2", "--call", "bind", "--tw-reuse", "1", "--tw-reuse-delay", "250ms", "--loopback",
                "--allocator", "bind-buckets", "--tick", "1s", "--tick-phase", "300ms", "--window", "5s", "--seed", "9",
                "--name", "mine", "--json", dir.resolve("r.json").toString(), "--csv", dir.resolve("r.csv").toString(),
                "--outcomes-csv", dir.resolve("o.csv").toString());
        Scenario s = o.scenario();
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
        assertEquals(dir.resolve("r.json"), o.json);
    }

    @Test
    void explicitArrivalsAndDestinationsComeFromFiles(@TempDir Path dir) throws IOException {
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
        assertFalse(parse("--periods", "3").given());
        assertFalse(parse().given());
        assertTrue(parse("--rate", "10").given());
        assertTrue(parse("--loopback").given());
    }

    @Test
    void badValuesExitTwoNamingWhatIsAllowed() {
        rejects("'bsd' (expected one of [windows95, windows, linux, freebsd])", "--stack", "bsd", "--rate", "1");
        rejects("'5000' (expected FIRST-LAST", "--range", "5000", "--rate", "1");
        rejects("port range: 5000..1025 (expected: firstPort <= lastPort)", "--range", "5000-1025", "--rate", "1");
        rejects("lastPort: 70000 (expected: 1..65535)", "--range", "1025-70000", "--rate", "1");
        rejects("'-1' (expected a number > 0)", "--rate", "-1");
        rejects("'fast' (expected a number > 0)", "--rate", "fast");
        rejects("arrivals: give exactly one of --rate N, --poisson N or --arrivals FILE", "--rate", "1", "--poisson", "2");
        rejects("arrivals: give exactly one of", "--stack", "linux");
        rejects("'0' (expected a duration > 0", "--time-wait", "0", "--rate", "1");
        rejects("'60 parsecs' (expected a duration", "--time-wait", "60 parsecs", "--rate", "1");
        rejects("'3' (expected 0 off, 1 on or 2 loopback only)", "--tw-reuse", "3", "--rate", "1");
        rejects("'accept' (expected one of [connect, bind, bind-no-port])", "--call", "accept", "--rate", "1");
        rejects("call: bind-no-port (expected: connect or bind; stack windows95 has no IP_BIND_ADDRESS_NO_PORT)",
                "--stack", "windows95", "--call", "bind-no-port", "--rate", "1");
        rejects("'0' (expected a positive integer)", "--destinations", "0", "--rate", "1");
        rejects("'-1' (expected a number > 0)", "--destinations", "4", "--zipf", "-1", "--rate", "1");
        rejects("'btree' (expected one of [bind-buckets, pair-table])", "--allocator", "btree", "--rate", "1");
        rejects("--tick-phase: given without --tick", "--tick-phase", "1s", "--rate", "1");
        rejects("--hold-distribution: given without --hold", "--hold-distribution", "fixed", "--rate", "1");
        rejects("'normal' (expected fixed or exponential)", "--hold", "1s", "--hold-distribution",
                "normal", "--rate", "1");
        rejects("window: 20000000000 ns (expected: > 0, at most the duration 10000000000 ns", "--duration", "10s",
                "--window", "20s", "--rate", "1");
        rejects("--preset q170791 runs the study: give no scenario option with it", "--preset", "q170791", "--rate", "1");
        rejects("--periods: an option of the Q170791 study", "--periods", "3", "--rate", "1");
        rejects("Unknown options: '--velocity'", "--rate", "1", "--velocity", "3");
        rejects("--ends and --reorder-tolerance apply to a trace (expected --trace FILE with them)", "--rate", "1", "--speed", "3");
    }

    @Test
    void itRunsAndWritesWhatWasAskedFor(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("r.json");
        Path csv = dir.resolve("r.csv");
        Path outcomes = dir.resolve("o.csv");
        CliRun o = CliRun.of("simulate", "--stack", "windows95", "--rate", "20", "--duration", "600s", "--json", json.toString(),
                "--csv", csv.toString(), "--outcomes-csv", outcomes.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("first failure: after 198.8 s"), o.out());
        assertTrue(o.out().contains("capacity (theory): 16.567 connects/s"), o.out());
        assertTrue(Files.readString(csv).startsWith("endSeconds,attempts,successes,success,inUse,timeWait,busyPorts\n"));
        assertEquals(12_001, Files.readString(outcomes).split("\n").length, "a header and one line per attempt");
        String text = Files.readString(json);
        assertTrue(text.contains("\"firstFailureNanos\" : 198800000000"), text);
        assertFalse(text.contains("attemptTimes") || text.contains("\"outcomes\""), "arrays of attempts stay out of the JSON");
    }
}
