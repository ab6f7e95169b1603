package dev.portbench.allocator.structure;

import java.util.ArrayList;
import java.util.List;

/**
 * A test sink that records every expired offset in the order the queue reported it, so that a
 * test can compare what a time-wait queue freed with what it should have freed. Boxes each
 * offset (tests only, never on a measured path); no bound on how many it keeps.
 */
final class CollectingExpiredPortSink implements ExpiredPortSink {

    /** The offsets reported so far, in report order; tests may sort or clear it. */
    final List<Integer> offsets = new ArrayList<>();

    @Override
    public void expired(int offset) {
        offsets.add(offset);
    }
}
