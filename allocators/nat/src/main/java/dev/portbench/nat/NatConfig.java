package dev.portbench.nat;

import java.time.Duration;
import java.util.Arrays;

/**
 * What a {@link NatAllocator} is built for: the external address pool and port range, the mapping
 * behaviour, paired pooling, per-host and per-destination limits, port blocks (RFC 7422), the
 * per-state timers, the search parameters, the table capacities and the seed. Immutable; build it
 * with {@link #builder()}. Every value is checked when set and the whole when built; a bad one is
 * rejected with an {@link IllegalArgumentException} naming it and the allowed range.
 *
 * <p>The defaults are one address (203.0.113.1) with ports 1024-65535 (64,512 ports, Azure NAT
 * Gateway's per address), endpoint-independent mapping (RFC 4787 REQ-1), paired pooling (REQ-2),
 * no per-host or per-destination limit, no port blocks, and the RFC timers: established idle 2 h
 * 4 min (RFC 5382 REQ-5), transitory 240 s (RFC 5382), RST cool-down 16 s (Azure NAT Gateway),
 * UDP 300 s (RFC 4787 REQ-5). Sources in {@code FACTS.md}, "NATs and cloud gateways".
 */
public final class NatConfig {

    /** Means "no limit" for {@link #maxPortsPerHost()} and {@link #maxFlowsPerDestination()}. */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    /** The default external address, 203.0.113.1 (TEST-NET-3, RFC 5737). */
    public static final int DEFAULT_ADDRESS = 0xCB00_7101;
    /** The default first external port. */
    public static final int DEFAULT_FIRST_PORT = 1024;
    /** The default last external port. */
    public static final int DEFAULT_LAST_PORT = 65_535;
    /** The most external addresses accepted (Azure NAT Gateway takes 16; CGNs more). */
    public static final int MAX_ADDRESSES = 1 << 10;
    /** The most mapping or host slots accepted. */
    public static final int MAX_CAPACITY = 1 << 24;
    /** The longest timeout accepted, 2<sup>61</sup> ns, so deadlines compare correctly. */
    public static final long MAX_TIMEOUT_NANOS = 1L << 61;
    /** The most search tries accepted. */
    public static final int MAX_SEARCH_TRIES = 1 << 16;
    /**
     * The default expiry budget: a call ends at most this many mappings already due before it
     * does its own work ({@link #expiryBudget()}).
     */
    public static final int DEFAULT_EXPIRY_BUDGET = 8;
    /** The default seed: runs are reproducible unless a caller asks otherwise. */
    public static final long DEFAULT_SEED = 0x0DDC_0FFEEL;

    private final int[] addresses;
    private final int firstPort;
    private final int lastPort;
    private final MappingBehaviour behaviour;
    private final boolean pairedPooling;
    private final int minPortsPerHost;
    private final int maxPortsPerHost;
    private final int portBlockSize;
    private final int maxFlowsPerDestination;
    private final long[] timeouts;
    private final int searchTries;
    private final int workers;
    private final int maxMappings;
    private final int maxHosts;
    private final int expiryBudget;
    private final long seed;

    private NatConfig(Builder b) {
        this.addresses = b.addresses.clone();
        this.firstPort = b.firstPort;
        this.lastPort = b.lastPort;
        this.behaviour = b.behaviour;
        this.pairedPooling = b.pairedPooling;
        this.minPortsPerHost = b.minPortsPerHost;
        this.maxPortsPerHost = b.maxPortsPerHost;
        this.portBlockSize = b.portBlockSize;
        this.maxFlowsPerDestination = b.maxFlowsPerDestination;
        this.timeouts = b.timeouts.clone();
        this.searchTries = b.searchTries;
        this.workers = b.workers;
        this.maxMappings = b.maxMappings;
        this.maxHosts = b.maxHosts;
        this.expiryBudget = b.expiryBudget;
        this.seed = b.seed;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.addresses = addresses.clone();
        b.firstPort = firstPort;
        b.lastPort = lastPort;
        b.behaviour = behaviour;
        b.pairedPooling = pairedPooling;
        b.minPortsPerHost = minPortsPerHost;
        b.maxPortsPerHost = maxPortsPerHost;
        b.portBlockSize = portBlockSize;
        b.maxFlowsPerDestination = maxFlowsPerDestination;
        b.timeouts = timeouts.clone();
        b.searchTries = searchTries;
        b.workers = workers;
        b.maxMappings = maxMappings;
        b.maxHosts = maxHosts;
        b.expiryBudget = expiryBudget;
        b.seed = seed;
        return b;
    }

    /** The external addresses, in pool order (a copy). */
    public int[] addresses() {
        return addresses.clone();
    }

    /** How many external addresses the pool has. */
    public int addressCount() {
        return addresses.length;
    }

    /** The external address at {@code index} of the pool. */
    public int address(int index) {
        return addresses[index];
    }

    /** The lowest external port. */
    public int firstPort() {
        return firstPort;
    }

    /** The highest external port, inclusive. */
    public int lastPort() {
        return lastPort;
    }

    /** Ports per address: {@code lastPort() - firstPort() + 1}. */
    public int rangeSize() {
        return lastPort - firstPort + 1;
    }

    /** External pairs in the pool: addresses x ports per address. */
    public long pairCount() {
        return (long) addresses.length * rangeSize();
    }

    /** Endpoint-independent or address-and-port-dependent mapping. */
    public MappingBehaviour behaviour() {
        return behaviour;
    }

    /** Whether every mapping of one internal host is on one external address (RFC 4787 REQ-2). */
    public boolean pairedPooling() {
        return pairedPooling;
    }

    /**
     * Ports a host receives at its first need: with port blocks, {@code ceil(min / blockSize)}
     * blocks at once (GCP's {@code minPortsPerVm}); 0 without port blocks.
     */
    public int minPortsPerHost() {
        return minPortsPerHost;
    }

    /**
     * The most ports a host may hold: live mappings without port blocks, ports in its blocks with
     * them (GCP's {@code maxPortsPerVm}, RFC 6888 REQ-4); {@link #UNLIMITED} by default.
     */
    public int maxPortsPerHost() {
        return maxPortsPerHost;
    }

    /** Ports per block (RFC 7422), dividing {@link #rangeSize()}; 0 means no port blocks. */
    public int portBlockSize() {
        return portBlockSize;
    }

    /** Whether mappings come from per-host port blocks. */
    public boolean portBlocks() {
        return portBlockSize > 0;
    }

    /**
     * The most live mappings to one destination (address, port, protocol) on one external address
     * (AWS NAT Gateway: 55,000); {@link #UNLIMITED} by default.
     */
    public int maxFlowsPerDestination() {
        return maxFlowsPerDestination;
    }

    /** The timeout of {@code state}, in nanoseconds. */
    public long timeoutNanos(TimerState state) {
        return timeouts[NatChecks.checkNotNull("state", state).ordinal()];
    }

    /** Tries of a bounded search; 0 means the policy's own default (Cilium 32, VPP 10). */
    public int searchTries() {
        return searchTries;
    }

    /** VPP worker threads, each with its own slice of the ports; 1 by default. */
    public int workers() {
        return workers;
    }

    /** Mapping slots preallocated (live mappings at once). */
    public int maxMappings() {
        return maxMappings;
    }

    /** Internal-host slots preallocated (hosts with live mappings or blocks at once). */
    public int maxHosts() {
        return maxHosts;
    }

    /**
     * How many mappings already due a call ends before its own work, earliest deadline first
     * ({@link #DEFAULT_EXPIRY_BUDGET} by default). A due mapping is over at its deadline whether or
     * not it has been ended yet: no call sees it, and a map that would fail while due mappings
     * remain ends more of them first (see the allocator's class javadoc). So a mass timeout costs
     * each call at most this many ends instead of the whole storm at once.
     */
    public int expiryBudget() {
        return expiryBudget;
    }

    /** The seed of every random choice. */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "NatConfig[addresses=" + addresses.length + ", ports=" + firstPort + ".." + lastPort
                + ", " + behaviour + (pairedPooling ? ", paired" : "") + ", hostPorts=" + minPortsPerHost + ".."
                + (maxPortsPerHost == UNLIMITED ? "unlimited" : maxPortsPerHost) + ", block=" + portBlockSize
                + ", perDestination=" + (maxFlowsPerDestination == UNLIMITED ? "unlimited" : maxFlowsPerDestination)
                + ", timeouts=" + Arrays.toString(timeouts) + ", tries=" + searchTries + ", workers=" + workers
                + ", maxMappings=" + maxMappings + ", maxHosts=" + maxHosts + ", expiryBudget=" + expiryBudget
                + ", seed=" + seed + "]";
    }

    /** Builds a {@link NatConfig}; every setter checks its value, {@link #build()} the whole. */
    public static final class Builder {

        private int[] addresses = {DEFAULT_ADDRESS};
        private int firstPort = DEFAULT_FIRST_PORT;
        private int lastPort = DEFAULT_LAST_PORT;
        private MappingBehaviour behaviour = MappingBehaviour.ENDPOINT_INDEPENDENT;
        private boolean pairedPooling = true;
        private int minPortsPerHost;
        private int maxPortsPerHost = UNLIMITED;
        private int portBlockSize;
        private int maxFlowsPerDestination = UNLIMITED;
        private long[] timeouts = {
            Duration.ofMinutes(124).toNanos(),
            Duration.ofSeconds(300).toNanos(),
            Duration.ofSeconds(240).toNanos(),
            Duration.ofSeconds(16).toNanos(),
        };
        private int searchTries;
        private int workers = 1;
        private int maxMappings = 1 << 16;
        private int maxHosts = 1 << 16;
        private int expiryBudget = DEFAULT_EXPIRY_BUDGET;
        private long seed = DEFAULT_SEED;

        private Builder() {
        }

        /** The external addresses (1..{@link #MAX_ADDRESSES}, distinct, none 0.0.0.0). */
        public Builder addresses(int... pool) {
            NatChecks.checkNotNull("addresses", pool);
            NatChecks.checkRange("addresses.length", pool.length, 1, MAX_ADDRESSES);
            int[] sorted = pool.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                if (sorted[i] == 0) {
                    throw new IllegalArgumentException("addresses: 0.0.0.0 (expected: unicast addresses, not 0.0.0.0)");
                }
                if (i > 0 && sorted[i] == sorted[i - 1]) {
                    throw new IllegalArgumentException("addresses: " + NatPairs.toText(sorted[i])
                            + " twice (expected: distinct addresses)");
                }
            }
            this.addresses = pool.clone();
            return this;
        }

        /** {@code count} consecutive external addresses from {@code first}. */
        public Builder addressRange(int first, int count) {
            NatChecks.checkRange("count", count, 1, MAX_ADDRESSES);
            if (Integer.toUnsignedLong(first) + count - 1 > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("count: " + count + " (expected: addresses from "
                        + NatPairs.toText(first) + " up to 255.255.255.255)");
            }
            int[] pool = new int[count];
            for (int i = 0; i < count; i++) {
                pool[i] = first + i;
            }
            return addresses(pool);
        }

        /** External ports {@code first..last}, 1..65535. */
        public Builder portRange(int first, int last) {
            NatChecks.checkRange("firstPort", first, 1, 65_535);
            NatChecks.checkRange("lastPort", last, first, 65_535);
            this.firstPort = first;
            this.lastPort = last;
            return this;
        }

        /** The mapping behaviour. */
        public Builder behaviour(MappingBehaviour value) {
            this.behaviour = NatChecks.checkNotNull("behaviour", value);
            return this;
        }

        /** Paired pooling on or off. */
        public Builder pairedPooling(boolean value) {
            this.pairedPooling = value;
            return this;
        }

        /** Per-host ports: {@code min} given at first need (port blocks only), at most {@code max}. */
        public Builder portsPerHost(int min, int max) {
            NatChecks.checkRange("maxPortsPerHost", max, 1, UNLIMITED);
            NatChecks.checkRange("minPortsPerHost", min, 0, max);
            this.minPortsPerHost = min;
            this.maxPortsPerHost = max;
            return this;
        }

        /** Port-block size (RFC 7422), 0 for none; {@link #build()} checks that it divides the range. */
        public Builder portBlockSize(int value) {
            this.portBlockSize = NatChecks.checkRange("portBlockSize", value, 0, 65_535);
            return this;
        }

        /** The most live mappings per destination per external address. */
        public Builder maxFlowsPerDestination(int value) {
            this.maxFlowsPerDestination = NatChecks.checkRange("maxFlowsPerDestination", value, 1, UNLIMITED);
            return this;
        }

        /** The timeout of {@code state}: 1 ns .. 2<sup>61</sup> ns. */
        public Builder timeout(TimerState state, Duration value) {
            NatChecks.checkNotNull("state", state);
            NatChecks.checkNotNull("timeout", value);
            long nanos;
            try {
                nanos = value.toNanos();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("timeout of " + state + ": " + value + " (expected: 1 ns.."
                        + MAX_TIMEOUT_NANOS + " ns)", e);
            }
            return timeoutNanos(state, nanos);
        }

        /** The timeout of {@code state} in nanoseconds: 1 .. 2<sup>61</sup>. */
        public Builder timeoutNanos(TimerState state, long nanos) {
            NatChecks.checkNotNull("state", state);
            NatChecks.checkRange("timeout of " + state + " (ns)", nanos, 1, MAX_TIMEOUT_NANOS);
            timeouts[state.ordinal()] = nanos;
            return this;
        }

        /** Search tries, 0 for the policy's default. */
        public Builder searchTries(int value) {
            this.searchTries = NatChecks.checkRange("searchTries", value, 0, MAX_SEARCH_TRIES);
            return this;
        }

        /** VPP worker threads; {@link #build()} checks each gets at least one port. */
        public Builder workers(int value) {
            this.workers = NatChecks.checkRange("workers", value, 1, 1 << 10);
            return this;
        }

        /** Mapping slots to preallocate. */
        public Builder maxMappings(int value) {
            this.maxMappings = NatChecks.checkRange("maxMappings", value, 1, MAX_CAPACITY);
            return this;
        }

        /** Host slots to preallocate. */
        public Builder maxHosts(int value) {
            this.maxHosts = NatChecks.checkRange("maxHosts", value, 1, MAX_CAPACITY);
            return this;
        }

        /** Due mappings a call ends before its own work: 1..{@link #MAX_CAPACITY}. */
        public Builder expiryBudget(int value) {
            this.expiryBudget = NatChecks.checkRange("expiryBudget", value, 1, MAX_CAPACITY);
            return this;
        }

        /** The seed of every random choice. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException if the values do not fit together: a block size that does
         *     not divide the range, a per-host maximum below one block, a minimum without port blocks,
         *     more workers than ports
         */
        public NatConfig build() {
            int size = lastPort - firstPort + 1;
            if (portBlockSize > 0) {
                if (size % portBlockSize != 0) {
                    throw new IllegalArgumentException("portBlockSize: " + portBlockSize + " (expected: a divisor of the "
                            + size + " ports " + firstPort + ".." + lastPort + ")");
                }
                if (maxPortsPerHost < portBlockSize) {
                    throw new IllegalArgumentException("maxPortsPerHost: " + maxPortsPerHost + " (expected: >= portBlockSize "
                            + portBlockSize + ", or no host could hold a block)");
                }
            } else if (minPortsPerHost > 0) {
                throw new IllegalArgumentException("minPortsPerHost: " + minPortsPerHost
                        + " (expected: 0 without port blocks; ports are given at first need in blocks)");
            }
            if (workers > size) {
                throw new IllegalArgumentException("workers: " + workers + " (expected: <= the " + size
                        + " ports, so every worker has a slice)");
            }
            return new NatConfig(this);
        }
    }
}
