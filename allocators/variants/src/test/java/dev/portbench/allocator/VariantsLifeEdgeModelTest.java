package dev.portbench.allocator;

import dev.portbench.allocator.variants.AllocatorCatalog;

import java.util.stream.Stream;

/** The core's {@link LifeEdgeModelTest} on this module's allocators. */
class VariantsLifeEdgeModelTest extends LifeEdgeModelTest {

    @Override
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorCatalog.values()).filter(c -> c.coreType() == null).map(c -> c);
    }
}
