package dev.portbench.allocator;

import dev.portbench.allocator.variants.AllocatorCatalog;

import java.util.stream.Stream;

/** The core's {@link ReferenceModelTest} on this module's allocators. */
class VariantsReferenceModelTest extends ReferenceModelTest {

    @Override
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorCatalog.values()).filter(c -> c.coreType() == null).map(c -> c);
    }
}
