package dev.portbench.allocator;

import dev.portbench.allocator.variants.AllocatorCatalog;

import java.util.stream.Stream;

/** The core's {@link SelectionPolicyTest} on this module's allocators. */
class VariantsSelectionPolicyTest extends SelectionPolicyTest {

    @Override
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorCatalog.values()).filter(c -> c.coreType() == null).map(c -> c);
    }
}
