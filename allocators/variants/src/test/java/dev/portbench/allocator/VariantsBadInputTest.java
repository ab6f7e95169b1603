package dev.portbench.allocator;

import dev.portbench.allocator.variants.AllocatorCatalog;

import java.util.stream.Stream;

/** The core's {@link BadInputTest} on this module's allocators. */
class VariantsBadInputTest extends BadInputTest {

    @Override
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorCatalog.values()).filter(c -> c.coreType() == null).map(c -> c);
    }
}
