package dev.portbench.allocator.structure;

/** One stripe of a {@link CasBitsetPortAllocator}'s range, guarded by this object's monitor; padded so two never share a cache line. */
final class CasBitsetStripe extends CasBitsetStripeFields {
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7, p8;

    CasBitsetStripe(int index, int firstWord, int endWord, int firstOffset, int ports, long[] pending) {
        super(index, firstWord, endWord, firstOffset, ports, pending);
    }
}
