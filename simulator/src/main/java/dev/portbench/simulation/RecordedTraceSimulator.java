package dev.portbench.simulation;

import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.stack.StackProfile;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ReplaySettings;
import it.unimi.dsi.fastutil.longs.LongArrays;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays an imported {@link ConnectionTrace} in virtual time, either through one single-pool
 * allocator ({@link #run(AllocatorCatalog, ConnectionTrace, ReplaySettings)}) or on a stack
 * profile with its per-destination rules ({@link #run(StackProfile, ConnectionTrace, ReplaySettings)}:
 * connect-style sharing per 4-tuple, {@code tcp_tw_reuse} and TIME-WAIT lateness as issue 11's
 * {@link Scenario} configures them, each trace destination a distinct peer). Every
 * recorded connection asks for a port at its (scaled) open time and, if it got one, releases it
 * at its close time; ends that leave no TIME-WAIT at the client (server close, reset, unfinished)
 * reclaim the port at once. A connect that finds no port fails and is not retried: the recorded
 * traffic is replayed as it was offered. At one instant closes come before opens, as in
 * {@link Simulator}.
 *
 * <p>Costs: O(n) to sort the closes (radix), then O(1) per event plus the allocator's own cost;
 * 12 bytes per connection. Exact allocators give identical counts.
 */
public final class RecordedTraceSimulator {

    /** Windows the timeline is cut into. */
    public static final int WINDOWS = 100;
    /** Outages kept in the result (all are counted). */
    public static final int MAX_OUTAGES = 20;

    private RecordedTraceSimulator() {
    }

    /** One run of failures: attempts from the first failed one to the next successful one. */
    public record Outage(double startSeconds, double endSeconds, long failedConnects) {
    }

    /**
     * What the replayed client experienced.
     *
     * @param allocator registry id
     * @param settings range, TIME-WAIT and speed
     * @param connections connections offered
     * @param failures connects that found no port
     * @param firstFailureNanos replay time of the first failure since the trace's start, -1 if none
     * @param durationNanos replay time from the first open to the last close
     * @param windowAttempts attempts per window of {@code durationNanos / WINDOWS}
     * @param windowFailures failures per window
     * @param peakInUse most ports in use at once
     * @param peakBusy most ports busy (in use or in TIME-WAIT, for any destination) at once, sampled at every open
     * @param outages the first {@link #MAX_OUTAGES} outages
     * @param outageCount every outage
     * @param wallNanos real time taken
     */
    public record Result(String allocator, ReplaySettings settings, long connections, long failures,
                         long firstFailureNanos, long durationNanos, long[] windowAttempts, long[] windowFailures,
                         int peakInUse, int peakBusy, List<Outage> outages, long outageCount, long wallNanos) {

        public double successFraction() {
            return connections == 0 ? 1.0 : 1.0 - (double) failures / connections;
        }

        /** Success fraction over the second half of the windows: the steady state of a long trace. */
        public double steadySuccess() {
            long a = 0;
            long f = 0;
            for (int i = WINDOWS / 2; i < WINDOWS; i++) {
                a += windowAttempts[i];
                f += windowFailures[i];
            }
            return a == 0 ? 1.0 : 1.0 - (double) f / a;
        }

        /** First failure in seconds since the trace's start, or NaN. */
        public double firstFailureSeconds() {
            return firstFailureNanos < 0 ? Double.NaN : firstFailureNanos / 1e9;
        }
    }

    /** The ports of the replayed client: one pool, or a stack's destination-aware allocator. */
    private interface Ports {
        int open(long now, int destination);

        void close(int port, int destination, long now, boolean timeWait);

        int inUse();

        int busy();
    }

    /** Replays {@code trace} on a new {@code type} allocator configured by {@code settings}. */
    public static Result run(AllocatorCatalog type, ConnectionTrace trace, ReplaySettings settings) {
        PortAllocator a = type.create(settings.allocatorConfig());
        return replay(type.id(), new Ports() {
            @Override
            public int open(long now, int destination) {
                return a.allocate(now);
            }

            @Override
            public void close(int port, int destination, long now, boolean timeWait) {
                a.release(port, now);
                if (!timeWait) {
                    a.reclaim(port, now);
                }
            }

            @Override
            public int inUse() {
                return a.inUseCount();
            }

            @Override
            public int busy() {
                return a.inUseCount() + a.timeWaitCount();
            }
        }, trace, settings);
    }

    /**
     * Replays {@code trace} on {@code profile} with the range and TIME-WAIT of {@code settings}:
     * {@code connect()} where the stack shares ports per destination, {@code bind()}-style one pool
     * where it does not; destinations are loopback peers (so {@code tcp_tw_reuse = 2} applies) when
     * every trace destination is in 127.0.0.0/8 or ::1.
     */
    public static Result run(StackProfile profile, ConnectionTrace trace, ReplaySettings settings) {
        boolean loopback = trace.destinations().stream().allMatch(d -> d.startsWith("127.") || d.startsWith("[0:0:0:0:0:0:0:1]")
                || d.startsWith("[::1]"));
        Scenario s = Scenario.builder(profile).name(trace.source()).portRange(settings.firstPort(), settings.lastPort())
                .timeWaitNanos(settings.timeWaitNanos()).fixedRate(1).durationNanos(1_000_000_000L)
                .destinations(Math.max(1, trace.destinations().size())).loopback(loopback).build();
        ConnectionPortAllocator a = s.allocator().create(s.allocatorConfig());
        boolean bind = !s.sharesPorts();
        long[] keys = new long[Math.max(1, trace.destinations().size())];
        for (int d = 0; d < keys.length; d++) {
            keys[d] = s.destinationKey(d);
        }
        return replay(profile.id() + "/" + a.name(), new Ports() {
            @Override
            public int open(long now, int destination) {
                int port = bind ? a.bind(now, keys[destination]) : a.connect(now, keys[destination]);
                return port == ConnectionPortAllocator.NO_PORT ? PortAllocator.NO_PORT : port;
            }

            @Override
            public void close(int port, int destination, long now, boolean timeWait) {
                a.release(port, keys[destination], now);
                if (!timeWait) {
                    a.reclaim(port, keys[destination], now);
                }
            }

            @Override
            public int inUse() {
                return a.inUseCount();
            }

            @Override
            public int busy() {
                return a.busyPortCount();
            }
        }, trace, settings);
    }

    private static Result replay(String id, Ports a, ConnectionTrace trace, ReplaySettings settings) {
        long wallStart = System.nanoTime();
        int n = trace.size();
        long start = trace.start();
        long[] opens = new long[n];
        long[] closes = new long[n];
        int[] byClose = new int[n];
        long last = 0;
        for (int i = 0; i < n; i++) {
            opens[i] = settings.scale(trace.open(i), start);
            closes[i] = Math.max(opens[i], settings.scale(trace.close(i), start));
            byClose[i] = i;
            last = Math.max(last, closes[i]);
        }
        LongArrays.radixSortIndirect(byClose, closes, true);
        long window = Math.max(1, (last + WINDOWS) / WINDOWS);
        long[] windowAttempts = new long[WINDOWS];
        long[] windowFailures = new long[WINDOWS];
        int[] portOf = new int[n];
        OutageLog outages = new OutageLog(MAX_OUTAGES);
        long failures = 0;
        int peakInUse = 0;
        int peakBusy = 0;
        int nextClose = 0;
        for (int i = 0; i < n; i++) {
            long t = opens[i];
            // closes before t, and at t those of connections opened before this one: closes first at one instant
            while (nextClose < n && (closes[byClose[nextClose]] < t
                    || closes[byClose[nextClose]] == t && byClose[nextClose] < i)) {
                close(a, trace, byClose[nextClose], portOf, closes);
                nextClose++;
            }
            int w = (int) Math.min(WINDOWS - 1, t / window);
            windowAttempts[w]++;
            int port = a.open(t, trace.destination(i));
            portOf[i] = port;
            if (port == PortAllocator.NO_PORT) {
                failures++;
                windowFailures[w]++;
                outages.failed(t);
            } else {
                outages.succeeded(t);
                peakInUse = Math.max(peakInUse, a.inUse());
                peakBusy = Math.max(peakBusy, a.busy());
            }
        }
        outages.finish(last, last);
        List<Outage> kept = new ArrayList<>();
        for (dev.portbench.simulation.Outage o : outages.kept()) {
            kept.add(new Outage(o.startNanos() / 1e9, o.endNanos() / 1e9, o.failedConnects()));
        }
        return new Result(id, settings, n, failures, outages.firstFailure(), last, windowAttempts, windowFailures,
                peakInUse, peakBusy, List.copyOf(kept), outages.count(), System.nanoTime() - wallStart);
    }

    private static void close(Ports a, ConnectionTrace trace, int c, int[] portOf, long[] closes) {
        int port = portOf[c];
        if (port != PortAllocator.NO_PORT) {
            a.close(port, trace.destination(c), closes[c], trace.end(c).leavesTimeWait());
        }
    }
}
