package dev.portbench.allocator;

import dev.portbench.allocator.variants.AllocatorCatalog;

import java.util.List;
import java.util.stream.Stream;

/** The core's {@link PortAllocatorContractTest} on this module's allocators, and the catalog's lookups. */
class VariantsPortAllocatorContractTest extends PortAllocatorContractTest {

    @Override
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorCatalog.values()).filter(c -> c.coreType() == null).map(c -> c);
    }

    @Override
    AllocatorFactory fromId(String id) {
        return AllocatorCatalog.fromId(id);
    }

    @Override
    List<String> promisedIds() {
        return List.of("heap", "eclipse-collections", "jdk-collections", "agrona-timer-wheel");
    }
}
