package dev.portbench.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs of consecutive failed connects of one simulation, as the attempts come in time order:
 * the first failure, every {@link Outage} counted, the first {@code kept} of them kept, and the
 * longest. A failure opens an outage unless one is open; a success closes the open one at its
 * instant. O(1) per attempt; memory bounded by {@code kept}. Not thread-safe.
 */
final class OutageLog {

    private final int kept;
    private final List<Outage> outages = new ArrayList<>();
    private long count;
    private long firstFailure = -1;
    private long start = -1;
    private long failures;
    private Outage longest;
    private long longestLength = -1;

    /** Keeps the first {@code kept} outages (all are counted). */
    OutageLog(int kept) {
        if (kept < 0) {
            throw new IllegalArgumentException("kept: " + kept + " (expected >= 0)");
        }
        this.kept = kept;
    }

    /** A connect failed at {@code t}. */
    void failed(long t) {
        if (firstFailure < 0) {
            firstFailure = t;
        }
        if (start < 0) {
            start = t;
            failures = 0;
        }
        failures++;
    }

    /** A connect succeeded at {@code t}: the open outage, if any, ends at {@code t}. */
    void succeeded(long t) {
        if (start >= 0) {
            close(t, t);
        }
    }

    /**
     * The simulation ended at {@code endNanos}: an outage still open is counted, ending at
     * {@code openEnd} (-1: not recovered; or an instant, for a caller that reports the end of the
     * replay as its end).
     */
    void finish(long openEnd, long endNanos) {
        if (start >= 0) {
            close(openEnd, endNanos);
        }
    }

    private void close(long end, long lengthEnd) {
        Outage o = new Outage(start, end, failures);
        count++;
        if (outages.size() < kept) {
            outages.add(o);
        }
        long length = o.lengthNanos(lengthEnd);
        if (length > longestLength) {
            longestLength = length;
            longest = o;
        }
        start = -1;
    }

    /** Whether an outage is open (the last attempt failed). */
    boolean open() {
        return start >= 0;
    }

    /** The first failed attempt's instant, or -1. */
    long firstFailure() {
        return firstFailure;
    }

    /** Every outage closed so far. */
    long count() {
        return count;
    }

    /** The first {@code kept} outages, in order. */
    List<Outage> kept() {
        return List.copyOf(outages);
    }

    /** The longest outage (the first of equal ones), or null if none. */
    Outage longest() {
        return longest;
    }
}
