package dev.portbench.selection;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;

import java.util.ArrayList;
import java.util.List;

/**
 * A free-port structure (an allocator type) serving one selection policy, named
 * {@code type/policy}, e.g. {@code bitset/random-start}: the unit of the policy measures and of
 * {@code SelectionBenchmark}.
 *
 * @param type the allocator type
 * @param selection the policy, one the type supports
 */
public record PolicyPair(AllocatorCatalog type, PortSelection selection) {

    /** The secret the hash-based policies are keyed with in measurements (a stack draws its own). */
    public static final long SECRET = 0x6056_5EC2_E7L;

    public PolicyPair {
        if (!type.supports(selection)) {
            throw new IllegalArgumentException("policy: " + selection.id() + " on " + type.id() + " (expected one of "
                    + type.selections() + ")");
        }
    }

    public String id() {
        return type.id() + "/" + selection.id();
    }

    /** A new allocator for {@code config}'s range and TIME-WAIT with this pair's structure and policy. */
    public PortAllocator create(AllocatorConfig config) {
        return type.create(config.toBuilder().selection(selection).secret(SECRET).build());
    }

    /** The pair named {@code type/policy}. */
    public static PolicyPair fromId(String id) {
        int slash = id.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("policy: '" + id + "' (expected type/policy, e.g. bitset/random-start)");
        }
        AllocatorCatalog type = AllocatorCatalog.fromId(id.substring(0, slash));
        String policy = id.substring(slash + 1);
        for (PortSelection s : PortSelection.values()) {
            if (s.id().equals(policy)) {
                return new PolicyPair(type, s);
            }
        }
        throw new IllegalArgumentException("policy: '" + policy + "' (expected one of " + type.selections() + ")");
    }

    /** Every supported pair, in registry then policy order: the support matrix. */
    public static List<PolicyPair> all() {
        List<PolicyPair> out = new ArrayList<>();
        for (AllocatorCatalog t : AllocatorCatalog.values()) {
            for (PortSelection s : t.selections()) {
                out.add(new PolicyPair(t, s));
            }
        }
        return out;
    }

    /**
     * The pairs whose cost {@code SelectionBenchmark} measures: every policy once, on the structure
     * that serves it best (the bitset serves all the RFC 6056 ones, and its TIME-WAIT structure is
     * measured by the replay benchmarks already).
     */
    public static List<PolicyPair> benchmarked() {
        List<PolicyPair> out = new ArrayList<>();
        for (PortSelection s : PortSelection.values()) {
            for (AllocatorCatalog t : AllocatorCatalog.values()) {
                if (t.supports(s) && !t.isPeerBaseline()) {
                    out.add(new PolicyPair(t, s));
                    break;
                }
            }
        }
        return out;
    }
}
