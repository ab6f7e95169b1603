package dev.portbench.jmh;

import dev.portbench.allocator.PortAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The states of {@link BoundedExpiryBenchmark} and {@link ScaleCycleBenchmark}, run for real and checked. */
class DedicatedBenchmarksTest {

    @Test
    void boundedExpiryCyclesNeverFailAndTheQuotaBoundsEveryExpire() {
        for (String id : params()) {
            BoundedExpiryBenchmark b = new BoundedExpiryBenchmark();
            b.allocator = id;
            b.ports = 3976;
            b.setUp();
            int cycles = 3 * 3976 + 10; // three instants at which the whole range falls due
            for (int i = 0; i < cycles; i++) {
                int port = b.cycle();
                assertNotEquals(PortAllocator.NO_PORT, port, id + " cycle " + i);
            }
            PortAllocator a = b.subject;
            assertEquals(3976, a.inUseCount() + a.timeWaitCount() + a.freeCount(), id);
        }
        BoundedExpiryBenchmark bounded = new BoundedExpiryBenchmark();
        bounded.allocator = BoundedExpiryBenchmark.RING_QUOTA_ID;
        bounded.ports = 3976;
        bounded.setUp();
        for (int i = 0; i < 3976; i++) {
            bounded.cycle(); // every port released at the first instant
        }
        bounded.now += bounded.timeWaitPlusLateness;
        assertEquals(BoundedExpiryBenchmark.QUOTA, bounded.subject.expire(bounded.now), "the quota, not the range");
    }

    @ParameterizedTest
    @ValueSource(ints = {3976, 64512, 1 << 20})
    void scaleCyclesHandOutPortsOfTheRangeAtLoad099(int ports) {
        ScaleCycleBenchmark b = new ScaleCycleBenchmark();
        b.ports = ports;
        b.setUp();
        PortAllocator a = b.subject;
        assertEquals(ports, a.rangeSize());
        for (int i = 0; i < 10_000; i++) {
            int port = b.cycle();
            assertTrue(port >= a.firstPort() && port <= a.lastPort(), ports + ": cycle " + i + " got " + port);
        }
        assertTrue(a.timeWaitCount() > 0.95 * ports, "at load 0.99 almost every port is in TIME-WAIT: " + a.timeWaitCount());
    }

    private static List<String> params() {
        try {
            return List.of(BoundedExpiryBenchmark.class.getDeclaredField("allocator")
                    .getAnnotation(org.openjdk.jmh.annotations.Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
