package dev.portbench.simulation;

import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.StacksFile;
import dev.portbench.stack.SocketCall;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.workload.HoldingTime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The same clients on every known stack ({@code stacks.json}, the report's "Stacks" section): how
 * long each lasts before its first failed connect and what it sustains, from the scenario simulator
 * with each stack's range, TIME-WAIT, sharing rule, tcp_tw_reuse and TIME-WAIT lateness. Besides
 * the profiles' defaults, Linux is also run with {@code bind()} before {@code connect()} (no
 * sharing) and on Windows 95's range 1025-5000 (the question). Exact counts; the same every run.
 */
public final class StacksStudy {

    /** The file a run folder holds the study in. */
    public static final String FILE = RunFiles.STACKS;

    private StacksStudy() {
    }

    private record ClientSpec(String label, String description, double durationSeconds,
                              UnaryOperator<ScenarioBuilder> client) {
    }

    private record Variant(StackProfile stack, String variant, UnaryOperator<ScenarioBuilder> change) {
    }

    private static List<ClientSpec> clients() {
        return List.of(
                new ClientSpec("4 upstreams, 400/s", "400 connects/s round-robin to 4 upstreams, closed at once", 6000,
                        b -> b.fixedRate(400).destinations(4)),
                new ClientSpec("16 upstreams Zipf, 1000/s", "1000 connects/s to 16 upstreams, Zipf s=1, each held 1 s", 1200,
                        b -> b.fixedRate(1000).zipfDestinations(16, 1.0).hold(HoldingTime.FIXED, 1_000_000_000L)));
    }

    private static List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        for (StackProfile p : StackProfiles.all()) {
            out.add(new Variant(p, "", b -> b));
        }
        StackProfile linux = StackProfiles.linux();
        out.add(new Variant(linux, "bind() first", b -> b.call(SocketCall.BIND)));
        out.add(new Variant(linux, "range 1025-5000", b -> b.portRange(1025, 5000)));
        return out;
    }

    /** Runs every client on every stack. */
    public static StacksFile run() {
        long start = System.nanoTime();
        long events = 0;
        List<StacksFile.Client> clients = new ArrayList<>();
        for (ClientSpec c : clients()) {
            List<StacksFile.Row> rows = new ArrayList<>();
            for (Variant v : variants()) {
                ScenarioBuilder b = Scenario.builder(v.stack()).durationNanos((long) (c.durationSeconds() * 1e9));
                Scenario s = v.change().apply(c.client().apply(b)).name(c.label() + " on " + v.stack().id()).build();
                ScenarioResult r = ScenarioSimulator.run(s);
                events += r.events();
                rows.add(new StacksFile.Row(v.stack().id(), v.variant(), s.call().id(), s.firstPort(), s.lastPort(),
                        s.timeWaitNanos() / 1e9, v.stack().sharing().name(), s.lateness().maxLatenessNanos() / 1e9,
                        round(r.capacityPerSecond()), r.failed() ? r.firstFailureNanos() / 1e9 : null,
                        round(r.sustainedPerSecond()), round(r.steadySuccess()), round(r.successFraction()),
                        r.outageCount(), r.recoveryNanos() < 0 ? null : r.recoveryNanos() / 1e9));
            }
            clients.add(new StacksFile.Client(c.label(), c.description(), c.durationSeconds(), rows));
        }
        return new StacksFile(StacksFile.SCHEMA, clients, events, Math.round((System.nanoTime() - start) / 1e7) / 100.0);
    }

    /** Runs the study and writes it to {@code runDir/stacks.json}. */
    public static StacksFile write(Path runDir) {
        StacksFile d = run();
        RunFiles.write(runDir.resolve(FILE), d);
        return d;
    }

    /** A few lines for the terminal. */
    public static String summary(StacksFile d) {
        StringBuilder b = new StringBuilder();
        for (StacksFile.Client c : d.clients()) {
            b.append(c.description()).append('\n');
            for (StacksFile.Row r : c.rows()) {
                b.append(String.format(Locale.ROOT, "  %-10s %-16s lasts %8s, sustains %8.1f/s (capacity %.1f/s)%n", r.stack(),
                        r.variant(), r.firstFailureSeconds() == null ? "forever" : String.format(Locale.ROOT, "%.1f s",
                                r.firstFailureSeconds()), r.sustainedPerSecond(), r.capacityPerSecond()));
            }
        }
        b.append(String.format(Locale.ROOT, "  %d events simulated in %.2f s%n", d.events(), d.wallSeconds()));
        return b.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
