package dev.portbench.allocator.variants;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.structure.Structures;
import org.junit.jupiter.api.Test;

import static dev.portbench.allocator.PortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TIME-WAIT ring's tombstones: bounded whatever the history, and never mistaken for live entries. */
class EclipseCollectionsTimeWaitQueueTest {

    private static final long TIME_WAIT = 240_000_000_000L;

    private static PortAllocator compose(int size, EclipseCollectionsTimeWaitQueue queue) {
        AllocatorConfig config = AllocatorConfig.builder().portRange(1025, 1025 + size - 1).timeWaitNanos(TIME_WAIT).build();
        return Structures.compose("eclipse-collections", config, new EclipseCollectionsFreePool(size), queue);
    }

    @Test
    void reclaimedEntriesAreBoundedWhateverTheHistory() {
        EclipseCollectionsTimeWaitQueue queue = new EclipseCollectionsTimeWaitQueue(1);
        PortAllocator a = compose(1, queue);
        for (int cycle = 0; cycle < 200_000; cycle++) {
            long now = cycle;
            int port = a.allocate(now);
            assertEquals(1025, port, "cycle " + cycle);
            a.release(port, now);
            assertEquals(cycle + TIME_WAIT, a.nextExpiryTime(), "cycle " + cycle);
            assertTrue(a.reclaim(port, now), "cycle " + cycle);
            // the ring holds twice the range; a full one is compacted before the next entry
            assertTrue(queue.pendingEntries() <= 2, "cycle " + cycle + ": " + queue.pendingEntries() + " entries");
        }
    }

    @Test
    void aPortReleasedReclaimedAndReleasedAtOneInstantHasOneLiveEntry() {
        EclipseCollectionsTimeWaitQueue queue = new EclipseCollectionsTimeWaitQueue(1);
        PortAllocator a = compose(1, queue);
        for (int i = 0; i < 5; i++) { // same deadline every time: the slot, not the deadline, tells the live entry
            a.release(a.allocate(0), 0);
            assertTrue(a.reclaim(1025, 0));
        }
        a.release(a.allocate(0), 0);
        assertEquals(1, a.timeWaitCount());
        assertEquals(NO_PORT, a.allocate(TIME_WAIT - 1), "never early");
        assertEquals(1025, a.allocate(TIME_WAIT));
        a.release(1025, TIME_WAIT);
        assertEquals(0, a.expire(2 * TIME_WAIT - 1), "no stale entry frees the port again");
        assertEquals(1, a.timeWaitCount());
        assertEquals(2 * TIME_WAIT, a.nextExpiryTime());
        assertEquals(1, a.expire(2 * TIME_WAIT));
    }

    @Test
    void droppingTombstonesKeepsTheLiveOnesInOrder() {
        EclipseCollectionsTimeWaitQueue queue = new EclipseCollectionsTimeWaitQueue(4096);
        PortAllocator a = compose(4096, queue);
        int[] ports = new int[4096];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = a.allocate(0);
        }
        for (int i = 0; i < ports.length; i++) {
            a.release(ports[i], i); // deadlines TIME_WAIT + i
        }
        for (int i = 0; i < ports.length; i += 2) {
            a.reclaim(ports[i], ports.length); // every even one: tombstones interleaved with live entries
        }
        for (int cycle = 0; cycle < 5000; cycle++) { // fills the ring (8192 entries): the tombstones are dropped
            int p = a.allocate(ports.length);
            a.release(p, ports.length);
            a.reclaim(p, ports.length);
        }
        assertTrue(queue.pendingEntries() < 4096 + 5000, "tombstones were dropped: " + queue.pendingEntries());
        assertEquals(TIME_WAIT + 1, a.nextExpiryTime());
        for (int i = 1; i < ports.length; i += 2) {
            assertEquals(0, a.expire(TIME_WAIT + i - 1), "odd port " + i + " not before its deadline");
            assertEquals(1, a.expire(TIME_WAIT + i), "odd port " + i + " expires at its own deadline");
        }
        assertEquals(0, a.timeWaitCount());
    }
}
