package dev.portbench.trace;

import dev.portbench.workload.ArrivalProcess;
import dev.portbench.workload.HoldingTime;
import dev.portbench.workload.Trace;
import dev.portbench.workload.Workload;
import it.unimi.dsi.fastutil.longs.LongArrays;

/**
 * Converts a {@link ConnectionTrace} into the replay form the benchmarks and {@code TraceReplayer}
 * use ({@link Trace}): per connection an OPEN at its scaled open time, a CLOSE at its scaled close
 * time and, for ends that leave no TIME-WAIT at the client (server close, reset, unfinished), a
 * RECLAIM at the same instant. The lap is the last close plus one TIME-WAIT, so one lap is the
 * whole trace and every port is free again when the next lap starts: the replay repeats the
 * recorded traffic as recorded.
 *
 * <p>O(n) (radix sort of the events); 12 bytes per event.
 */
public final class ReplayForm {

    private ReplayForm() {
    }

    /** The workload id of an imported trace named {@code name}. */
    public static String workloadId(String name) {
        return "trace:" + name;
    }

    /**
     * The replay form of {@code trace} under {@code settings}.
     *
     * @param name the trace's short name (the workload id becomes {@code trace:NAME})
     * @throws IllegalArgumentException if the trace is empty
     */
    public static Trace of(ConnectionTrace trace, ReplaySettings settings, String name) {
        int n = trace.size();
        if (n == 0) {
            throw new IllegalArgumentException(trace.source() + ": no connections to replay (check --client)");
        }
        long start = trace.start();
        int events = n * 2;
        for (int i = 0; i < n; i++) {
            if (!trace.end(i).leavesTimeWait()) {
                events++;
            }
        }
        long[] times = new long[events];
        long[] keys = new long[events];
        int e = 0;
        long lastClose = 0;
        double holdSum = 0;
        for (int i = 0; i < n; i++) {
            long open = settings.scale(trace.open(i), start);
            long close = Math.max(open, settings.scale(trace.close(i), start));
            lastClose = Math.max(lastClose, close);
            holdSum += close - open;
            times[e] = open;
            keys[e++] = (long) i << 2 | Trace.OPEN;
            times[e] = close;
            keys[e++] = (long) i << 2 | Trace.CLOSE;
            if (!trace.end(i).leavesTimeWait()) {
                times[e] = close;
                keys[e++] = (long) i << 2 | Trace.RECLAIM;
            }
        }
        LongArrays.radixSort(times, keys);
        int[] ops = new int[events];
        for (int i = 0; i < events; i++) {
            ops[i] = (int) keys[i];
        }
        long lap = lastClose + settings.timeWaitNanos() + 1;
        return Trace.recorded(workload(trace, settings, name, lap, holdSum / n), times, ops, n, lap);
    }

    private static Workload workload(ConnectionTrace trace, ReplaySettings s, String name, long lap, double meanHold) {
        long hold = Math.round(meanHold);
        double rate = trace.size() / (Math.max(1, lap - s.timeWaitNanos()) / 1e9);
        double rho = rate * ((hold + s.timeWaitNanos()) / 1e9) / s.ports();
        return new Workload(workloadId(name), "recorded trace " + trace.source() + " (" + trace.size()
                + " connections), " + s.summary(), s.firstPort(), s.lastPort(), s.timeWaitNanos(), ArrivalProcess.RECORDED,
                rho, hold == 0 ? HoldingTime.NONE : HoldingTime.FIXED, hold, 0, 0);
    }
}
