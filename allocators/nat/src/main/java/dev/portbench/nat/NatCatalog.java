package dev.portbench.nat;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every NAT allocator of this module, one per search policy: the one registry the contract
 * suite, the reference-model comparison, the property tests, the benchmarks and the gateway
 * simulation take their lists from. Each builds a single-owner {@link NatAllocator} from a
 * {@link NatConfig}; they share the flow table, host table, port blocks and per-state timer FIFOs
 * and differ in how they pick an external pair. Costs, lateness and sources are in each constant's
 * javadoc.
 */
public enum NatCatalog {

    /**
     * Our exact design: per-address two-level bitsets of wholly free ports with a summary level
     * over addresses. Never reports exhaustion while a usable pair exists.
     */
    EXACT("exact"),

    /**
     * Linux netfilter masquerade ({@code nf_nat_l4proto_unique_tuple()} in
     * {@code net/netfilter/nf_nat_proto.c}): runs of 128, 64, 32, 16 and 8 consecutive ports,
     * each from a fresh random offset, at most 248 probes, unique per reply tuple.
     */
    NETFILTER("netfilter"),

    /**
     * As {@link #NETFILTER}, with Linux 6.5+'s eviction: a probe that collides with a closing
     * (TIME_WAIT / CLOSE) entry for the same destination evicts it and takes the pair.
     */
    NETFILTER_EVICTING("netfilter-6.5"),

    /** Cilium BPF SNAT: uniformly random ports, {@code SNAT_COLLISION_RETRIES} = 32 tries. */
    CILIUM("cilium"),

    /** VPP NAT44-ED: 10 random tries within the worker's own slice of the ports. */
    VPP("vpp"),

    /** Sequential / round-robin: a cursor over every pair, the next usable one after the last taken. */
    ROUND_ROBIN("round-robin");

    private final String id;

    NatCatalog(String id) {
        this.id = id;
    }

    /** The stable identifier, e.g. {@code "netfilter"}. */
    public String id() {
        return id;
    }

    /** A new allocator of this kind for {@code config}. */
    public NatAllocator create(NatConfig config) {
        NatChecks.checkNotNull("config", config);
        throw new UnsupportedOperationException(id + ": not implemented yet");
    }

    /**
     * The entry with {@code id}.
     *
     * @throws IllegalArgumentException naming the id and the known ones
     */
    public static NatCatalog byId(String id) {
        NatChecks.checkNotNull("id", id);
        for (NatCatalog entry : values()) {
            if (entry.id.equals(id)) {
                return entry;
            }
        }
        throw new IllegalArgumentException("NAT allocator: " + id + " (expected one of: "
                + Arrays.stream(values()).map(NatCatalog::id).collect(Collectors.joining(", ")) + ")");
    }
}
