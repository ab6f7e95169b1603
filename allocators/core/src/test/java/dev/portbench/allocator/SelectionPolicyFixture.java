package dev.portbench.allocator;

/**
 * What the selection-policy tests share: two destinations and allocators built with a fixed
 * secret (so hashed policies are reproducible) and a chosen policy. Building one costs what the
 * allocator's constructor costs; nothing is cached between tests.
 */
final class SelectionPolicyFixture {

    static final long SECOND = 1_000_000_000L;
    static final long A = Destinations.ipv4(0x0A000001, 0xC0A80001, 443);
    static final long B = Destinations.ipv4(0x0A000001, 0xC0A80002, 80);

    private SelectionPolicyFixture() {
    }

    /** A builder with the fixed secret that the hashed policies need. */
    static AllocatorConfig.Builder config() {
        return AllocatorConfig.builder().secret(0x5EC2E7L);
    }

    /** An allocator of {@code type} with policy {@code s} on the configuration in {@code b}. */
    static PortAllocator create(AllocatorFactory type, PortSelection s, AllocatorConfig.Builder b) {
        return type.create(b.selection(s).build());
    }

    /** An allocator of {@code type} with policy {@code s} on the default configuration and the fixed secret. */
    static PortAllocator create(AllocatorFactory type, PortSelection s) {
        return create(type, s, config());
    }
}
