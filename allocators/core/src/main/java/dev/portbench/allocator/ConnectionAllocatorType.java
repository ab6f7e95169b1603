package dev.portbench.allocator;

import dev.portbench.allocator.connection.ConnectionStructures;
import dev.portbench.allocator.structure.Checks;

import java.util.List;

/**
 * Every destination-aware allocator of the library ({@link ConnectionPortAllocator}): the one
 * registry the tests, the benchmarks and the simulator share, as {@link AllocatorType} is for
 * the single-pool family.
 *
 * <p>Each constant is a composition (package {@code connection}): bind buckets per port (5 bytes per
 * port), entries packed as 40-byte records in one {@code long[]} with an intrusive TIME-WAIT FIFO,
 * a 4-tuple table and a port search. Memory follows the most entries ever live, not the number
 * of destinations. Expiry never early, at most the configured granularity late. Single-owner.
 */
public enum ConnectionAllocatorType {

    /**
     * Modelled on Linux: a chained 4-tuple hash (ehash) and RFC 6056 algorithm 4 with the even-then-odd
     * walk of {@code __inet_hash_connect}; binds walk from a random offset, odd first. Connect
     * O(ports walked), each step one owner check and at most one chain walk; near exhaustion of a
     * destination it walks up to the whole range, as Linux does. Release, reclaim, reuse, each
     * expiry O(1) expected. Memory: 5 bytes per port, about 48-56 bytes per entry slot, 256 KB of
     * perturbation table (2^16 entries, Linux's size; configurable). Needs a secret.
     */
    BIND_BUCKETS("bind-buckets") {
        @Override
        ConnectionPortAllocator build(ConnectionAllocatorConfig config) {
            return ConnectionStructures.bindBuckets(id(), config);
        }
    },

    /**
     * An open-addressing (port, destination) table, a sequential cursor and entry count per live
     * destination, and a least-recently-used list of idle ports for binds: connect O(1) expected
     * under steady load (the port after the cursor is the one held longest), O(1) when the
     * destination holds an entry on every port (fails without a walk unless tcp_tw_reuse may
     * apply), one lap at most otherwise; bind O(1); release, reclaim, reuse, each expiry O(1)
     * expected. Memory: 13 bytes per port, about 56-72 bytes per entry slot, 34-136 bytes per
     * live destination. Measured (2026-12-07, 2-core shared AMD EPYC VM, JDK 17, exact expiry,
     * tcp_tw_reuse off; {@code java -jar cli/target/portbench.jar
     * 'jmh.(DestinationReplayBenchmark|ReplayBenchmark).replay' -p connectionAllocator=PAIR_TABLE
     * -p destinations=DST2_EVEN,DST16_EVEN,DST1024_EVEN -p allocator=RING -p workload=q170791-rho0.99
     * -f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc}): 86 ns/event on dst2-even, 135 on dst16-even, 123 on
     * dst1024-even, against 12.5 for {@code ring} on q170791-rho0.99 in the same run (7-11x; before
     * the packed records 98, 153, 206 against 14.1); 0 B/op. The gap is the 4-tuple lookup: each
     * connect, release and expiry hashes a (port, destination) pair into a table of all live
     * entries (about 63,000 at dst16, 3.5 MB with the records, beyond L2) where the ring indexes a
     * 32 KB array.
     */
    PAIR_TABLE("pair-table") {
        @Override
        ConnectionPortAllocator build(ConnectionAllocatorConfig config) {
            return ConnectionStructures.pairTable(id(), config);
        }
    };

    private final String id;

    ConnectionAllocatorType(String id) {
        this.id = id;
    }

    /**
     * A new allocator of this type for {@code config}, every port free.
     *
     * @throws IllegalArgumentException if the configuration lacks what this type needs (a secret for {@link #BIND_BUCKETS})
     */
    public ConnectionPortAllocator create(ConnectionAllocatorConfig config) {
        Checks.checkNotNull("config", config);
        return build(config);
    }

    abstract ConnectionPortAllocator build(ConnectionAllocatorConfig config);

    /** The short stable identifier used on command lines, in benchmark parameters and reports. */
    public String id() {
        return id;
    }

    /**
     * The type whose {@link #id()} or constant name is {@code name}, ignoring case.
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static ConnectionAllocatorType fromId(String name) {
        return Registry.byId("connection allocator", List.of(values()), ConnectionAllocatorType::id, name);
    }

    /** Every id, in declaration order. */
    public static List<String> ids() {
        return Registry.ids(List.of(values()), ConnectionAllocatorType::id);
    }
}
