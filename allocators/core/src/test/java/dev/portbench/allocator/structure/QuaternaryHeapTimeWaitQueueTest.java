package dev.portbench.allocator.structure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The heap against a plain reference model (a map from offset to deadline), with deadlines in any
 * order and removals from anywhere, so that both the bottom-up pop and the textbook sift of a
 * removal run on every shape: it frees exactly the due offsets, never early, and its next expiry
 * and per-offset deadlines stay right.
 */
class QuaternaryHeapTimeWaitQueueTest {

    private static final long SEED = 0x14_4A27L;

    @Test
    void matchesAReferenceModelUnderRandomAddsRemovesAndExpiries() {
        for (int capacity : new int[] {1, 2, 5, 17, 300}) {
            for (boolean monotone : new boolean[] {true, false}) {
                run(capacity, monotone, SEED + capacity);
            }
        }
    }

    private static void run(int capacity, boolean monotone, long seed) {
        String where = "seed " + seed + ", capacity " + capacity + ", monotone " + monotone;
        SplittableRandom random = new SplittableRandom(seed);
        QuaternaryHeapTimeWaitQueue heap = new QuaternaryHeapTimeWaitQueue(capacity);
        TreeMap<Integer, Long> model = new TreeMap<>();
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(10);
            if (op < 5 && model.size() < capacity) {
                int offset = absentOffset(random, model, capacity);
                long due = now + (monotone ? 1_000 : random.nextLong(1, 3_000));
                heap.add(offset, due);
                model.put(offset, due);
            } else if (op < 7 && !model.isEmpty()) {
                int offset = presentOffset(random, model);
                assertEquals(model.get(offset), heap.endOf(offset), where + ", step " + step);
                heap.remove(offset);
                model.remove(offset);
            } else {
                now += random.nextLong(0, 400);
                CollectingExpiredPortSink sink = new CollectingExpiredPortSink();
                int freed = heap.expire(now, sink);
                List<Integer> due = new ArrayList<>();
                for (var e : model.entrySet()) {
                    if (e.getValue() <= now) {
                        due.add(e.getKey());
                    }
                }
                sink.offsets.sort(null);
                assertEquals(due, sink.offsets, where + ", step " + step + ", now " + now);
                assertEquals(due.size(), freed, where + ", step " + step);
                due.forEach(model::remove);
            }
            if (!model.isEmpty()) {
                long earliest = model.values().stream().mapToLong(Long::longValue).min().getAsLong();
                assertEquals(earliest, heap.nextExpiry(), where + ", step " + step);
            }
        }
    }

    private static int absentOffset(SplittableRandom random, TreeMap<Integer, Long> model, int capacity) {
        int offset = random.nextInt(capacity);
        while (model.containsKey(offset)) {
            offset = (offset + 1) % capacity;
        }
        return offset;
    }

    private static int presentOffset(SplittableRandom random, TreeMap<Integer, Long> model) {
        Integer offset = model.ceilingKey(random.nextInt(model.lastKey() + 1));
        return offset;
    }
}
