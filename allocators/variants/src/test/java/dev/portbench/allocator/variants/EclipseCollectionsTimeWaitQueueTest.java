package dev.portbench.allocator.variants;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.structure.Structures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10, defect 4: lazy deletion must not let the lists grow with history. */
class EclipseCollectionsTimeWaitQueueTest {

    private static final long TIME_WAIT = 240_000_000_000L;

    @Test
    void reclaimedEntriesAreBoundedWhateverTheHistory() {
        AllocatorConfig config = AllocatorConfig.builder().portRange(1025, 1025).timeWaitNanos(TIME_WAIT).build();
        EclipseCollectionsTimeWaitQueue queue = new EclipseCollectionsTimeWaitQueue(1);
        PortAllocator a = Structures.compose("eclipse-collections", config, new EclipseCollectionsFreePool(1), queue);
        int maxPending = 0;
        for (int cycle = 0; cycle < 200_000; cycle++) {
            long now = cycle;
            int port = a.allocate(now);
            assertEquals(1025, port, "cycle " + cycle);
            a.release(port, now);
            assertEquals(cycle + TIME_WAIT, a.nextExpiryTime(), "cycle " + cycle);
            assertTrue(a.reclaim(port, now), "cycle " + cycle);
            maxPending = Math.max(maxPending, queue.pendingEntries());
        }
        // Before the fix the lists held one entry per cycle (200,000 here); now stale entries are
        // dropped once they outnumber the live ones by more than the compaction threshold.
        assertTrue(maxPending <= 1026, "entries pending in the release-order lists: " + maxPending);
    }

    @Test
    void droppingStaleEntriesKeepsTheLiveOnesInOrder() {
        AllocatorConfig config = AllocatorConfig.builder().portRange(1025, 1025 + 4095).timeWaitNanos(TIME_WAIT).build();
        EclipseCollectionsTimeWaitQueue queue = new EclipseCollectionsTimeWaitQueue(4096);
        PortAllocator a = Structures.compose("eclipse-collections", config, new EclipseCollectionsFreePool(4096), queue);
        int[] ports = new int[4096];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = a.allocate(0);
        }
        for (int i = 0; i < ports.length; i++) {
            a.release(ports[i], i); // deadlines TIME_WAIT + i
        }
        for (int i = 0; i < ports.length; i += 2) {
            a.reclaim(ports[i], ports.length); // every even one: stale entries interleaved with live ones
        }
        for (int cycle = 0; cycle < 3000; cycle++) { // enough stale entries to trigger a drop
            int p = a.allocate(ports.length);
            a.release(p, ports.length);
            a.reclaim(p, ports.length);
        }
        assertTrue(queue.pendingEntries() < 4096 + 3000, "stale entries were dropped: " + queue.pendingEntries());
        assertEquals(TIME_WAIT + 1, a.nextExpiryTime());
        for (int i = 1; i < ports.length; i += 2) {
            assertEquals(1, a.expire(TIME_WAIT + i), "odd port " + i + " expires at its own deadline");
        }
        assertEquals(0, a.timeWaitCount());
    }
}
