package dev.portbench.allocator.variants;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regression tests for the defects an outside acceptance test found in {@code agrona-timer-wheel}. */
class AgronaTimerWheelDefectsTest {

    private static PortAllocator agrona(AllocatorConfig config) {
        return AllocatorCatalog.AGRONA_TIMER_WHEEL.create(config);
    }

    /** Defect 1: Agrona's empty slots hold Long.MAX_VALUE, which a poll at Long.MAX_VALUE took for due timers. */
    @Test
    void aJumpToLongMaxValueFreesTheDuePortAndAnswersIt() {
        PortAllocator a = agrona(AllocatorConfig.windows95());
        int p = a.allocate(0);
        a.release(p, 0);
        int q = a.allocate(Long.MAX_VALUE);
        assertTrue(q >= 1025 && q <= 5000, "a port: " + q);
        assertEquals(0, a.timeWaitCount(), "the released port was due and is free again");
        assertEquals(1, a.inUseCount());
        assertThrows(IllegalStateException.class, () -> a.release(q, Long.MAX_VALUE),
                "a deadline past the allocator's life is refused");
        assertEquals(1, a.inUseCount(), "and leaves the port in use");
    }

    @Test
    void aDeadlineAtTheEndOfTheAllocatorsLifeIsFreedExactlyThen() {
        long timeWait = 1_000;
        PortAllocator a = agrona(AllocatorConfig.builder().portRange(1025, 1025).timeWaitNanos(timeWait).tickNanos(7).build());
        a.allocate(0);
        a.release(1025, Long.MAX_VALUE - timeWait); // deadline: Long.MAX_VALUE, the last representable instant
        assertEquals(0, a.expire(Long.MAX_VALUE - 1), "never early");
        assertEquals(Long.MAX_VALUE, a.nextExpiryTime());
        assertEquals(1, a.expire(Long.MAX_VALUE));
    }

    /** Defect 2: nextExpiryTime() must be a time at which the port is free, and must not move until it is. */
    @Test
    void nextExpiryTimeIsTheEndOfTheDeadlinesTickAndStable() {
        PortAllocator a = agrona(AllocatorConfig.builder().portRange(1025, 1025).timeWaitNanos(1000).tickNanos(7).build());
        a.allocate(0);
        a.release(1025, 3);
        long next = a.nextExpiryTime();
        assertTrue(next >= 1003 && next < 1003 + 8, "within one rounded tick (8 ns) of the deadline 1003: " + next);
        assertEquals(0, a.expire(1002), "never early");
        assertEquals(next, a.nextExpiryTime(), "stable while the port waits");
        assertEquals(1, a.expire(next), "free at the time answered");
    }

    @Test
    void nextExpiryTimeIsStableAndTrueOnRandomSchedules() {
        long seed = 0x5EED_A6E0L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < 2_000; trial++) {
            long timeWait = 20 + random.nextInt(2_000);
            long tick = 1 + random.nextInt(20);
            String config = "seed " + seed + ", trial " + trial + ": TIME-WAIT " + timeWait + " ns, tick " + tick + " ns";
            PortAllocator a = agrona(AllocatorConfig.builder().portRange(1025, 1025).timeWaitNanos(timeWait).tickNanos(tick).build());
            long now = random.nextInt(50);
            a.allocate(now);
            now += random.nextInt(20);
            a.release(1025, now);
            long deadline = now + timeWait;
            long next = a.nextExpiryTime();
            assertTrue(next >= deadline, config + ": " + next + " is before the deadline " + deadline);
            while (a.timeWaitCount() > 0 && now < next - 1) {
                now += 1 + random.nextLong(next - 1 - now);
                int freed = a.expire(now);
                assertTrue(freed == 0 || now >= deadline, config + ": freed at " + now + ", before the deadline " + deadline);
                if (freed == 0) {
                    assertEquals(next, a.nextExpiryTime(), config + ": moved after expire(" + now + ")");
                }
            }
            a.expire(Math.max(now, next));
            assertEquals(0, a.timeWaitCount(), config + ": still in TIME-WAIT at " + next);
        }
    }

    /** Defect 3: configurations whose wheel could grow to gigabytes are rejected when built, saying why. */
    @Test
    void aWheelThatCouldOutgrowItsBudgetIsRejectedAtBuildTime() {
        AllocatorConfig fineTick = AllocatorConfig.builder().timeWaitNanos(240_000_000_000L)
                .tickNanos(240_000_000_000L / AllocatorConfig.MAX_TICKS_PER_TIME_WAIT + 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> agrona(fineTick));
        assertTrue(e.getMessage().contains("spokes") && e.getMessage().contains("at most 256 MiB"), e.getMessage());

        AllocatorConfig longTimeWait = AllocatorConfig.builder().portRange(1024, 65535).timeWaitNanos(1L << 61)
                .tickNanos(1L << 50).build();
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> agrona(longTimeWait));
        assertTrue(f.getMessage().contains("4096 spokes") && f.getMessage().contains("65536 slots"), f.getMessage());
    }

    @Test
    void theSuitesConfigurationsStayWithinTheBudget() {
        agrona(AllocatorConfig.windows95());
        agrona(AllocatorConfig.builder().portRange(1024, 65535).build()); // 512 spokes x 65536 slots: exactly 256 MiB at worst
        agrona(AllocatorConfig.builder().portRange(1024, 65535).timeWaitNanos(1L << 61).tickNanos(1L << 55).build());
    }
}
