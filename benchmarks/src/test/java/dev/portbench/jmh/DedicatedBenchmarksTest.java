package dev.portbench.jmh;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.variants.AllocatorCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The states of {@link BoundedExpiryBenchmark} and {@link ScaleCycleBenchmark}, run for real and checked. */
class DedicatedBenchmarksTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(AllocatorCatalog.class)
    void boundedExpiryCyclesNeverFailOnAnyRegisteredAllocator(AllocatorCatalog allocator) {
        BoundedExpiryBenchmark.Registered b = new BoundedExpiryBenchmark.Registered();
        b.allocator = allocator;
        b.ports = 3976;
        b.setUp();
        BoundedExpiryBenchmark benchmark = new BoundedExpiryBenchmark();
        int cycles = 3 * 3976 + 10; // three instants at which the whole range falls due
        for (int i = 0; i < cycles; i++) {
            int port = benchmark.cycle(b);
            assertNotEquals(PortAllocator.NO_PORT, port, allocator + " cycle " + i);
        }
        PortAllocator a = b.subject;
        assertEquals(3976, a.inUseCount() + a.timeWaitCount() + a.freeCount(), allocator.id());
    }

    @Test
    void theQuotaBoundsEveryExpireOfTheBoundedRing() {
        BoundedExpiryBenchmark.RingWithQuota bounded = new BoundedExpiryBenchmark.RingWithQuota();
        bounded.ports = 3976;
        bounded.setUp();
        BoundedExpiryBenchmark benchmark = new BoundedExpiryBenchmark();
        for (int i = 0; i < 3976; i++) {
            assertNotEquals(PortAllocator.NO_PORT, benchmark.ringQuota64(bounded)); // every port released at the first instant
        }
        bounded.now += bounded.timeWaitPlusLateness;
        assertEquals(BoundedExpiryBenchmark.QUOTA, bounded.subject.expire(bounded.now), "the quota, not the range");
        for (int i = 0; i < 2 * 3976; i++) {
            assertNotEquals(PortAllocator.NO_PORT, benchmark.ringQuota64(bounded), "cycle " + i);
        }
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
}
