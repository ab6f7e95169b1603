package dev.portbench.jmh.nat;

import dev.portbench.nat.NatConfig;
import dev.portbench.nat.TimerState;

/**
 * The NAT floor: {@link NatChurn}'s very events (the same flows, closes, timers and clock) on the
 * cheapest structures that can keep them, written inline with no checks: a flat open-addressing
 * table of flows (linear probing, backward-shift deletion, no tombstones, sized to twice the live
 * flows), a ring of free pairs, and one FIFO of (pair, deadline) per closing timer. A lower bound,
 * not an allocator: it trusts its input, cannot fail while a pair is free, keeps no counts and
 * answers no query. At a million live flows its table outgrows the caches, so the floor shows
 * what memory alone costs at that size.
 *
 * <p>Per step one table delete, one insert, O(1) ring work; 16 bytes per table slot, 8 per pair
 * in the rings. Allocation-free; not thread-safe.
 */
public final class NatFloor {

    private static final long EMPTY = -1;

    private final long[] keys;
    private final long[] values;
    private final int tableMask;

    private final long[] free;
    private int freeHead;
    private int freeTail;
    private int freeCount;

    private final long[] finPair;
    private final long[] finDeadline;
    private int finHead;
    private int finTail;
    private final long[] rstPair;
    private final long[] rstDeadline;
    private int rstHead;
    private int rstTail;

    private final long finNanos;
    private final long rstNanos;
    private final int open;
    private final long stepNanos;
    private long nextFlow;
    private long oldestOpen;
    private long now;

    /** The floor of {@code new NatChurn(type, addresses, fill)}: the same pool, fill, clock and warm-up. */
    public NatFloor(int addresses, double fill) {
        NatConfig config = NatChurn.config(addresses);
        int pairs = (int) config.pairCount();
        this.free = new long[pairs];
        for (int i = 0; i < pairs; i++) {
            free[i] = ((long) (i / NatChurn.PORTS_PER_ADDRESS) << 16) | (1024 + i % NatChurn.PORTS_PER_ADDRESS);
        }
        this.freeCount = pairs; // a full ring: head == tail
        this.finPair = new long[pairs];
        this.finDeadline = new long[pairs];
        this.rstPair = new long[pairs];
        this.rstDeadline = new long[pairs];
        this.finNanos = config.timeoutNanos(TimerState.TRANSITORY);
        this.rstNanos = config.timeoutNanos(TimerState.RST_COOLDOWN);
        long inUse = NatChurn.inUse(config, fill);
        this.open = NatChurn.openFlows(inUse);
        this.stepNanos = NatChurn.stepNanos(config, inUse);
        int slots = Integer.highestOneBit(Math.max(16, open * 2 - 1)) << 1;
        this.keys = new long[slots];
        this.values = new long[slots];
        java.util.Arrays.fill(keys, EMPTY);
        this.tableMask = slots - 1;
        for (int i = 0; i < open; i++) {
            map();
        }
        long cycle = NatChurn.warmUpSteps(inUse, open);
        for (long i = 0; i < cycle; i++) {
            step();
        }
    }

    private static long key(long f) {
        return ((long) NatChurn.host(f) << 16) | NatChurn.port(f);
    }

    private static int slot(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private long map() {
        now += stepNanos;
        long key = key(nextFlow++);
        while (finHead != finTail && finDeadline[finHead] - now <= 0) {
            free[freeTail] = finPair[finHead];
            freeTail = freeTail + 1 == free.length ? 0 : freeTail + 1;
            freeCount++;
            finHead = finHead + 1 == finPair.length ? 0 : finHead + 1;
        }
        while (rstHead != rstTail && rstDeadline[rstHead] - now <= 0) {
            free[freeTail] = rstPair[rstHead];
            freeTail = freeTail + 1 == free.length ? 0 : freeTail + 1;
            freeCount++;
            rstHead = rstHead + 1 == rstPair.length ? 0 : rstHead + 1;
        }
        if (freeCount == 0) {
            return -1;
        }
        long pair = free[freeHead];
        freeHead = freeHead + 1 == free.length ? 0 : freeHead + 1;
        freeCount--;
        int i = slot(key) & tableMask;
        while (keys[i] != EMPTY) {
            i = (i + 1) & tableMask;
        }
        keys[i] = key;
        values[i] = pair;
        return pair;
    }

    private void closeOldest() {
        long f = oldestOpen++;
        long key = key(f);
        int i = slot(key) & tableMask;
        while (keys[i] != key) {
            if (keys[i] == EMPTY) {
                return; // never mapped: the pool was full
            }
            i = (i + 1) & tableMask;
        }
        long pair = values[i];
        // backward-shift deletion: pull later entries of the run into the hole
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & tableMask;
            if (keys[j] == EMPTY) {
                break;
            }
            int home = slot(keys[j]) & tableMask;
            if (((j - home) & tableMask) >= ((j - hole) & tableMask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        int k = NatChurn.closeKind(f);
        if (k < 2) {
            free[freeTail] = pair;
            freeTail = freeTail + 1 == free.length ? 0 : freeTail + 1;
            freeCount++;
        } else if (k == 2) {
            finPair[finTail] = pair;
            finDeadline[finTail] = now + finNanos;
            finTail = finTail + 1 == finPair.length ? 0 : finTail + 1;
        } else {
            rstPair[rstTail] = pair;
            rstDeadline[rstTail] = now + rstNanos;
            rstTail = rstTail + 1 == rstPair.length ? 0 : rstTail + 1;
        }
    }

    /** One close and one map, as {@link NatChurn#step()}; answers the new pair (-1 if none was free). */
    public long step() {
        closeOldest();
        return map();
    }

    /** Pairs free now (not counting closing pairs already due). */
    public int freePairs() {
        return freeCount;
    }
}
