package dev.portbench.simulation;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ReplaySettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When and how often a recorded trace fails on each stack's port range and TIME-WAIT: the trace
 * replayed (as recorded, and at the chosen speed) through {@link RecordedTraceSimulator} on each
 * profile, plus the headroom: the largest speed-up (to within 2%) at which it still never fails.
 *
 * <p>Every profile here is a single pool: a port in use or in TIME-WAIT is unavailable to every
 * destination (Windows 95's rule, and the rule of {@code bind()} before {@code connect()}).
 * Linux and FreeBSD share a port across destinations on {@code connect()}; on traffic to few
 * destinations that multiplies their capacity, so the rows of those stacks are the bind-style
 * (pessimistic) answer.
 */
public final class TraceStudy {

    /** Headroom is searched up to this speed-up; a trace that never fails at it is reported as ">= x1024". */
    public static final double MAX_HEADROOM = 1024;

    /** The allocator the study replays on: exact expiry, so its counts are every exact allocator's. */
    public static final String REFERENCE = SimulationStudy.REFERENCE;

    /** A stack's range and TIME-WAIT (source: /work/shared/FACTS.md; FreeBSD's range is its sysctl default). */
    public record Profile(String id, int firstPort, int lastPort, long timeWaitSeconds, String note) {
    }

    public static final List<Profile> PROFILES = List.of(
            new Profile("windows95", 1025, 5000, 240, "MaxUserPort 5000, 2 x MSL = 240 s"),
            new Profile("windows", 49152, 65535, 240, "dynamic range since Vista, TcpTimedWaitDelay 240 s"),
            new Profile("linux", 32768, 60999, 60, "ip_local_port_range default, TCP_TIMEWAIT_LEN 60 s"),
            new Profile("freebsd", 10000, 65535, 60, "net.inet.ip.portrange.first/last defaults, 2 x MSL 30 s"));

    private TraceStudy() {
    }

    /**
     * Replays {@code trace} at {@code speed} on every profile, and on {@code custom} when not null.
     * Answers a JSON-ready document.
     */
    public static Map<String, Object> run(ConnectionTrace trace, double speed, ReplaySettings custom) {
        long wallStart = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Profile p : PROFILES) {
            rows.add(row(p.id(), p.note(), trace, new ReplaySettings(p.firstPort(), p.lastPort(),
                    p.timeWaitSeconds() * 1_000_000_000L, speed)));
        }
        if (custom != null) {
            rows.add(row("custom", "--range / --time-wait / --speed as given", trace, custom));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("allocator", REFERENCE);
        doc.put("speed", speed);
        doc.put("model", "single pool (one port per connection, unavailable to every destination while in use or in TIME-WAIT)");
        doc.put("profiles", rows);
        doc.put("wallSeconds", SimulationResult.round((System.nanoTime() - wallStart) / 1e9));
        return doc;
    }

    private static Map<String, Object> row(String id, String note, ConnectionTrace trace, ReplaySettings s) {
        RecordedTraceSimulator.Result r = RecordedTraceSimulator.run(AllocatorCatalog.fromId(REFERENCE), trace, s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", id);
        m.put("note", note);
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
        m.put("headroomSpeedup", r.failures() > 0 ? null : SimulationResult.round(headroom(trace, s)));
        return m;
    }

    /**
     * The largest speed-up of {@code s} (up to 1024) at which the trace still never fails, to within
     * 2% (bisection on a log scale, at most 24 replays).
     */
    static double headroom(ConnectionTrace trace, ReplaySettings s) {
        AllocatorCatalog type = AllocatorCatalog.fromId(REFERENCE);
        double ok = 1;
        double fail = 2;
        while (RecordedTraceSimulator.run(type, trace, s.withSpeed(s.speed() * fail)).failures() == 0) {
            ok = fail;
            fail *= 2;
            if (fail > MAX_HEADROOM) {
                return ok;
            }
        }
        while (fail / ok > 1.02) {
            double mid = Math.sqrt(ok * fail);
            if (RecordedTraceSimulator.run(type, trace, s.withSpeed(s.speed() * mid)).failures() == 0) {
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
        b.append(String.format(Locale.ROOT, "%-10s %-12s %6s %12s %10s %9s %8s %10s%n", "profile", "range", "TW s",
                "first fail s", "failures", "success", "outages", "headroom"));
        for (Map<String, Object> r : (List<Map<String, Object>>) doc.get("profiles")) {
            Object ff = r.get("firstFailureSeconds");
            Object h = r.get("headroomSpeedup");
            b.append(String.format(Locale.ROOT, "%-10s %-12s %6.0f %12s %10d %8.2f%% %8d %10s%n", r.get("profile"),
                    r.get("firstPort") + "-" + r.get("lastPort"), (Double) r.get("timeWaitSeconds"),
                    ff == null ? "never" : String.format(Locale.ROOT, "%.1f", (Double) ff), (Long) r.get("failures"),
                    100 * (Double) r.get("successFraction"), (Long) r.get("outages"),
                    h == null ? "-" : String.format(Locale.ROOT, "%sx%.2f", (Double) h >= MAX_HEADROOM ? ">=" : "", (Double) h)));
        }
        b.append("(").append(doc.get("model")).append("; headroom = largest speed-up with no failure)\n");
        return b.toString();
    }
}
