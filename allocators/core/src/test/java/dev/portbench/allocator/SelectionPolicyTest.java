package dev.portbench.allocator;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.portbench.allocator.PortAllocator.NO_PORT;
import static dev.portbench.allocator.SelectionPolicyFixture.A;
import static dev.portbench.allocator.SelectionPolicyFixture.SECOND;
import static dev.portbench.allocator.SelectionPolicyFixture.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every selection policy on every structure that supports it (the variants module's subclass runs
 * it on its own allocators). Each policy's defining property, which concerns the core's structures
 * only, is in {@link SelectionPolicyPropertiesTest}, so that it runs once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelectionPolicyTest {

    /** The allocators under test: the core's. The variants module's subclass names its own. */
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorType.values());
    }

    Stream<Arguments> supportedPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (AllocatorFactory type : factories().toList()) {
            for (PortSelection s : type.selections()) {
                pairs.add(Arguments.of(type, s));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("supportedPairs")
    void handsOutOnlyFreePortsAndFailsFalselyOnlyWhenBounded(AllocatorFactory type, PortSelection s) {
        PortAllocator a = create(type, s);
        assertEquals(s, a.selection());
        BitSet inUse = new BitSet();
        BitSet timeWait = new BitSet();
        long[] due = new long[5001];
        SplittableRandom random = new SplittableRandom(11);
        List<Integer> open = new ArrayList<>();
        long now = 0;
        int falseFailures = 0;
        for (int i = 0; i < 60_000; i++) {
            now += random.nextLong(SECOND / 8);
            for (int p = timeWait.nextSetBit(0); p >= 0; p = timeWait.nextSetBit(p + 1)) {
                if (due[p] <= now) { // from its deadline on, a port may be handed out (a wheel may still hold it)
                    timeWait.clear(p);
                }
            }
            long probesBefore = a.probes();
            int port = a.allocate(now, random.nextInt(50));
            long probes = a.probes() - probesBefore;
            if (port == NO_PORT) {
                if (a.freeCount() > 0) {
                    falseFailures++;
                    assertTrue(!s.exhaustive(), s + " failed with " + a.freeCount() + " ports free");
                }
            } else {
                assertTrue(port >= 1025 && port <= 5000);
                assertTrue(!inUse.get(port) && !timeWait.get(port), "port " + port + " handed out while not free");
                inUse.set(port);
                open.add(port);
                assertTrue(probes >= 1 && probes <= 3976, "probes " + probes);
            }
            if (s == PortSelection.RANDOM_PICK) {
                assertTrue(probes <= AllocatorConfig.DEFAULT_MAX_TRIES, "bounded tries: " + probes);
            }
            if (!open.isEmpty() && random.nextInt(100) < 45) {
                int p = open.remove(random.nextInt(open.size()));
                inUse.clear(p);
                a.release(p, now);
                timeWait.set(p);
                due[p] = now + a.timeWaitNanos();
            }
            assertEquals(inUse.cardinality(), a.inUseCount());
        }
        if (s.exhaustive()) {
            assertEquals(0, falseFailures);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("supportedPairs")
    void aFullRangeAnswersAtOnceAndNoPolicyLoops(AllocatorFactory type, PortSelection s) {
        PortAllocator a = create(type, s);
        int handedOut = 0;
        for (int i = 0; i < 3976 * 4 && handedOut < 3976; i++) {
            if (a.allocate(0, i) != NO_PORT) {
                handedOut++;
            }
        }
        if (s.exhaustive()) {
            assertEquals(3976, handedOut);
        }
        long probes = a.probes();
        if (handedOut == 3976) {
            assertEquals(NO_PORT, a.allocate(1, A));
            assertEquals(probes, a.probes(), "a full range is answered without probing");
        }
    }
}
