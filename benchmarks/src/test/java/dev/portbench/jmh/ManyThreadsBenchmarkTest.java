package dev.portbench.jmh;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.threads.ManyThreadsRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The many-threads benchmark's states, driven by real threads for a few thousand events each:
 * the shared allocator hands out real ports and loses none, the confined ones likewise, and the
 * parameter list holds every thread-safe allocator.
 */
class ManyThreadsBenchmarkTest {

    private static final int EVENTS = 20_000;

    static Stream<String> allocators() {
        return ManyThreadsRun.defaultAllocators().stream();
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void twoThreadsReplayTheirSlicesAndTheTrialCheckPasses(String allocator) throws InterruptedException {
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
        boolean shared = AllocatorCatalog.fromId(allocator).isThreadSafe();
        assertEquals(shared, range.shared);
        if (shared) {
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
    void aCorruptedSharedStateFailsTheTrialCheck() {
        ManyThreadsBenchmark.Range range = new ManyThreadsBenchmark.Range();
        range.allocator = "sharded-fifo";
        range.workload = "q170791-rho0.99";
        range.setUp(1);
        ManyThreadsBenchmark.Slice slice = new ManyThreadsBenchmark.Slice();
        slice.setUp(range, 0);
        range.sharedAllocator.allocate(slice.replayer.nextTime());
        IllegalStateException e = assertThrows(IllegalStateException.class, range::tearDown);
        assertTrue(e.getMessage().contains("one per open connection"), e.getMessage());
    }

    @Test
    void theParameterListHoldsEveryThreadSafeAllocator() throws ReflectiveOperationException {
        List<String> params = List.of(ManyThreadsBenchmark.Range.class.getDeclaredField("allocator")
                .getAnnotation(org.openjdk.jmh.annotations.Param.class).value());
        assertEquals(ManyThreadsRun.defaultAllocators(), params);
    }
}
