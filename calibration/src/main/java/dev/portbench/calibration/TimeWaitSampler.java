package dev.portbench.calibration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that reads the namespace's TIME-WAIT count from {@code /proc/net/sockstat}
 * every {@code intervalNanos} (one read costs tens of microseconds) until stopped or until its
 * deadline. With {@code changesOnly} it keeps a sample only when the count changed, together with
 * the last sample before the change, so every change is bracketed to one interval.
 */
final class TimeWaitSampler implements AutoCloseable {

    static final Path SOCKSTAT = Path.of("/proc/net/sockstat");

    private final TimeWaitSeries series = new TimeWaitSeries();
    private final Thread thread;
    private volatile boolean stop;
    private volatile RuntimeException failure;

    TimeWaitSampler(long intervalNanos, long deadlineNanos, boolean changesOnly) {
        thread = new Thread(() -> sample(intervalNanos, deadlineNanos, changesOnly), "timewait-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static int read() {
        try {
            return TimeWaitSeries.parseSockstat(NamespaceChild.readProc(SOCKSTAT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SOCKSTAT + ": " + e.getMessage(), e);
        }
    }

    private void sample(long interval, long deadline, boolean changesOnly) {
        try {
            long lastTime = 0;
            int last = -1;
            boolean lastKept = false;
            for (long next = System.nanoTime(); !stop && next < deadline; next += interval) {
                for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                int tw = read();
                long t = System.nanoTime();
                if (!changesOnly || tw != last) {
                    if (changesOnly && last >= 0 && !lastKept) {
                        series.add(lastTime, last);
                    }
                    series.add(t, tw);
                    lastKept = true;
                } else {
                    lastKept = false;
                }
                last = tw;
                lastTime = t;
            }
            if (changesOnly && last >= 0 && !lastKept) {
                series.add(lastTime, last);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Stops sampling and returns the series; rethrows a failure of the sampler. */
    TimeWaitSeries finish() throws InterruptedException {
        stop = true;
        thread.join(10_000);
        if (failure != null) {
            throw failure;
        }
        return series;
    }

    @Override
    public void close() {
        stop = true;
    }
}
