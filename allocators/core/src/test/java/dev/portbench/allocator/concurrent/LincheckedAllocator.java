package dev.portbench.allocator.concurrent;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.LongGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The operations Lincheck runs on a thread-safe allocator, from several threads at once, and
 * then checks against a sequential execution: allocate, release, reclaim, expire, and the counts
 * with the next expiry. A tiny range (4 ports, 1025-1028) and a TIME-WAIT of 10 ns, so that
 * exhaustion, expiry and reclaim all happen within a few operations; ports 1024 and 1029 are
 * out of range, so rejected calls are checked too. Times are drawn from 0..30 in any order: the
 * clock-skew tolerance is unlimited, so a call behind the clock acts at it, and the sequential
 * execution must agree on that too.
 *
 * <p>Misuse answers the exception's class name, so the check covers what is rejected as well.
 * A subclass names the allocator; Lincheck builds a fresh one per scenario.
 */
@Param(name = "port", gen = IntGen.class, conf = "1024:1029")
@Param(name = "time", gen = LongGen.class, conf = "0:30")
@Param(name = "destination", gen = LongGen.class, conf = "1:4")
public abstract class LincheckedAllocator {

    static final AllocatorConfig CONFIG = AllocatorConfig.builder()
            .portRange(1025, 1028)
            .timeWaitNanos(10)
            .tickNanos(1)
            .clockSkewToleranceNanos(AllocatorConfig.MAX_CLOCK_SKEW_TOLERANCE_NANOS)
            .build();

    private final PortAllocator allocator;

    protected LincheckedAllocator(PortAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * The time the allocator is asked at; the sequential model of a wrapper overrides it to do
     * the wrapper's clamping itself.
     */
    protected long at(long now) {
        return now;
    }

    /** Called after a call at {@code t} was accepted. */
    protected void accepted(long t) {
    }

    @Operation(params = {"time", "destination"})
    public int allocate(long now, long destination) {
        long t = at(now);
        int port = allocator.allocate(t, destination);
        accepted(t);
        return port;
    }

    @Operation(params = {"port", "time"})
    public String release(int port, long now) {
        long t = at(now);
        try {
            allocator.release(port, t);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
        accepted(t);
        return "released";
    }

    @Operation(params = {"port", "time"})
    public String reclaim(int port, long now) {
        long t = at(now);
        boolean was;
        try {
            was = allocator.reclaim(port, t);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
        accepted(t);
        return String.valueOf(was);
    }

    @Operation(params = {"time"})
    public int expire(long now) {
        long t = at(now);
        int freed = allocator.expire(t);
        accepted(t);
        return freed;
    }

    @Operation
    public int inUseCount() {
        return allocator.inUseCount();
    }

    @Operation
    public int timeWaitCount() {
        return allocator.timeWaitCount();
    }

    @Operation
    public int freeCount() {
        return allocator.freeCount();
    }

    @Operation
    public String nextExpiryTime() {
        try {
            return String.valueOf(allocator.nextExpiryTime());
        } catch (IllegalStateException none) {
            return "none";
        }
    }
}
