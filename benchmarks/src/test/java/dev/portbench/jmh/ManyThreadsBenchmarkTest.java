package dev.portbench.jmh;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.ShardedAllocator;
import dev.portbench.allocator.variants.AllocatorCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The many-threads benchmark's states, driven by real threads for a few thousand events each:
 * every allocator of the registry, a thread-safe one shared (it hands out real ports and loses
 * none), a single-owner one confined (likewise, each thread on its own part of the range). The
 * default parameter list is checked against JMH's generated list in {@link BenchmarkStatesTest}.
 */
class ManyThreadsBenchmarkTest {

    private static final int EVENTS = 20_000;

    @ParameterizedTest
    @EnumSource(AllocatorCatalog.class)
    void twoThreadsReplayTheirSlicesAndTheTrialCheckPasses(AllocatorCatalog allocator) throws InterruptedException {
        ManyThreadsBenchmark.Range range = new ManyThreadsBenchmark.Range();
        range.allocator = allocator;
        range.workload = "q170791-rho0.99";
        range.setUp(2);
        ManyThreadsBenchmark benchmark = new ManyThreadsBenchmark();
        Throwable[] failure = new Throwable[2];
        Thread[] threads = new Thread[2];
        for (int k = 0; k < 2; k++) {
            int index = k;
            threads[k] = new Thread(() -> {
                try {
                    ManyThreadsBenchmark.Slice slice = new ManyThreadsBenchmark.Slice();
                    slice.setUp(range, index);
                    for (int i = 0; i < EVENTS; i++) {
                        int port = benchmark.replay(slice);
                        PortAllocator a = slice.replayer.allocator();
                        if (port != PortAllocator.NO_PORT && (port < a.firstPort() || port > a.lastPort())) {
                            throw new AssertionError("port " + port + " outside " + a.firstPort() + "-" + a.lastPort());
                        }
                    }
                } catch (Throwable e) {
                    failure[index] = e;
                }
            });
            threads[k].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertNull(failure[0]);
        assertNull(failure[1]);
        range.tearDown();
        boolean shared = allocator.isThreadSafe();
        assertEquals(shared, range.shared);
        // paced only where the threads' calls meet in one structure: not confined, not a shard per thread
        assertEquals(shared && !allocator.id().startsWith("sharded-"), range.paced(), allocator.id());
        if (range.sharedAllocator instanceof ShardedAllocator s) {
            assertEquals(2, s.shardCount(), "one shard per thread");
            for (int k = 0; k < 2; k++) {
                assertEquals(s.worker(k).toString(), range.replayers[k].allocator().toString(),
                        "thread " + k + " on its worker view, homed on shard " + k);
            }
        } else if (shared) {
            assertTrue(range.replayers[0].allocator() == range.replayers[1].allocator(), "one allocator for both threads");
        } else {
            assertTrue(range.replayers[0].allocator().lastPort() < range.replayers[1].allocator().firstPort(),
                    "each thread its own part of the range");
        }
        for (var r : range.replayers) {
            assertTrue(r.opens() > 0, "every thread opened connections");
        }
    }

    @Test
    void oneThreadIsNeverPaced() {
        for (AllocatorCatalog allocator : new AllocatorCatalog[] {AllocatorCatalog.LOCKED_RING, AllocatorCatalog.CAS_BITSET}) {
            ManyThreadsBenchmark.Range range = new ManyThreadsBenchmark.Range();
            range.allocator = allocator;
            range.workload = "q170791-rho0.99";
            range.setUp(1);
            assertTrue(range.shared, allocator.id());
            assertFalse(range.paced(), allocator.id() + ": one thread has nobody to wait for");
            range.setUp(2);
            assertTrue(range.paced(), allocator.id() + ": two threads meet in one structure");
        }
    }

    @Test
    void oneShardPerThreadRoundedUpToAPowerOfTwo() {
        assertEquals(1, ManyThreadsBenchmark.Range.shardsFor(1, 3976));
        assertEquals(2, ManyThreadsBenchmark.Range.shardsFor(2, 3976));
        assertEquals(4, ManyThreadsBenchmark.Range.shardsFor(3, 3976));
        assertEquals(64, ManyThreadsBenchmark.Range.shardsFor(64, 3976));
        assertEquals(4, ManyThreadsBenchmark.Range.shardsFor(16, 4), "at most the range size");
    }

    @Test
    void aCorruptedSharedStateFailsTheTrialCheck() {
        ManyThreadsBenchmark.Range range = new ManyThreadsBenchmark.Range();
        range.allocator = AllocatorCatalog.SHARDED_FIFO;
        range.workload = "q170791-rho0.99";
        range.setUp(1);
        ManyThreadsBenchmark.Slice slice = new ManyThreadsBenchmark.Slice();
        slice.setUp(range, 0);
        range.sharedAllocator.allocate(slice.replayer.nextTime());
        IllegalStateException e = assertThrows(IllegalStateException.class, range::tearDown);
        assertTrue(e.getMessage().contains("one per open connection"), e.getMessage());
    }
}
