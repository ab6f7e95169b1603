package dev.portbench.allocator.connection;

import dev.portbench.allocator.ConnectionAllocatorConfig;
import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.allocator.structure.Checks;

/**
 * The destination-aware allocators' building blocks, composed: the 4-tuple tables, the port
 * searches and {@link ComposedConnectionAllocator}, which owns entries, bind buckets, TIME-WAIT,
 * counts, clock and checks. Internal to the module (the package is not exported); users take
 * allocators from {@code ConnectionAllocatorType}.
 */
public final class ConnectionStructures {

    private ConnectionStructures() {
    }

    /** Linux's shape: a chained 4-tuple hash and RFC 6056 algorithm 4 with the even-then-odd walk. */
    public static ConnectionPortAllocator bindBuckets(String id, ConnectionAllocatorConfig config) {
        Checks.checkNotNull("config", config);
        return new ComposedConnectionAllocator(id, config, ChainedConnectionTable::new,
                new LinuxPortSearch(config.rangeSize(), config));
    }

    /** An open-addressing (port, destination) table, a cursor per live destination, an LRU list of idle ports. */
    public static ConnectionPortAllocator pairTable(String id, ConnectionAllocatorConfig config) {
        Checks.checkNotNull("config", config);
        return new ComposedConnectionAllocator(id, config, OpenAddressingConnectionTable::new,
                new DestinationCursorPortSearch(config.rangeSize(), config));
    }
}
