package dev.portbench.simulation;

import dev.portbench.runfolder.TraceFile;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ReplaySettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * When and how often a recorded trace fails on each stack: the trace replayed (as recorded, and at
 * the chosen speed) through {@link RecordedTraceSimulator} on every profile of
 * {@link StackProfiles} with its own rules (issue 11's model: one global pool on Windows, ports
 * shared per destination on {@code connect()} on Linux and FreeBSD, Linux's {@code tcp_tw_reuse}
 * for loopback peers and its TIME-WAIT lateness), plus the headroom: the largest speed-up (to
 * within 2%) at which it still never fails.
 */
public final class TraceStudy {

    /** The allocator the study replays on: exact expiry, so its counts are every exact allocator's. */
    public static final String REFERENCE = SimulationStudy.REFERENCE;

    /** Headroom is searched up to this speed-up; a trace that never fails at it is reported as ">= x1024". */
    public static final double MAX_HEADROOM = 1024;

    private TraceStudy() {
    }

    /**
     * Replays {@code trace} at {@code speed} on every profile, and on {@code custom} (with the rules
     * of {@code customStack}) when not null.
     */
    public static TraceFile.Study run(ConnectionTrace trace, double speed, StackProfile customStack, ReplaySettings custom) {
        long wallStart = System.nanoTime();
        List<TraceFile.Row> rows = new ArrayList<>();
        for (StackProfile p : StackProfiles.all()) {
            rows.add(row(p.id(), p, trace, new ReplaySettings(p.firstPort(), p.lastPort(), p.timeWaitNanos(), speed)));
        }
        if (custom != null) {
            rows.add(row(customStack.id() + " (custom)", customStack, trace, custom));
        }
        return new TraceFile.Study(speed, "each stack's rules: one global pool (windows95, windows), ports shared per destination on "
                + "connect (linux, freebsd), tcp_tw_reuse for loopback peers and TIME-WAIT lateness (linux)", List.copyOf(rows),
                SimulationResult.round((System.nanoTime() - wallStart) / 1e9));
    }

    private static TraceFile.Row row(String id, StackProfile profile, ConnectionTrace trace, ReplaySettings s) {
        RecordedTraceSimulator.Result r = RecordedTraceSimulator.run(profile, trace, s);
        List<TraceFile.Outage> outages = new ArrayList<>();
        for (RecordedTraceSimulator.Outage o : r.outages()) {
            outages.add(new TraceFile.Outage(SimulationResult.round(o.startSeconds()), SimulationResult.round(o.endSeconds()),
                    o.failedConnects()));
        }
        return new TraceFile.Row(id, r.allocator(), profile.description(), s.firstPort(), s.lastPort(), s.timeWaitNanos() / 1e9,
                s.speed(), r.connections(), r.failures(), SimulationResult.round(r.successFraction()),
                r.firstFailureNanos() < 0 ? null : SimulationResult.round(r.firstFailureSeconds()), r.peakInUse(), r.peakBusy(),
                SimulationResult.round((double) r.peakBusy() / s.ports()), r.outageCount(), List.copyOf(outages),
                SimulationResult.round(r.durationNanos() / 1e9 / RecordedTraceSimulator.WINDOWS),
                Arrays.stream(r.windowFailures()).boxed().toList(),
                r.failures() > 0 ? null : SimulationResult.round(headroom(profile, trace, s)));
    }

    /**
     * The largest speed-up of {@code s} (up to 1024) at which the trace still never fails, to within
     * 2% (bisection on a log scale, at most 24 replays).
     */
    static double headroom(StackProfile profile, ConnectionTrace trace, ReplaySettings s) {
        double ok = 1;
        double fail = 2;
        while (RecordedTraceSimulator.run(profile, trace, s.withSpeed(s.speed() * fail)).failures() == 0) {
            ok = fail;
            fail *= 2;
            if (fail > MAX_HEADROOM) {
                return ok;
            }
        }
        while (fail / ok > 1.02) {
            double mid = Math.sqrt(ok * fail);
            if (RecordedTraceSimulator.run(profile, trace, s.withSpeed(s.speed() * mid)).failures() == 0) {
                ok = mid;
            } else {
                fail = mid;
            }
        }
        return ok;
    }

    /** The study as text, for the console. */
    public static String summary(TraceFile.Study study) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-17s %-12s %6s %12s %10s %9s %8s %10s%n", "profile", "range", "TW s",
                "first fail s", "failures", "success", "outages", "headroom"));
        for (TraceFile.Row r : study.profiles()) {
            Double ff = r.firstFailureSeconds();
            Double h = r.headroomSpeedup();
            b.append(String.format(Locale.ROOT, "%-17s %-12s %6.0f %12s %10d %8.2f%% %8d %10s%n", r.profile(),
                    r.firstPort() + "-" + r.lastPort(), r.timeWaitSeconds(),
                    ff == null ? "never" : String.format(Locale.ROOT, "%.1f", ff), r.failures(),
                    100 * r.successFraction(), r.outages(),
                    h == null ? "-" : String.format(Locale.ROOT, "%sx%.2f", h >= MAX_HEADROOM ? ">=" : "", h)));
        }
        b.append("(").append(study.model()).append("; headroom = largest speed-up with no failure)\n");
        return b.toString();
    }
}
