package dev.portbench.allocator.variants;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Eclipse Collections entry's policy: least recently used, whichever way a port became free. */
class EclipseCollectionsFreePoolTest {

    private static final long TIME_WAIT = 240_000_000_000L;

    @Test
    void portsAreHandedOutLeastRecentlyUsedFirst() {
        PortAllocator a = AllocatorCatalog.ECLIPSE_COLLECTIONS.create(AllocatorConfig.builder()
                .portRange(2000, 2004).timeWaitNanos(TIME_WAIT).build());
        assertEquals(PortSelection.LEAST_RECENTLY_USED, a.selection());
        for (int port = 2000; port <= 2004; port++) {
            assertEquals(port, a.allocate(0), "first lap in range order");
        }
        a.release(2003, 0);
        a.release(2001, 1);
        a.release(2004, 2);
        a.release(2000, 3);
        assertEquals(2, a.expire(TIME_WAIT + 1)); // 2003 and 2001 free, in that order
        assertEquals(true, a.reclaim(2000, TIME_WAIT + 1)); // then 2000, ahead of 2004 which is still in TIME-WAIT
        assertEquals(1, a.expire(TIME_WAIT + 2)); // then 2004
        assertEquals(2003, a.allocate(TIME_WAIT + 2));
        assertEquals(2001, a.allocate(TIME_WAIT + 2));
        assertEquals(2000, a.allocate(TIME_WAIT + 2));
        assertEquals(2004, a.allocate(TIME_WAIT + 2));
        a.release(2001, TIME_WAIT + 2);
        assertEquals(2001, a.allocate(2 * TIME_WAIT + 2), "the only free port, once its TIME-WAIT is over");
    }
}
