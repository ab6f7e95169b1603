package dev.portbench.allocator.concurrent;

import dev.portbench.allocator.PortAllocator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Several threads hammer one allocator with connect / close / reclaim / expire, all reading one
 * virtual clock, while every hand-out is checked against a shared ownership table:
 * <ul>
 *   <li>no port is handed out twice: a thread claims each port it gets with a compare-and-set
 *       from "nobody"; a failed claim is a double hand-out;</li>
 *   <li>never early: a port handed out has been released at least one TIME-WAIT before the
 *       latest time any thread had read when the allocation returned;</li>
 *   <li>after the run, every port is in exactly one state: the allocator's in-use count is the
 *       ports the threads hold, the three counts sum to the range, and once everything is
 *       released and expired, allocating the whole range hands out each port exactly once.</li>
 * </ul>
 * Each thread's random choices come from {@code seed + thread}; the interleaving is the
 * scheduler's. The first violation stops the run and is reported with the seed.
 */
final class StressRun {

    private static final int NOBODY = 0;
    /** Never released yet. */
    private static final long NEVER_RELEASED = Long.MIN_VALUE;
    /** A reclaim of the port was under way when it was released. */
    private static final int IN_FLIGHT = -1;

    private final PortAllocator allocator;
    private final int threads;
    private final int operationsPerThread;
    private final long seed;
    private final long step;
    private final int first;
    private final int size;
    private final long timeWait;

    private final AtomicLong clock = new AtomicLong(-1_000_000L);
    private final AtomicIntegerArray owner;
    private final AtomicLongArray releasedAt;
    /**
     * Reclaims started and finished on each port, and whether one may have run since its last
     * release: a reclaim may free a port early, so the early check skips such ports.
     */
    private final AtomicIntegerArray reclaimsStarted;
    private final AtomicIntegerArray reclaimsFinished;
    private final AtomicIntegerArray reclaimsStartedAtRelease;
    private final AtomicReference<String> violation = new AtomicReference<>();
    private final AtomicLong doubleHandOuts = new AtomicLong();
    private final AtomicLong early = new AtomicLong();
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong reclaims = new AtomicLong();
    private final List<int[]> held = new ArrayList<>();
    private final int[] heldCount;

    StressRun(PortAllocator allocator, int threads, int operationsPerThread, long seed) {
        this.allocator = allocator;
        this.threads = threads;
        this.operationsPerThread = operationsPerThread;
        this.seed = seed;
        this.first = allocator.firstPort();
        this.size = allocator.rangeSize();
        this.timeWait = allocator.timeWaitNanos();
        // About one range's worth of connects per TIME-WAIT: the range runs dry and recovers.
        this.step = Math.max(1, 2 * timeWait / size / threads);
        this.owner = new AtomicIntegerArray(size);
        this.releasedAt = new AtomicLongArray(size);
        this.reclaimsStarted = new AtomicIntegerArray(size);
        this.reclaimsFinished = new AtomicIntegerArray(size);
        this.reclaimsStartedAtRelease = new AtomicIntegerArray(size);
        for (int i = 0; i < size; i++) {
            releasedAt.set(i, NEVER_RELEASED);
        }
        this.heldCount = new int[threads];
        for (int t = 0; t < threads; t++) {
            held.add(new int[size]);
        }
    }

    /** Runs the threads, then the final checks; answers null, or the first violation found. */
    String run() throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    work(id);
                } catch (Throwable e) {
                    violation.compareAndSet(null, "thread " + id + " threw " + e);
                }
            }, "stress-" + t);
            workers.add(w);
            w.start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        if (violation.get() == null) {
            finalChecks();
        }
        return violation.get() == null ? null : violation.get() + " (" + this + ")";
    }

    private void fail(String what) {
        violation.compareAndSet(null, what);
    }

    private void work(int id) {
        SplittableRandom random = new SplittableRandom(seed + id);
        int[] mine = held.get(id);
        int[] released = new int[64];
        int releasedHead = 0;
        for (int i = 0; i < operationsPerThread && violation.get() == null; i++) {
            long now = clock.getAndAdd(random.nextLong(step + 1));
            int dice = random.nextInt(100);
            if (dice < 50) {
                int port = allocator.allocate(now, 1 + random.nextInt(8));
                if (port == PortAllocator.NO_PORT) {
                    failures.incrementAndGet();
                    continue;
                }
                allocations.incrementAndGet();
                int o = port - first;
                if (o < 0 || o >= size) {
                    fail("port " + port + " outside the range");
                    return;
                }
                if (!owner.compareAndSet(o, NOBODY, id + 1)) {
                    doubleHandOuts.incrementAndGet();
                    fail("port " + port + " handed to thread " + id + " while thread " + (owner.get(o) - 1) + " holds it");
                    return;
                }
                long r = releasedAt.get(o);
                long latest = clock.get();
                int startedAtRelease = reclaimsStartedAtRelease.get(o);
                boolean reclaimedSince = startedAtRelease == IN_FLIGHT || reclaimsStarted.get(o) != startedAtRelease;
                if (r != NEVER_RELEASED && !reclaimedSince && latest - (r + timeWait) < 0) {
                    early.incrementAndGet();
                    fail("port " + port + " handed out at clock " + latest + ", released at " + r + ": "
                            + (r + timeWait - latest) + " ns before its TIME-WAIT ended");
                    return;
                }
                mine[heldCount[id]++] = port;
            } else if (dice < 90 && heldCount[id] > 0) {
                int k = random.nextInt(heldCount[id]);
                int port = mine[k];
                mine[k] = mine[--heldCount[id]];
                int o = port - first;
                releasedAt.set(o, now);
                int finished = reclaimsFinished.get(o);
                int started = reclaimsStarted.get(o);
                reclaimsStartedAtRelease.set(o, started == finished ? started : IN_FLIGHT);
                owner.set(o, NOBODY);
                allocator.release(port, now);
                released[releasedHead++ & 63] = port;
            } else if (dice < 97 && releasedHead > 0) {
                int port = released[random.nextInt(Math.min(releasedHead, 64))];
                // It may be another thread's port by now (expired, taken, released again): reclaim
                // may end anyone's TIME-WAIT, so the early check skips ports reclaimed since their release.
                reclaimsStarted.incrementAndGet(port - first);
                if (allocator.reclaim(port, now)) {
                    reclaims.incrementAndGet();
                }
                reclaimsFinished.incrementAndGet(port - first);
            } else {
                allocator.expire(now);
            }
        }
    }

    private void finalChecks() {
        int holding = 0;
        for (int t = 0; t < threads; t++) {
            holding += heldCount[t];
        }
        if (allocator.inUseCount() != holding) {
            fail("in use " + allocator.inUseCount() + " (expected " + holding + ", the ports the threads hold)");
            return;
        }
        long sum = (long) allocator.inUseCount() + allocator.timeWaitCount() + allocator.freeCount();
        if (sum != size) {
            fail("in use + TIME-WAIT + free = " + sum + " (expected the range size " + size + ")");
            return;
        }
        long now = clock.get() + 1;
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < heldCount[t]; k++) {
                allocator.release(held.get(t)[k], now);
            }
        }
        long later = now + timeWait + allocator.maxLatenessNanos();
        allocator.expire(later);
        if (allocator.freeCount() != size) {
            fail("after releasing everything and one TIME-WAIT: " + allocator.freeCount() + " free (expected " + size + ")");
            return;
        }
        boolean[] seen = new boolean[size];
        for (int i = 0; i < size; i++) {
            int port = allocator.allocate(later);
            if (port == PortAllocator.NO_PORT || seen[port - first]) {
                fail("refill: allocation " + i + " gave " + port + " (expected a new port of the range)");
                return;
            }
            seen[port - first] = true;
        }
        if (allocator.allocate(later) != PortAllocator.NO_PORT) {
            fail("refill: a port beyond the range size");
        }
    }

    long allocations() {
        return allocations.get();
    }

    long failures() {
        return failures.get();
    }

    long reclaims() {
        return reclaims.get();
    }

    long doubleHandOuts() {
        return doubleHandOuts.get();
    }

    @Override
    public String toString() {
        return allocator.name() + ", " + threads + " threads x " + operationsPerThread + " operations, seed " + seed
                + ": " + allocations + " allocations, " + failures + " NO_PORT, " + reclaims + " reclaims, "
                + doubleHandOuts + " double hand-outs, " + early + " early";
    }
}
