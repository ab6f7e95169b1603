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
     * Our exact design: the lowest wholly free pair from a two-level bitset (a summary bit per
     * 64-bit word), per address in cursor order; under APDM, when no pair is wholly free, the lowest
     * pair with no mapping to the flow's destination. Never reports exhaustion while a usable pair
     * exists, nor while a due mapping's end would give one (bounded expiry,
     * {@link NatConfig#expiryBudget()}). New mapping O(addresses + pairs / 4096) word reads under
     * EIM (at most 16 x 16 summary reads at 16 x 64,512 pairs), the same under APDM while a wholly
     * free pair exists, O(pairs x chain) otherwise. One packed record per mapping (24 bytes under
     * EIM, indexed by its pair), an int-cell flow index at load 3/4, one FIFO per timer state;
     * costs and bytes in {@code ComposedNatAllocator}. Lateness 0.
     */
    EXACT("exact", "exact: two-level bitset of free pairs with summary, packed mapping records, int-cell flow index,"
            + " one FIFO per timer state, bounded expiry per call"),

    /**
     * Linux netfilter masquerade ({@code nf_nat_l4proto_unique_tuple()} in
     * {@code net/netfilter/nf_nat_core.c}, FACTS.md): runs of {@code min(range, 128)}, 64, 32, 16
     * and 8 consecutive ports, each from a fresh uniformly random offset (the kernel draws a 16-bit
     * number modulo the range), at most 248 probes for ranges above 128, one exhaustive pass for
     * ranges up to 128; "free" per reply tuple (pair and destination) under APDM, a pair with no
     * holder under EIM. New mapping at most 248 probes, each O(chain). Lateness 0.
     */
    NETFILTER("netfilter", "netfilter masquerade: runs of 128/64/32/16/8 neighbouring ports from random offsets, <= 248 probes"),

    /**
     * As {@link #NETFILTER}, with Linux 6.5+'s eviction ("snat: evict closing tcp entries on reply
     * tuple collision"): a TCP probe in the last 32 attempts of a run that collides with a TCP
     * mapping in {@link TimerState#TRANSITORY} (TIME_WAIT) or {@link TimerState#RST_COOLDOWN}
     * (CLOSE) ends that mapping early and takes the pair (the kernel also requires the new SYN's
     * sequence number to be after the old one's; this model assumes it is). The only policy that
     * reuses a pair before its timer ends, counted by {@link NatAllocator#evictions()}.
     */
    NETFILTER_EVICTING("netfilter-6.5", "netfilter 6.5+: as netfilter, evicting closing TCP mappings in a run's last 32 probes"),

    /**
     * Cilium BPF SNAT ({@code SNAT_COLLISION_RETRIES} = 32, FACTS.md): uniformly random ports of
     * the address, independent tries ({@link NatConfig#searchTries()} overrides the 32). On a
     * uniformly random fill f it gives up with probability f^k. New mapping at most k probes.
     */
    CILIUM("cilium", "Cilium BPF SNAT: 32 independent uniformly random tries"),

    /**
     * VPP NAT44-ED (FACTS.md): 10 uniformly random tries within the worker's slice of the ports,
     * {@code range / workers} ports from {@code worker x slice}, the worker chosen by a hash of
     * the internal address; a worker can run dry alone. New mapping at most 10 probes.
     */
    VPP("vpp", "VPP NAT44-ED: 10 random tries within the worker's port slice"),

    /**
     * Sequential / round-robin: per address a cursor after the last port taken; the next usable
     * pair at or after it, cyclically (a bitset scan under EIM, O(pairs / 4096); a linear scan
     * under APDM, O(range x chain)). Exhaustive: never false exhaustion. Lateness 0.
     */
    ROUND_ROBIN("round-robin", "round-robin: per-address cursor, next usable pair after the last one taken");

    private final String id;
    private final String summary;

    NatCatalog(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    /** The stable identifier, e.g. {@code "netfilter"}. */
    public String id() {
        return id;
    }

    /** A new allocator of this kind for {@code config}. */
    public NatAllocator create(NatConfig config) {
        return new ComposedNatAllocator(this, NatChecks.checkNotNull("config", config));
    }

    /** One line: the policy and its structures (what {@link NatAllocator#description()} answers). */
    public String summary() {
        return summary;
    }

    /** Whether this policy never reports exhaustion while a usable pair exists. */
    public boolean isExact() {
        return this == EXACT || this == ROUND_ROBIN;
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
