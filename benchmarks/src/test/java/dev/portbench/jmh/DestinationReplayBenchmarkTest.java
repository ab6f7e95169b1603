package dev.portbench.jmh;

import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.workload.DestinationWorkload;
import dev.portbench.workload.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the destination-aware benchmark's state for thousands of events per allocator and workload
 * and checks what it did: real ports, one entry per successful connect, no failure where every
 * destination is below its capacity, failures where Zipf overloads the popular ones, and the
 * destination mix each workload promises.
 */
class DestinationReplayBenchmarkTest {

    static Stream<Arguments> cases() {
        return Arrays.stream(ConnectionAllocatorType.values())
                .flatMap(t -> Arrays.stream(DestinationWorkload.values()).map(w -> Arguments.of(t, w)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void replaysRealConnectsAndLosesNone(ConnectionAllocatorType type, DestinationWorkload workload) {
        DestinationReplayBenchmark b = new DestinationReplayBenchmark();
        b.connectionAllocator = type;
        b.destinations = workload;
        b.setUp();
        Workload w = workload.workload();
        long opens = b.replayer.opens();
        long failures = b.replayer.failures();
        int connected = 0;
        for (int i = 0; i < 20_000; i++) {
            int before = b.replayer.connectionAllocator().inUseCount();
            int port = b.replay();
            if (port != ConnectionPortAllocator.NO_PORT) {
                assertTrue(port >= w.firstPort() && port <= w.lastPort(), "port " + port);
            }
            if (b.replayer.connectionAllocator().inUseCount() > before) {
                connected++;
            }
        }
        b.tearDown();
        long newOpens = b.replayer.opens() - opens;
        long newFailures = b.replayer.failures() - failures;
        assertTrue(newOpens > 5_000, "opens: " + newOpens);
        assertEquals(newOpens - newFailures, connected, "every successful connect takes one entry");
        if (workload.zipfExponent() == 0) {
            assertEquals(0, b.replayer.failures(), "every destination below its capacity fails nothing");
        } else {
            assertTrue(b.replayer.failures() > 0, "Zipf overloads the most popular destination");
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void destinationKeysFollowTheWorkloadsMix(ConnectionAllocatorType ignored, DestinationWorkload workload) {
        long[] keys = workload.destinationKeys(100_000);
        Set<Long> distinct = new HashSet<>();
        long top = 0;
        for (long k : keys) {
            distinct.add(k);
            if (k == DestinationWorkload.key(0)) {
                top++;
            }
        }
        assertEquals(workload.destinations(), distinct.size());
        double share = top / 100_000.0;
        if (workload.zipfExponent() == 0) {
            assertEquals(1.0 / workload.destinations(), share, 1e-4);
        } else {
            double h = 0;
            for (int k = 1; k <= workload.destinations(); k++) {
                h += 1.0 / k;
            }
            assertEquals(1 / h, share, 0.01, "Zipf s=1: the first destination takes 1 / H(N)");
        }
        assertTrue(Arrays.equals(keys, workload.destinationKeys(100_000)), "the same keys every time");
    }
}
