package dev.portbench.allocator.structure;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortSelection;

import java.util.SplittableRandom;

/**
 * The RFC 6056 policies over a two-level bitset of free ports: each computes a candidate offset
 * and either probes linearly from it to the next free port (algorithms 1, 3 and 4: one
 * word-at-a-time bitset search, never failing while a port is free) or tests candidates one by one
 * (algorithms 2 and 5, with a bounded number of tries, so they can fail while ports are free).
 *
 * <ul>
 *   <li>{@link PortSelection#RANDOM_START}: start at a uniformly random offset. O(size / 4096).</li>
 *   <li>{@link PortSelection#RANDOM_PICK}: up to {@link AllocatorConfig#maxTries()} random offsets, O(1) each.</li>
 *   <li>{@link PortSelection#HASH}: start at F(destination) + one global counter; the counter moves
 *       on by the ports tried. O(size / 4096).</li>
 *   <li>{@link PortSelection#DOUBLE_HASH}: start at F(destination) + table[G(destination)]; that
 *       counter moves on by the ports tried plus a random 0 or 1. O(size / 4096).</li>
 *   <li>{@link PortSelection#RANDOM_INCREMENTS}: up to size candidates, each 1..N past the previous. O(size) worst.</li>
 * </ul>
 *
 * <h2>Implementation notes</h2>
 * F and G are a keyed 64-bit mixer (SplitMix64's finalizer over the destination key xor the
 * secret, G with a second key derived from it): well spread and stable, but not a cryptographic
 * PRF. A stack facing real attackers keys SipHash or similar as Linux does; the measures of
 * this project (probes, uniformity, predictability to an observer without the secret) are the
 * same. {@link #probes()} counts every candidate port examined, a linear probe counting the ports
 * it skipped. Memory: the bitset's 0.13 byte per port, plus 4 bytes per DOUBLE_HASH table entry.
 * No allocation after construction. Not thread-safe.
 */
final class ProbingFreePool extends FreePortPoolBase {

    private final BitsetFreePool bits;
    private final int size;
    private final PortSelection selection;
    private final SplittableRandom random;
    private final long key1;
    private final long key2;
    private final int maxTries;
    private final int increment;
    private final int[] table;
    private int counter;
    private long position;

    ProbingFreePool(int size, PortSelection selection, AllocatorConfig config) {
        super(selection, "two-level long[] bitset, " + selection.id() + " (RFC 6056 algorithm " + selection.rfc6056Algorithm() + ")");
        this.bits = new BitsetFreePool(size);
        this.size = size;
        this.selection = selection;
        this.random = new SplittableRandom(config.seed());
        long secret = config.secret() == null ? 0 : config.secret();
        this.key1 = mix(secret);
        this.key2 = mix(secret ^ 0x9E3779B97F4A7C15L);
        this.maxTries = config.maxTries();
        this.increment = config.randomIncrement();
        this.table = selection == PortSelection.DOUBLE_HASH ? new int[config.hashTableSize()] : null;
        this.position = random.nextInt(size);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private int hashOffset(long destination, long key) {
        return (int) Long.remainderUnsigned(mix(destination ^ key), size);
    }

    @Override
    public int take(long destination) {
        switch (selection) {
            case RANDOM_START:
                return probeFrom(random.nextInt(size));
            case RANDOM_PICK:
                for (int i = 0; i < maxTries; i++) {
                    probes++;
                    int c = random.nextInt(size);
                    if (bits.contains(c)) {
                        bits.remove(c);
                        return c;
                    }
                }
                return -1;
            case HASH: {
                int start = (int) (((long) hashOffset(destination, key1) + counter) % size);
                int found = probeFrom(start);
                counter = (int) ((counter + (long) FreePortPool.ringDistance(start, found, size) + 1) % size);
                return found;
            }
            case DOUBLE_HASH: {
                int index = (int) (mix(destination ^ key2) & (table.length - 1));
                int start = (int) (((long) hashOffset(destination, key1) + table[index]) % size);
                int found = probeFrom(start);
                table[index] = (int) ((table[index] + (long) FreePortPool.ringDistance(start, found, size) + 1 + random.nextInt(2)) % size);
                return found;
            }
            case RANDOM_INCREMENTS:
                for (int i = 0; i < size; i++) {
                    probes++;
                    position += 1 + random.nextInt(increment);
                    if (position >= size) {
                        position %= size;
                    }
                    int c = (int) position;
                    if (bits.contains(c)) {
                        bits.remove(c);
                        return c;
                    }
                }
                return -1;
            default:
                throw new AssertionError(selection);
        }
    }

    /** Linear probe: the first free offset at or after {@code start}, wrapping; the pool is not empty. */
    private int probeFrom(int start) {
        int found = bits.nextFreeWrapping(start);
        bits.remove(found);
        probes += FreePortPool.ringDistance(start, found, size) + 1;
        return found;
    }

    @Override
    public void add(int offset) {
        bits.add(offset);
    }
}
