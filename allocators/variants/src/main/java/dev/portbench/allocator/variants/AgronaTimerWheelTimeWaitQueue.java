package dev.portbench.allocator.variants;

import dev.portbench.allocator.structure.ExpiredPortSink;
import dev.portbench.allocator.structure.TimeWaitQueue;

import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2LongHashMap;

import java.util.concurrent.TimeUnit;

/**
 * Peer baseline: TIME-WAIT in Agrona's {@link DeadlineTimerWheel}, used as its documentation
 * intends: one timer per port, {@code cancelTimer} for reclaim, and {@code poll} at tick
 * boundaries, with a map from timer id back to port as an Agrona user would keep it.
 *
 * <h2>Implementation notes</h2>
 * Agrona needs a power-of-two tick in the wheel's time unit: the tick is the configured one
 * rounded up to a power of two of nanoseconds (2<sup>30</sup> ns = 1.07 s for the default 1 s).
 * {@code poll} compares each timer's real deadline, so nothing expires early; it examines one
 * spoke and advances at most one tick per call, so {@link #expire} loops until a poll has
 * examined the tick that holds {@code now} (a poll that does not advance). After a jump longer than one revolution, one poll per spoke
 * has compared every timer with {@code now}; the wheel is then wound forward
 * ({@code currentTickTime(now)}), which Agrona allows without expiring anything, so a jump of
 * hours costs one revolution, not one poll per elapsed tick.
 *
 * <p>Agrona marks an empty timer slot with the deadline {@code Long.MAX_VALUE}
 * ({@code NULL_DEADLINE}), so a poll at {@code now == Long.MAX_VALUE} would "expire" empty slots.
 * The wheel therefore runs one nanosecond behind the allocator's clock: it sees {@code t - 1} for
 * every time {@code t}, which keeps every time it sees below {@code NULL_DEADLINE} and changes no
 * comparison ({@code now - 1 >= deadline - 1} exactly when {@code now >= deadline}).
 *
 * <p>Polling only at tick boundaries makes expiry up to one tick late (the rounded tick), never
 * early: a port is free at the latest at the end of its deadline's tick, which is what
 * {@link #nextExpiry} answers (it does not change until that port is freed). Costs: schedule
 * O(1) amortized (a spoke that overflows doubles every spoke: an allocation), cancel O(1), each
 * poll O(timers per spoke), {@link #nextExpiry} O(n) through {@code forEach}.
 *
 * <p>Memory: 8 bytes per timer slot, and Agrona gives every spoke as many slots as the busiest
 * one needed: with every port released in one tick that is spokes x ports x 8 bytes. The wheel
 * covers a whole TIME-WAIT (spokes are the next power of two above the ticks per TIME-WAIT), so a
 * fine tick or a long TIME-WAIT multiplies it; a configuration whose worst case exceeds
 * {@value #MAX_WHEEL_BYTES} bytes (256 MiB) is rejected when the allocator is built, with the
 * numbers. Besides: 8 bytes per port for the port's timer id, and a {@code Long2LongHashMap} of
 * 16+ bytes per timer.
 */
final class AgronaTimerWheelTimeWaitQueue implements TimeWaitQueue {

    private static final long NO_TIMER = Long.MIN_VALUE;
    /** Agrona's slots per spoke before any spoke has overflowed ({@code INITIAL_TICK_ALLOCATION}). */
    private static final int AGRONA_INITIAL_SLOTS = 16;
    /** The most a wheel may take in the worst case: spokes x slots per spoke x 8 bytes. */
    static final long MAX_WHEEL_BYTES = 256L << 20;

    private final DeadlineTimerWheel wheel;
    private final long tickNanos;
    private final long[] timerOf;
    private final Long2LongHashMap portOfTimer;
    private final DeadlineTimerWheel.TimerHandler onExpiry = this::onExpiry;
    private final DeadlineTimerWheel.TimerConsumer onEach = this::onEach;
    private ExpiredPortSink sink;
    private long earliest;

    AgronaTimerWheelTimeWaitQueue(int size, long timeWaitNanos, long tickNanos) {
        this.tickNanos = roundedTick(tickNanos);
        int spokes = checkServes(size, timeWaitNanos, tickNanos);
        this.wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, 0, this.tickNanos, spokes);
        this.timerOf = new long[size];
        java.util.Arrays.fill(timerOf, NO_TIMER);
        this.portOfTimer = new Long2LongHashMap(size * 2, org.agrona.collections.Hashing.DEFAULT_LOAD_FACTOR, -1);
    }

    /**
     * The spokes of the wheel for {@code size} ports, a TIME-WAIT and a (configured) tick, checked
     * against the memory budget before anything is built; {@code AllocatorCatalog} calls it from
     * its per-type checks, so the catalog refuses the configuration before {@code create}.
     *
     * @throws IllegalArgumentException naming the numbers and the limit
     */
    static int checkServes(int size, long timeWaitNanos, long tickNanos) {
        long tick = roundedTick(tickNanos);
        long ticksPerTimeWait = (timeWaitNanos + tick - 1) / tick;
        int spokes = Math.max(16, Integer.highestOneBit((int) (ticksPerTimeWait + 1)) << 1);
        checkWorstCaseMemory(spokes, size, timeWaitNanos, tick);
        return spokes;
    }

    /**
     * Rejects a wheel that could grow past {@link #MAX_WHEEL_BYTES}: Agrona doubles every spoke
     * when one overflows, so if all {@code size} ports are released in one tick, every spoke
     * ends up with a power of two of slots at least {@code size}.
     */
    static void checkWorstCaseMemory(int spokes, int size, long timeWaitNanos, long roundedTickNanos) {
        long slotsPerSpoke = Math.max(AGRONA_INITIAL_SLOTS, Long.highestOneBit(2L * size - 1));
        long worst = (long) spokes * slotsPerSpoke * Long.BYTES;
        if (worst > MAX_WHEEL_BYTES) {
            throw new IllegalArgumentException("agrona-timer-wheel: TIME-WAIT " + timeWaitNanos + " ns at a tick of "
                    + roundedTickNanos + " ns (rounded up to a power of two) needs " + spokes + " spokes; with " + size
                    + " ports released in one tick Agrona grows every spoke to " + slotsPerSpoke + " slots of 8 bytes: "
                    + (worst >> 20) + " MiB (expected: at most " + (MAX_WHEEL_BYTES >> 20)
                    + " MiB; use a coarser tick, a shorter TIME-WAIT or fewer ports)");
        }
    }

    /** The smallest power of two of nanoseconds at least {@code tickNanos}. */
    static long roundedTick(long tickNanos) {
        long p = Long.highestOneBit(tickNanos);
        return p == tickNanos ? p : p << 1;
    }

    @Override
    public void add(int offset, long deadline) {
        long timer = wheel.scheduleTimer(deadline - 1);
        timerOf[offset] = timer;
        portOfTimer.put(timer, offset);
    }

    @Override
    public void remove(int offset) {
        long timer = timerOf[offset];
        wheel.cancelTimer(timer);
        portOfTimer.remove(timer);
        timerOf[offset] = NO_TIMER;
    }

    @Override
    public int expire(long time, ExpiredPortSink sink) {
        long now = time - 1; // the wheel's clock: see the implementation notes
        if (now < wheel.currentTickTime() || wheel.timerCount() == 0) {
            return 0;
        }
        this.sink = sink;
        int freed = 0;
        int spokes = wheel.ticksPerWheel();
        for (int polls = 1; ; polls++) {
            long tickBefore = wheel.currentTickTime();
            freed += wheel.poll(now, onExpiry, Integer.MAX_VALUE);
            if (wheel.currentTickTime() == tickBefore) {
                break; // that poll examined the tick holding now without moving on: caught up
            }
            if (polls == spokes) {
                // Every spoke has been compared with now: what is left is not yet due.
                wheel.currentTickTime(now);
                freed += wheel.poll(now, onExpiry, Integer.MAX_VALUE);
                break;
            }
        }
        this.sink = null;
        return freed;
    }

    private boolean onExpiry(TimeUnit unit, long now, long timerId) {
        int offset = (int) portOfTimer.remove(timerId);
        timerOf[offset] = NO_TIMER;
        sink.expired(offset);
        return true;
    }

    @Override
    public long endOf(int offset) {
        return wheel.deadline(timerOf[offset]) + 1;
    }

    @Override
    public long nextExpiry() {
        earliest = Long.MAX_VALUE;
        wheel.forEach(onEach);
        // Free at the latest when the clock leaves the deadline's tick: the poll of that tick
        // (or an earlier one) compares the deadline with a time at or after it.
        long tickEnd = ((earliest >> Long.numberOfTrailingZeros(tickNanos)) + 1) * tickNanos;
        return tickEnd < 0 ? Long.MAX_VALUE : tickEnd + 1 < 0 ? Long.MAX_VALUE : tickEnd + 1;
    }

    private void onEach(long deadline, long timerId) {
        earliest = Math.min(earliest, deadline);
    }

    @Override
    public long maxLatenessNanos() {
        return tickNanos;
    }

    @Override
    public String describe() {
        return "Agrona DeadlineTimerWheel, " + wheel.ticksPerWheel() + " spokes x " + tickNanos
                + " ns, polled at tick boundaries";
    }
}
