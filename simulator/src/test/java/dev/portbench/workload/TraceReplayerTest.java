package dev.portbench.workload;

import dev.portbench.allocator.ConnectionAllocatorConfig;
import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.allocator.variants.AllocatorCatalog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one replayer over each of its targets: the same walk, the same counts, each target's own meaning. */
class TraceReplayerTest {

    private static final Workload HEADLINE = Workloads.byId(Workloads.HEADLINE);

    /** Every event of {@code trace} counted by hand: opens, closes, reclaims. */
    private static long[] eventCounts(Trace trace) {
        long[] counts = new long[3];
        int[] ops = trace.opsArray();
        for (int op : ops) {
            int kind = op & 3;
            counts[kind == Trace.OPEN ? 0 : kind == Trace.CLOSE ? 1 : 2]++;
        }
        return counts;
    }

    @Test
    void walkOnlyCountsEveryEventOfALapAndCallsNothing() {
        Trace trace = TraceGenerator.generate(HEADLINE);
        TraceReplayer walk = TraceReplayer.walkOnly(trace, 0);
        walk.run(trace.size());
        long[] counts = eventCounts(trace);
        assertEquals(counts[0], walk.opens());
        assertEquals(0, walk.failures(), "nothing refuses an open");
        assertEquals(counts[1], walk.closes());
        assertEquals(counts[2], walk.reclaims());
        assertEquals(0, walk.reclaimedInTimeWait());
        assertEquals(0, walk.nextIndex(), "one lap walked");
        assertThrows(IllegalStateException.class, walk::allocator);
    }

    @Test
    void theFloorNeverHandsOutAPortTwiceNorFreesOneEarly() {
        Trace trace = TraceGenerator.generate(HEADLINE);
        TraceReplayer floor = TraceReplayer.floor(trace, 0);
        ReplayFloor target = (ReplayFloor) floor.target();
        int size = HEADLINE.lastPort() - HEADLINE.firstPort() + 1;
        for (int i = 0; i < trace.size() * 2; i++) {
            floor.step();
            long inUse = floor.openConnections();
            assertEquals(size, inUse + target.freeCount() + target.timeWaitCount(), "event " + i);
        }
        assertTrue(floor.opens() > 0);
    }

    @Test
    void aPortAllocatorAndItsReplayerAgreeOnOpenConnections() {
        Trace trace = TraceGenerator.generate(HEADLINE);
        PortAllocator ring = AllocatorCatalog.RING.create(HEADLINE.allocatorConfig());
        TraceReplayer r = new TraceReplayer(trace, ring, 0);
        r.run(trace.size() * 2L);
        assertEquals(ring.inUseCount(), r.openConnections());
        assertEquals(ring, r.allocator());
        assertThrows(IllegalStateException.class, r::connectionAllocator);
    }

    @Test
    void aConnectionAllocatorConnectsEachConnectionToItsOwnDestination() {
        DestinationWorkload dw = DestinationWorkload.values()[0];
        Workload w = dw.workload();
        Trace trace = TraceGenerator.generate(w);
        ConnectionPortAllocator a = ConnectionAllocatorType.values()[0].create(ConnectionAllocatorConfig.builder()
                .portRange(w.firstPort(), w.lastPort()).timeWaitNanos(w.timeWaitNanos())
                .timeWaitReuse(TimeWaitReuse.OFF).secret(1).seed(1).build());
        TraceReplayer r = TraceReplayer.forConnections(trace, dw.destinationKeys(trace.connections()), a, 0);
        r.run(trace.size());
        assertEquals(a.inUseCount(), r.openConnections());
        assertEquals(a, r.connectionAllocator());
    }

    @Test
    void refusesAnAllocatorOfAnotherRangeAndTheWrongNumberOfDestinations() {
        Trace trace = TraceGenerator.generate(HEADLINE);
        PortAllocator other = AllocatorCatalog.RING.create(dev.portbench.allocator.AllocatorConfig.builder()
                .portRange(2000, 2999).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TraceReplayer(trace, other, 0));
        assertTrue(e.getMessage().contains("2000-2999"), e.getMessage());
        ConnectionPortAllocator c = ConnectionAllocatorType.values()[0].create(ConnectionAllocatorConfig.builder()
                .portRange(HEADLINE.firstPort(), HEADLINE.lastPort()).secret(1).build());
        e = assertThrows(IllegalArgumentException.class, () -> TraceReplayer.forConnections(trace, new long[3], c, 0));
        assertTrue(e.getMessage().contains("destinationKeys: 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TraceReplayer(trace, AllocatorCatalog.RING.create(
                HEADLINE.allocatorConfig()), 0, new long[0]));
    }
}
