package dev.portbench.jmh;

import dev.portbench.allocator.variants.AllocatorCatalog;

import java.util.List;

/**
 * How the suite's ids are spelled as JMH parameter values. The benchmarks' allocator parameter is
 * the registry's enum ({@code @Param AllocatorCatalog allocator}), which JMH parses with
 * {@code Enum.valueOf}: it takes constant names ({@code TIMING_WHEEL}), not ids
 * ({@code timing-wheel}). Everything that builds JMH arguments goes through here; the result
 * files are read back as ids by {@link dev.portbench.runfolder.JmhResultFile}.
 */
public final class JmhParams {

    /** The parameter that names the allocator. */
    public static final String ALLOCATOR = "allocator";

    private JmhParams() {
    }

    /**
     * The allocator parameter's values for {@code ids}, in order: the constant names.
     *
     * @throws IllegalArgumentException naming the known ids if one is not in the registry
     */
    public static List<String> allocators(List<String> ids) {
        return ids.stream().map(id -> AllocatorCatalog.fromId(id).name()).toList();
    }
}
