package dev.portbench.allocator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocatorConfigTest {

    private static void rejected(Executable call, String... fragments) {
        Refusals.refused(IllegalArgumentException.class, call, fragments);
    }

    @Test
    void defaultsAreWindows95() {
        AllocatorConfig c = AllocatorConfig.windows95();
        assertEquals(1025, c.firstPort());
        assertEquals(5000, c.lastPort());
        assertEquals(3976, c.rangeSize());
        assertEquals(Duration.ofSeconds(240).toNanos(), c.timeWaitNanos());
        assertEquals(Duration.ofSeconds(1).toNanos(), c.tickNanos());
        assertEquals(c, c.toBuilder().build());
        assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
    }

    @Test
    void badRanges() {
        rejected(() -> AllocatorConfig.builder().portRange(5000, 1025), "5000..1025", "firstPort <= lastPort");
        rejected(() -> AllocatorConfig.builder().portRange(0, 100), "firstPort: 0", "1..65535");
        rejected(() -> AllocatorConfig.builder().portRange(-5, 100), "firstPort: -5", "1..65535");
        rejected(() -> AllocatorConfig.builder().portRange(1, 65_536), "lastPort: 65536", "1..65535");
    }

    @Test
    void badTimeWaits() {
        rejected(() -> AllocatorConfig.builder().timeWaitNanos(0), "timeWaitNanos: 0", "> 0");
        rejected(() -> AllocatorConfig.builder().timeWaitNanos(-1), "timeWaitNanos: -1", "> 0");
        rejected(() -> AllocatorConfig.builder().timeWaitNanos(Long.MAX_VALUE), "timeWaitNanos: " + Long.MAX_VALUE,
                "overflow");
        rejected(() -> AllocatorConfig.builder().timeWait(Duration.ofDays(365L * 1000)), "timeWaitNanos", "overflow");
        rejected(() -> AllocatorConfig.builder().timeWait(Duration.ofSeconds(-240)), "timeWaitNanos: -240000000000");
    }

    @Test
    void badTicks() {
        rejected(() -> AllocatorConfig.builder().tickNanos(0), "tickNanos: 0", "> 0");
        rejected(() -> AllocatorConfig.builder().tick(Duration.ofSeconds(-1)), "tickNanos: -1000000000");
        rejected(() -> AllocatorConfig.builder().tick(Duration.ofSeconds(241)).build(),
                "tickNanos: 241000000000", "<= timeWaitNanos 240000000000");
        rejected(() -> AllocatorConfig.builder().tickNanos(1).build(), "tickNanos: 1", "at most 4194304 ticks");
    }

    @Test
    void aRejectedSetterLeavesTheBuilderAsItWas() {
        AllocatorConfig.Builder b = AllocatorConfig.builder().portRange(2000, 3000);
        assertThrows(IllegalArgumentException.class, () -> b.portRange(3000, 2000));
        assertThrows(IllegalArgumentException.class, () -> b.timeWaitNanos(0));
        AllocatorConfig c = b.build();
        assertEquals(2000, c.firstPort());
        assertEquals(3000, c.lastPort());
        assertEquals(AllocatorConfig.WINDOWS95_TIME_WAIT_NANOS, c.timeWaitNanos());
    }

    @Test
    void unknownAllocatorIdListsTheKnownOnes() {
        rejected(() -> AllocatorType.fromId("btree"), "'btree'", "fifo", "bitset");
    }

    @Test
    void destinationsRejectBadPorts() {
        rejected(() -> Destinations.ipv4(1, 2, 65_536), "remotePort: 65536", "0..65535");
        rejected(() -> Destinations.ipv4(1, 2, -1), "remotePort: -1");
        assertTrue(Destinations.ipv4(0x0A000001, 0x08080808, 53) != Destinations.ipv4(0x0A000001, 0x08080808, 54));
    }
}
