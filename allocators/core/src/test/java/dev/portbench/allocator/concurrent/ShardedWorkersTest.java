package dev.portbench.allocator.concurrent;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorType;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.ShardedAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Worker views and the configured shard count of the sharded allocators: a view allocates from
 * its own shard, borrows only when that one is dry, never fails while any shard has a port; bad
 * indexes and shard counts are rejected naming the value.
 */
class ShardedWorkersTest {

    /** 40 ports, 1025-1064, in 4 shards of 10: shard k holds 1025 + 10k .. 1034 + 10k. */
    private static final AllocatorConfig FOUR_SHARDS = AllocatorConfig.builder().portRange(1025, 1064)
            .timeWaitNanos(100).tickNanos(1).shards(4).build();

    private static ShardedAllocator create(AllocatorType type, AllocatorConfig config) {
        return (ShardedAllocator) type.create(config);
    }

    @ParameterizedTest
    @EnumSource(names = {"SHARDED_FIFO", "SHARDED_RING"})
    void eachWorkerIsHomedOnItsShardModuloTheCount(AllocatorType type) {
        ShardedAllocator a = create(type, FOUR_SHARDS);
        assertEquals(4, a.shardCount());
        for (int worker = 0; worker < 8; worker++) {
            PortAllocator view = a.worker(worker);
            int shard = worker % 4;
            int port = view.allocate(worker, 1_000_000L + worker);
            assertTrue(port >= 1025 + 10 * shard && port <= 1034 + 10 * shard,
                    "worker " + worker + " got " + port + " (expected shard " + shard + ")");
        }
        assertEquals(0, a.borrows());
        assertEquals(8, a.inUseCount());
    }

    @ParameterizedTest
    @EnumSource(names = {"SHARDED_FIFO", "SHARDED_RING"})
    void aDryHomeBorrowsAndOnlyAFullRangeFails(AllocatorType type) {
        ShardedAllocator a = create(type, FOUR_SHARDS);
        PortAllocator worker0 = a.worker(0);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            int port = worker0.allocate(i);
            assertNotEquals(PortAllocator.NO_PORT, port, "allocation " + i + " failed while " + (40 - i) + " ports were free");
            assertTrue(seen.add(port), "port " + port + " handed out twice");
        }
        assertEquals(30, a.borrows(), "every allocation past the home shard's 10 is a borrow");
        assertEquals(0, a.exhaustions());
        assertEquals(PortAllocator.NO_PORT, a.worker(3).allocate(40));
        assertEquals(1, a.exhaustions());
        // a port of shard 2 back from TIME-WAIT: worker 0 finds it though its home is dry
        a.release(1045, 41);
        assertEquals(PortAllocator.NO_PORT, worker0.allocate(100), "not before its TIME-WAIT ends");
        assertEquals(1045, worker0.allocate(141));
        assertEquals(2, a.exhaustions());
    }

    @ParameterizedTest
    @EnumSource(names = {"SHARDED_FIFO", "SHARDED_RING"})
    void aNegativeWorkerIndexIsRejectedAndChangesNothing(AllocatorType type) {
        ShardedAllocator a = create(type, FOUR_SHARDS);
        int port = a.worker(1).allocate(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.worker(-1));
        assertTrue(e.getMessage().contains("index: -1") && e.getMessage().contains(">= 0"), e.getMessage());
        assertEquals(1, a.inUseCount());
        assertEquals(39, a.freeCount());
        a.release(port, 6);
        assertEquals(1, a.timeWaitCount());
    }

    @Test
    void theShardCountIsAPowerOfTwoWithinTheRange() {
        IllegalArgumentException three = assertThrows(IllegalArgumentException.class,
                () -> AllocatorConfig.builder().shards(3));
        assertTrue(three.getMessage().contains("shards: 3") && three.getMessage().contains("power of two"), three.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AllocatorConfig.builder().shards(-2));
        assertThrows(IllegalArgumentException.class, () -> AllocatorConfig.builder().shards(AllocatorConfig.MAX_SHARDS * 2));
        AllocatorConfig tooMany = AllocatorConfig.builder().portRange(1025, 1028).shards(8).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllocatorType.SHARDED_RING.create(tooMany));
        assertTrue(e.getMessage().contains("shards: 8") && e.getMessage().contains("4"), e.getMessage());
        assertEquals(1, create(AllocatorType.SHARDED_RING, tooMany.toBuilder().shards(1).build()).shardCount());
        assertEquals(AllocatorConfig.builder().shards(4).build(), AllocatorConfig.builder().shards(4).build());
        assertNotEquals(AllocatorConfig.builder().shards(4).build(), AllocatorConfig.builder().build());
    }

    /** Every port of every range size finds its shard: release takes it back, and only it. */
    @Test
    void everyPortIsReleasedToTheShardThatOwnsIt() {
        for (int size = 1; size <= 300; size += size < 40 ? 1 : 37) {
            for (int shards = 1; shards <= Math.min(size, 64); shards *= 2) {
                AllocatorConfig config = AllocatorConfig.builder().portRange(60_000, 60_000 + size - 1)
                        .timeWaitNanos(10).tickNanos(1).shards(shards).build();
                ShardedAllocator a = create(AllocatorType.SHARDED_RING, config);
                for (int i = 0; i < size; i++) {
                    assertNotEquals(PortAllocator.NO_PORT, a.allocate(0), "size " + size + ", shards " + shards);
                }
                for (int port = 60_000; port < 60_000 + size; port++) {
                    a.release(port, 1);
                }
                assertEquals(size, a.timeWaitCount(), "size " + size + ", shards " + shards);
                assertEquals(0, a.inUseCount());
            }
        }
    }
}
