package dev.portbench.simulation;

import dev.portbench.trace.ConnectionTrace;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.trace.ReplaySettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
     * Replays {@code trace} at {@code speed} on every profile, and on {@code custom} when not null.
     * Answers a JSON-ready document.
     */
    public static Map<String, Object> run(ConnectionTrace trace, double speed, StackProfile customStack,
                                          ReplaySettings custom) {
        long wallStart = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StackProfile p : StackProfiles.all()) {
            rows.add(row(p.id(), p, trace, new ReplaySettings(p.firstPort(), p.lastPort(), p.timeWaitNanos(), speed)));
        }
        if (custom != null) {
            rows.add(row(customStack.id() + " (custom)", customStack, trace, custom));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("speed", speed);
        doc.put("model", "each stack's rules: one global pool (windows95, windows), ports shared per destination on "
                + "connect (linux, freebsd), tcp_tw_reuse for loopback peers and TIME-WAIT lateness (linux)");
        doc.put("profiles", rows);
        doc.put("wallSeconds", SimulationResult.round((System.nanoTime() - wallStart) / 1e9));
        return doc;
    }

    private static Map<String, Object> row(String id, StackProfile profile, ConnectionTrace trace, ReplaySettings s) {
        RecordedTraceSimulator.Result r = RecordedTraceSimulator.run(profile, trace, s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", id);
        m.put("allocator", r.allocator());
        m.put("note", profile.description());
        m.put("firstPort", s.firstPort());
        m.put("lastPort", s.lastPort());
        m.put("timeWaitSeconds", s.timeWaitNanos() / 1e9);
        m.put("speed", s.speed());
        m.put("connections", r.connections());
        m.put("failures", r.failures());
        m.put("successFraction", SimulationResult.round(r.successFraction()));
        m.put("firstFailureSeconds", r.firstFailureNanos() < 0 ? null : SimulationResult.round(r.firstFailureSeconds()));
        m.put("peakInUse", r.peakInUse());
        m.put("peakBusy", r.peakBusy());
        m.put("peakBusyShare", SimulationResult.round((double) r.peakBusy() / s.ports()));
        m.put("outages", r.outageCount());
        List<Map<String, Object>> outages = new ArrayList<>();
        for (RecordedTraceSimulator.Outage o : r.outages()) {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("startSeconds", SimulationResult.round(o.startSeconds()));
            om.put("endSeconds", SimulationResult.round(o.endSeconds()));
            om.put("failedConnects", o.failedConnects());
            outages.add(om);
        }
        m.put("firstOutages", outages);
        m.put("windowSeconds", SimulationResult.round(r.durationNanos() / 1e9 / RecordedTraceSimulator.WINDOWS));
        m.put("windowFailures", r.windowFailures());
        m.put("headroomSpeedup", r.failures() > 0 ? null : SimulationResult.round(headroom(profile, trace, s)));
        return m;
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
    @SuppressWarnings("unchecked")
    public static String summary(Map<String, Object> doc) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-17s %-12s %6s %12s %10s %9s %8s %10s%n", "profile", "range", "TW s",
                "first fail s", "failures", "success", "outages", "headroom"));
        for (Map<String, Object> r : (List<Map<String, Object>>) doc.get("profiles")) {
            Object ff = r.get("firstFailureSeconds");
            Object h = r.get("headroomSpeedup");
            b.append(String.format(Locale.ROOT, "%-17s %-12s %6.0f %12s %10d %8.2f%% %8d %10s%n", r.get("profile"),
                    r.get("firstPort") + "-" + r.get("lastPort"), (Double) r.get("timeWaitSeconds"),
                    ff == null ? "never" : String.format(Locale.ROOT, "%.1f", (Double) ff), (Long) r.get("failures"),
                    100 * (Double) r.get("successFraction"), (Long) r.get("outages"),
                    h == null ? "-" : String.format(Locale.ROOT, "%sx%.2f", (Double) h >= MAX_HEADROOM ? ">=" : "", (Double) h)));
        }
        b.append("(").append(doc.get("model")).append("; headroom = largest speed-up with no failure)\n");
        return b.toString();
    }
}
