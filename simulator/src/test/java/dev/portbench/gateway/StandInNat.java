package dev.portbench.gateway;

import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatConfig;

/**
 * What the tests' stand-in NATs ({@link ReferenceNat}, {@link NoOpNat}) have in common: they keep
 * the configuration they were built with, count no search probes, never evict, hold no port blocks
 * and end every mapping exactly at its deadline, so those five counters are always 0. O(1), no
 * allocation; as single-owner as the subclass.
 */
abstract class StandInNat implements NatAllocator {

    private final NatConfig config;

    StandInNat(NatConfig config) {
        this.config = config;
    }

    @Override
    public final NatConfig config() {
        return config;
    }

    /** 0: a stand-in does not count the pairs its search examines. */
    @Override
    public final long probes() {
        return 0;
    }

    /** 0: a stand-in never evicts a closing mapping. */
    @Override
    public final long evictions() {
        return 0;
    }

    /** 0: a stand-in has no port blocks. */
    @Override
    public final long blockLogRecords() {
        return 0;
    }

    /** 0: a stand-in has no port blocks. */
    @Override
    public final int blocksInUse() {
        return 0;
    }

    /** 0: a stand-in ends every mapping exactly at its deadline. */
    @Override
    public final long maxLatenessNanos() {
        return 0;
    }
}
