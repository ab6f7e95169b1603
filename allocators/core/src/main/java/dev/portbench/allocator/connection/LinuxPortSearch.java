package dev.portbench.allocator.connection;

import dev.portbench.allocator.ConnectionAllocatorConfig;
import dev.portbench.allocator.structure.Structures;

import java.util.SplittableRandom;

/**
 * Linux's port search ({@code net/ipv4/inet_hashtables.c}, {@code __inet_hash_connect}, 6.x):
 * RFC 6056 algorithm 4. A connect starts at {@code F(destination) + table[G(destination)]}, walks
 * the even offsets with step 2, then the odd ones, takes the first port whose 4-tuple is unique,
 * and moves that table entry on by {@code max(i, random(8) * 2) + 2} where {@code i} is how far
 * it walked (the 2022 change against fingerprinting; without {@code randomIncrements}, by
 * {@code i + 2} only, the older exact rule). With {@code connectStep} 1 (Linux 6.8+ for a socket
 * with its own {@code IP_LOCAL_PORT_RANGE}) it walks every offset in one pass from the start and
 * moves the entry by {@code max(i, random(8)) + 1}. A bind ({@code inet_csk_find_open_port})
 * starts at a random offset and walks the odd offsets first, then the even ones.
 *
 * <h2>Implementation notes</h2>
 * F and G are the keyed SplitMix64 finalizer (not SipHash: see {@code ProbingFreePool}). Odd range
 * sizes are walked whole (Linux drops the last port of an odd range; this model does not, so it
 * never fails while a port is usable). O(ports walked) per call, one lap at most, each step one
 * owner check and at most one 4-tuple lookup. 4 bytes per table entry (256 KB for Linux's 2^16).
 * No allocation.
 */
final class LinuxPortSearch implements PortSearch {

    private final int size;
    private final int evenCount;
    private final int oddCount;
    private final int[] table;
    private final long key1;
    private final long key2;
    private final SplittableRandom random;
    private final int step;
    private final boolean randomIncrements;
    private long probes;

    LinuxPortSearch(int size, ConnectionAllocatorConfig config) {
        if (config.secret() == null) {
            throw new IllegalArgumentException("secret: missing (expected: a secret key for the double hash of "
                    + "bind-buckets; set one with secret(long), drawn from a random source)");
        }
        this.size = size;
        this.evenCount = (size + 1) / 2;
        this.oddCount = size / 2;
        this.table = new int[config.hashTableSize()];
        this.key1 = Structures.mix(config.secret());
        this.key2 = Structures.mix(config.secret() ^ 0x9E3779B97F4A7C15L);
        this.random = new SplittableRandom(config.seed());
        this.step = config.connectStep();
        this.randomIncrements = config.randomIncrements();
    }

    @Override
    public int connect(long destination, ConnectionCandidates candidates) {
        int index = (int) (Structures.mix(destination ^ key2) & (table.length - 1));
        long hashOffset = Long.remainderUnsigned(Structures.mix(destination ^ key1), size);
        int start = (int) ((hashOffset + (table[index] & 0xFFFF_FFFFL)) % size);
        if (step == 1) {
            for (int j = 0; j < size; j++) {
                int offset = start + j < size ? start + j : start + j - size;
                probes++;
                if (candidates.connectable(offset, destination)) {
                    table[index] += (randomIncrements ? Math.max(j, random.nextInt(8)) : j) + 1;
                    return offset;
                }
            }
            return -1;
        }
        int half = start >>> 1;
        for (int parity = 0; parity < 2; parity++) {
            int count = parity == 0 ? evenCount : oddCount;
            if (count == 0) {
                continue;
            }
            int k = half % count;
            for (int j = 0; j < count; j++) {
                int offset = 2 * k + parity;
                probes++;
                if (candidates.connectable(offset, destination)) {
                    int walked = 2 * j;
                    table[index] += (randomIncrements ? Math.max(walked, random.nextInt(8) * 2) : walked) + 2;
                    return offset;
                }
                if (++k == count) {
                    k = 0;
                }
            }
        }
        return -1;
    }

    @Override
    public int bind(ConnectionCandidates candidates) {
        int half = random.nextInt(size) >>> 1;
        for (int pass = 0; pass < 2; pass++) {
            int parity = 1 - pass;
            int count = parity == 0 ? evenCount : oddCount;
            if (count == 0) {
                continue;
            }
            int k = half % count;
            for (int j = 0; j < count; j++) {
                int offset = 2 * k + parity;
                probes++;
                if (candidates.bindable(offset)) {
                    return offset;
                }
                if (++k == count) {
                    k = 0;
                }
            }
        }
        return -1;
    }

    @Override
    public void entryAdded(int offset, long destination) {
        // Linux keeps no per-destination state beyond the perturbation table
    }

    @Override
    public void entryRemoved(int offset, long destination) {
        // as entryAdded
    }

    @Override
    public void portIdle(int offset) {
        // the walk finds idle ports by looking: nothing to keep
    }

    @Override
    public void portBusy(int offset) {
        // as portIdle
    }

    @Override
    public long probes() {
        return probes;
    }

    @Override
    public String describe() {
        return "RFC 6056 algorithm 4, even then odd (Linux __inet_hash_connect)";
    }
}
