package dev.portbench.workload;

import dev.portbench.allocator.AllocatorConfig;

import java.util.Locale;
import java.util.Objects;

/**
 * A workload as data: the port range and TIME-WAIT of the client, how connections arrive and
 * how long they are held, what share of TIME-WAITs end early, and the seed. {@link TraceGenerator}
 * turns it into a {@link Trace}; the same workload always gives the same trace.
 *
 * <p>Load is expressed as {@code rho = rate x (mean holding time + TIME-WAIT) / ports}: the
 * average share of ports a workload keeps busy or in TIME-WAIT. {@code rho = 1} is exactly the
 * capacity, 16.57 connections/s for Windows 95's 3976 ports and 240 s.
 *
 * @param id stable identifier, used as the JMH {@code workload} parameter
 * @param description one line for reports
 * @param firstPort first port of the client's range
 * @param lastPort last port, inclusive
 * @param timeWaitNanos TIME-WAIT, nanoseconds
 * @param arrivals arrival process
 * @param rho offered load; for {@link ArrivalProcess#BURST} always 1
 * @param holding holding-time distribution
 * @param meanHoldNanos mean holding time (0 with {@link HoldingTime#NONE})
 * @param reclaimShare share of closed connections whose TIME-WAIT is ended early, 0..1
 * @param seed seed of every random draw
 */
public record Workload(String id, String description, int firstPort, int lastPort, long timeWaitNanos,
                       ArrivalProcess arrivals, double rho, HoldingTime holding, long meanHoldNanos,
                       double reclaimShare, long seed) {

    /** Shortest delay before an early end of TIME-WAIT: Linux's tcp_tw_reuse waits 1 s. */
    public static final long MIN_RECLAIM_DELAY_NANOS = 1_000_000_000L;

    /** Checks every field; a bad one is rejected naming its value and what is allowed. */
    public Workload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(arrivals, "arrivals");
        Objects.requireNonNull(holding, "holding");
        // The allocator configuration checks the range and TIME-WAIT with the library's messages.
        AllocatorConfig.builder().portRange(firstPort, lastPort).timeWaitNanos(timeWaitNanos);
        if (!(rho > 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("rho: " + rho + " (expected: a finite load > 0)");
        }
        if (arrivals == ArrivalProcess.BURST && rho != 1.0) {
            throw new IllegalArgumentException("rho: " + rho + " (expected: 1 for BURST arrivals)");
        }
        if (meanHoldNanos < 0) {
            throw new IllegalArgumentException("meanHoldNanos: " + meanHoldNanos + " (expected: >= 0)");
        }
        if (holding == HoldingTime.NONE && meanHoldNanos != 0) {
            throw new IllegalArgumentException("meanHoldNanos: " + meanHoldNanos + " (expected: 0 with holding NONE)");
        }
        if (holding != HoldingTime.NONE && meanHoldNanos == 0) {
            throw new IllegalArgumentException("meanHoldNanos: 0 (expected: > 0 with holding " + holding + ")");
        }
        if (!(reclaimShare >= 0 && reclaimShare <= 1)) {
            throw new IllegalArgumentException("reclaimShare: " + reclaimShare + " (expected: 0..1)");
        }
        if (reclaimShare > 0 && timeWaitNanos <= MIN_RECLAIM_DELAY_NANOS) {
            throw new IllegalArgumentException("reclaimShare: " + reclaimShare + " with timeWaitNanos "
                    + timeWaitNanos + " (expected: a TIME-WAIT longer than the 1 s reclaim delay)");
        }
    }

    /** Ports in the range. */
    public int ports() {
        return lastPort - firstPort + 1;
    }

    /** Connections per second this client can sustain: {@code ports / (mean hold + TIME-WAIT)}. */
    public double capacityPerSecond() {
        return ports() / ((meanHoldNanos + timeWaitNanos) / 1e9);
    }

    /** Connections per second offered: {@code rho x capacity}. */
    public double ratePerSecond() {
        return rho * capacityPerSecond();
    }

    /** The allocator configuration of this workload's client (range and TIME-WAIT; defaults otherwise). */
    public AllocatorConfig allocatorConfig() {
        return AllocatorConfig.builder().portRange(firstPort, lastPort).timeWaitNanos(timeWaitNanos).build();
    }

    /** A copy with another id and description. */
    public Workload named(String newId, String newDescription) {
        return new Workload(newId, newDescription, firstPort, lastPort, timeWaitNanos, arrivals, rho, holding,
                meanHoldNanos, reclaimShare, seed);
    }

    /** A copy at load {@code newRho}. */
    public Workload withRho(double newRho) {
        return new Workload(id, description, firstPort, lastPort, timeWaitNanos, arrivals, newRho, holding,
                meanHoldNanos, reclaimShare, seed);
    }

    /** A copy with another port range. */
    public Workload withRange(int newFirst, int newLast) {
        return new Workload(id, description, newFirst, newLast, timeWaitNanos, arrivals, rho, holding,
                meanHoldNanos, reclaimShare, seed);
    }

    /** A copy with another TIME-WAIT. */
    public Workload withTimeWait(long newTimeWaitNanos) {
        return new Workload(id, description, firstPort, lastPort, newTimeWaitNanos, arrivals, rho, holding,
                meanHoldNanos, reclaimShare, seed);
    }

    /** A copy with another arrival process. */
    public Workload withArrivals(ArrivalProcess newArrivals) {
        return new Workload(id, description, firstPort, lastPort, timeWaitNanos, newArrivals, rho, holding,
                meanHoldNanos, reclaimShare, seed);
    }

    /** A copy with another holding time. */
    public Workload withHolding(HoldingTime newHolding, long newMeanHoldNanos) {
        return new Workload(id, description, firstPort, lastPort, timeWaitNanos, arrivals, rho, newHolding,
                newMeanHoldNanos, reclaimShare, seed);
    }

    /** A copy with another share of early TIME-WAIT ends. */
    public Workload withReclaimShare(double newReclaimShare) {
        return new Workload(id, description, firstPort, lastPort, timeWaitNanos, arrivals, rho, holding,
                meanHoldNanos, newReclaimShare, seed);
    }

    /** A copy with another seed. */
    public Workload withSeed(long newSeed) {
        return new Workload(id, description, firstPort, lastPort, timeWaitNanos, arrivals, rho, holding,
                meanHoldNanos, reclaimShare, newSeed);
    }

    /** One line with every parameter, for logs and reports. */
    public String summary() {
        return String.format(Locale.ROOT,
                "%s: ports %d-%d (%d), TIME-WAIT %.0f s, %s arrivals at rho %.2f (%.2f conn/s), hold %s %.1f s, reclaim %.0f%%",
                id, firstPort, lastPort, ports(), timeWaitNanos / 1e9, arrivals, rho, ratePerSecond(), holding,
                meanHoldNanos / 1e9, reclaimShare * 100);
    }
}
