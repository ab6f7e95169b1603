package dev.portbench.allocator.structure;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A thread-safe allocator whose free ports are one bitset shared by every thread and taken by
 * compare-and-set, with TIME-WAIT kept per stripe of the range under a small lock: allocation
 * takes no lock while a port is free and no TIME-WAIT is due, and borrowing a port from another
 * thread's part of the range costs nothing more than taking one from its own.
 *
 * <h2>Implementation notes</h2>
 * <b>Free ports</b>: a {@code long[]} bitset (set = free) read and written through a
 * {@link VarHandle} with volatile semantics. A port is taken by one compare-and-set clearing its
 * bit, the lowest set bit of the word read; a failed one means that another thread changed the
 * word (took a port, or freed one): it made progress. Bits are <i>set</i> only under the lock of
 * the stripe owning the word.
 *
 * <p><b>Stripes</b>: the words are split into {@code S} contiguous stripes (a power of two, at
 * most the number of words). Each has its own monitor, its own clock ({@link SkewClamp}'s rule:
 * a call behind it acts at it), an intrusive FIFO of its TIME-WAIT ports with one flag per port,
 * and its <b>safe horizon</b>: its earliest deadline, or its clock plus the TIME-WAIT when none is
 * queued. The horizon never decreases, and no release can queue a deadline before it (a release
 * acts at or after the stripe's clock), so once a call has read {@code now < horizon} for every
 * stripe, no TIME-WAIT is due at {@code now} then or at any later instant. A caller's <b>home
 * stripe</b> is chosen by its destination key when it passes one, else by its thread (as
 * {@link ShardedPortAllocator} homes callers); each home keeps a cursor (a word index, a hint).
 *
 * <ul>
 *   <li>{@code allocate(now)}: every stripe whose horizon is not after {@code now} is brought to
 *       {@code now} under its lock (its due ports are freed; the first such stripe with a port
 *       gives the caller the lowest free or freed port of the first non-empty word from the
 *       oldest port freed, in the same compare-and-set that publishes them, so no other thread
 *       sees the freed ports before the caller's choice). Otherwise the <b>fast path</b>: one pass
 *       over the home stripe's words from the home cursor, then over the other stripes' words,
 *       at most 64 compare-and-sets per word, no lock. Only if that pass finds
 *       nothing: the <b>slow path</b> locks every stripe (in index order), brings each to
 *       {@code now} and scans again. Under every lock no bit can be set, so a scan that finds
 *       none proves that no port was free at its end: {@link #NO_PORT} is never a false
 *       exhaustion.</li>
 *   <li>{@code release}, {@code reclaim}: the lock of the port's stripe; O(1) plus the ports
 *       the stripe frees.</li>
 *   <li>{@code expire}, the counts and {@link #nextExpiryTime()}: every stripe's lock. The counts
 *       and the next expiry answer as of the latest clock of any stripe without changing
 *       anything (a TIME-WAIT due by then counts as free); {@code expire} frees, in every
 *       stripe, what is due.</li>
 * </ul>
 *
 * <p><b>Progress</b>: {@code allocate} is lock-free while a port is free and no stripe's
 * horizon has passed (the common case: it takes no lock and a failed compare-and-set means
 * another call progressed); it blocks on one stripe lock per passed horizon (about once per
 * TIME-WAIT per stripe when ports cycle) and on every lock when the pass finds no port. Release
 * and reclaim block on one stripe lock; expire and the counts on all. No loop is unbounded: the
 * fast path makes at most {@code 64 x words} attempts; under a stripe's lock the bits of its
 * words can only be cleared by others, so each compare-and-set there fails at most 64 times.
 *
 * <p><b>Linearizable</b> with respect to the contract: a port handed out was free at the
 * compare-and-set that took it; {@link #NO_PORT} was true at the end of the locked scan; each
 * locked call acts at one instant of its critical section. Which free port a call gets is the
 * lowest of the first non-empty word of its scan; while other threads free and take
 * ports in other words during a pass, a port may come free in a word the pass has already read
 * (the contract allows any free port). On a one-word range the choice is exact.
 *
 * <p>Costs: allocate O(1) amortized (one word read and one compare-and-set; a scan over full
 * words is O(words), 63 words for the Windows 95 range); release and reclaim O(1) under one
 * lock; expire and the counts O(S) locks plus the ports due. Bytes per port: 1/8 for the bitset,
 * 16 for the FIFO, 1 for the flag, about 17.1; plus about 250 per stripe. No allocation on any
 * path (JVM monitors live off the Java heap).
 *
 * <p>Time: lateness 0 beyond the skew rule: a call a little behind a stripe's clock acts at it,
 * so a TIME-WAIT is never early and late by at most the skew between callers; {@link SharedClock}
 * rejects calls more than the configured tolerance behind. A caller must pass times that are
 * monotone per thread and within the tolerance of every other thread's.
 *
 * <p>Thread-safe; linearizable; lock-free allocation on the fast path.
 */
final class CasBitsetPortAllocator extends RangeAllocatorBase implements PortAllocator {

    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle PROBES;

    static {
        try {
            PROBES = MethodHandles.lookup().findVarHandle(CasBitsetStripeFields.class, "probes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A word has 64 bits: a compare-and-set on it can fail at most this often while its bits only go. */
    private static final int MAX_TRIES_PER_WORD = 64;

    private final int size;
    private final long[] words;
    /** Ports a stripe has freed and not yet published, per word: read and written under that stripe's lock. */
    private final long[] pending;
    private final int[] stripeOfWord;
    private final CasBitsetStripe[] stripes;
    private final int mask;
    private final SharedClock clock;

    CasBitsetPortAllocator(String name, AllocatorConfig config, int stripeCount) {
        super(name, config.firstPort(), config.lastPort(), config.timeWaitNanos());
        this.size = config.rangeSize();
        int wordCount = (size + 63) >>> 6;
        this.words = new long[wordCount];
        this.pending = new long[wordCount];
        for (int w = 0; w < wordCount; w++) {
            int bits = Math.min(64, size - (w << 6));
            words[w] = bits == 64 ? -1L : (1L << bits) - 1;
        }
        int count = Math.min(stripeCount, Integer.highestOneBit(wordCount));
        this.stripes = new CasBitsetStripe[count];
        this.stripeOfWord = new int[wordCount];
        for (int i = 0; i < count; i++) {
            int firstWord = (int) ((long) i * wordCount / count);
            int endWord = (int) ((long) (i + 1) * wordCount / count);
            int firstOffset = firstWord << 6;
            int ports = Math.min(endWord << 6, size) - firstOffset;
            stripes[i] = new CasBitsetStripe(i, firstWord, endWord, firstOffset, ports, pending);
            for (int w = firstWord; w < endWord; w++) {
                stripeOfWord[w] = i;
            }
        }
        this.mask = count - 1;
        this.clock = new SharedClock(config.clockSkewToleranceNanos());
    }

    private CasBitsetStripe homeOf(long destination) {
        long key = destination == ANY_DESTINATION ? Thread.currentThread().getId() : Structures.mix(destination);
        return stripes[(int) key & mask];
    }

    private int offsetOf(int port) {
        if (port < firstPort || port > lastPort) {
            throw Checks.portOutsideRange(port, firstPort, lastPort);
        }
        return port - firstPort;
    }

    private CasBitsetStripe stripeOf(int offset) {
        return stripes[stripeOfWord[offset >>> 6]];
    }

    @Override
    public int allocate(long now, long destination) {
        begin(now);
        CasBitsetStripe home = homeOf(destination);
        long taken = -1;
        for (int k = 0; k < stripes.length; k++) {
            CasBitsetStripe s = stripes[(home.index + k) & mask];
            if (!s.safeAt(now)) {
                long t = bringUp(s, now, taken < 0);
                if (t >= 0) {
                    taken = t;
                }
            }
        }
        if (taken < 0) {
            taken = takeLockFree(home);
        }
        if (taken < 0) {
            int start = home.cursor;
            int o = (int) underAllLocks(0, EXHAUSTED, now, start);
            taken = o < 0 ? -1 : (long) start << 32 | o;
        }
        clock.advance(now);
        if (taken < 0) {
            return NO_PORT;
        }
        int offset = (int) taken;
        int startWord = (int) (taken >>> 32);
        int w = offset >>> 6;
        if (w >= home.firstWord && w < home.endWord) {
            home.cursor = w;
        }
        PROBES.getAndAdd(home, (long) FreePortPool.ringDistance(startWord << 6, offset, size) + 1);
        return firstPort + offset;
    }

    /**
     * Brings stripe {@code s} to {@code now} under its lock: frees what is due and, if
     * {@code take}, takes the lowest free or freed port of the first non-empty word from the
     * oldest port freed (else from the stripe's cursor) in the same compare-and-set that publishes
     * the freed ones of that word. Answers {@code startWord << 32 | offset} taken, or -1.
     */
    private long bringUp(CasBitsetStripe s, long now, boolean take) {
        synchronized (s) {
            if (s.safeAt(now)) {
                return -1; // another call brought it up meanwhile
            }
            s.expireAt(now);
            long taken = -1;
            if (take) {
                int start = s.oldestPendingWord >= 0 ? s.oldestPendingWord : s.cursor;
                int o = takePublishing(s.firstWord, s.endWord, start);
                taken = o < 0 ? -1 : (long) start << 32 | o;
            }
            publish(s);
            s.updateHorizon(timeWaitNanos);
            return taken;
        }
    }

    /**
     * The lock-free fast path: one pass over the home stripe's words from its cursor (wrapping
     * within the stripe), then over the other stripes' words in order; at most 64
     * compare-and-sets per word. Answers {@code startWord << 32 | offset} taken, or -1.
     */
    private long takeLockFree(CasBitsetStripe home) {
        int start = home.cursor;
        int o = takeLockFree(start, home.firstWord, home.endWord);
        for (int k = 1; o < 0 && k < stripes.length; k++) {
            CasBitsetStripe s = stripes[(home.index + k) & mask];
            o = takeLockFree(s.firstWord, s.firstWord, s.endWord);
        }
        return o < 0 ? -1 : (long) start << 32 | o;
    }

    /** One pass over words {@code from..end-1} starting at {@code startWord}, without a lock. */
    private int takeLockFree(int startWord, int from, int end) {
        int n = end - from;
        for (int i = 0; i < n; i++) {
            int w = startWord + i < end ? startWord + i : startWord + i - n;
            for (int tries = 0; tries < MAX_TRIES_PER_WORD; tries++) {
                long word = (long) WORDS.getVolatile(words, w);
                if (word == 0) {
                    break;
                }
                if (WORDS.compareAndSet(words, w, word, word & (word - 1))) {
                    return (w << 6) + Long.numberOfTrailingZeros(word);
                }
            }
        }
        return -1;
    }

    /**
     * Takes the lowest free or pending port of words {@code from..end-1} (one pass from
     * {@code startWord}), publishing that word's pending ports in the same compare-and-set.
     * Called with the locks of every stripe owning those words held: their bits can then only be
     * cleared by others, so each word's compare-and-set fails at most 64 times.
     */
    private int takePublishing(int from, int end, int startWord) {
        int n = end - from;
        for (int i = 0; i < n; i++) {
            int w = startWord + i < end ? startWord + i : startWord + i - n;
            long add = pending[w];
            for (int tries = 0; tries <= MAX_TRIES_PER_WORD; tries++) {
                long word = (long) WORDS.getVolatile(words, w);
                long candidates = word | add;
                if (candidates == 0) {
                    break;
                }
                if (WORDS.compareAndSet(words, w, word, candidates & (candidates - 1))) {
                    pending[w] = 0;
                    return (w << 6) + Long.numberOfTrailingZeros(candidates);
                }
            }
        }
        return -1;
    }

    /**
     * Sets the pending bits of stripe {@code s}'s words (only the span of words it marked, so
     * O(1) when the ports freed are close together); under its lock, so bounded as above.
     */
    private void publish(CasBitsetStripe s) {
        if (s.pendingLow > s.pendingHigh) {
            return;
        }
        for (int w = s.pendingLow; w <= s.pendingHigh; w++) {
            long add = pending[w];
            if (add != 0) {
                for (int tries = 0; tries <= MAX_TRIES_PER_WORD; tries++) {
                    long word = (long) WORDS.getVolatile(words, w);
                    if (WORDS.compareAndSet(words, w, word, word | add)) {
                        break;
                    }
                }
                pending[w] = 0;
            }
        }
        s.oldestPendingWord = -1;
        s.pendingLow = Integer.MAX_VALUE;
        s.pendingHigh = -1;
    }

    private boolean isFree(int offset) {
        return ((long) WORDS.getVolatile(words, offset >>> 6) & (1L << offset)) != 0;
    }

    /**
     * Checks {@code now}; at the first call, first starts the clock and every stripe at
     * {@code now} (under the clock's monitor, once), so that every stripe's relative times count
     * from the allocator's first call.
     */
    private void begin(long now) {
        if (!clock.started()) {
            synchronized (clock) {
                if (!clock.started()) {
                    for (CasBitsetStripe s : stripes) {
                        synchronized (s) {
                            s.expireAt(now);
                            s.updateHorizon(timeWaitNanos);
                        }
                    }
                    clock.start(now);
                }
            }
        }
        clock.check(now);
    }

    /**
     * The checks in the contract's order: the port's range, the time, the port's state, then the
     * allocator's life. Before the first call every port is free: refused without starting anything.
     */
    @Override
    public void release(int port, long now) {
        int offset = offsetOf(port);
        clock.check(now);
        CasBitsetStripe s = stripeOf(offset);
        synchronized (s) {
            int local = offset - s.firstOffset;
            if (isFree(offset)) {
                throw new IllegalStateException("release of port " + port + ": it is free (expected: in use)");
            }
            if (s.inTimeWait[local]) {
                long end = s.origin + s.timeWait.endOf(local);
                if (s.effective(now) - end >= 0) {
                    throw new IllegalStateException("release of port " + port + " at " + now + ": it is free, its "
                            + "TIME-WAIT ended at " + end + " (expected: in use)");
                }
                throw new IllegalStateException("release of port " + port + ": it is in TIME-WAIT (expected: in use)");
            }
            if (Lifetime.deadlinePastLife(s.effective(now) - s.origin, timeWaitNanos)) {
                throw Lifetime.lifeOver(port, now, s.origin, timeWaitNanos);
            }
            long t = s.expireAt(now);
            s.inTimeWait[local] = true;
            s.queued++;
            s.timeWait.add(local, t + timeWaitNanos);
            publish(s);
            s.updateHorizon(timeWaitNanos);
        }
        clock.advance(now);
    }

    @Override
    public boolean reclaim(int port, long now) {
        int offset = offsetOf(port);
        begin(now);
        CasBitsetStripe s = stripeOf(offset);
        boolean was;
        synchronized (s) {
            int local = offset - s.firstOffset;
            s.expireAt(now);
            was = s.inTimeWait[local];
            if (was) {
                s.timeWait.remove(local);
                s.inTimeWait[local] = false;
                s.queued--;
                s.markPending(offset);
            }
            publish(s);
            s.updateHorizon(timeWaitNanos);
        }
        clock.advance(now);
        return was;
    }

    @Override
    public int expire(long now) {
        begin(now);
        int freed = (int) underAllLocks(0, EXPIRE, now, 0);
        clock.advance(now);
        return freed;
    }

    private static final int EXHAUSTED = 0;
    private static final int EXPIRE = 1;
    private static final int IN_USE = 2;
    private static final int TIME_WAIT = 3;
    private static final int FREE = 4;
    private static final int NEXT_EXPIRY = 5;

    /**
     * Locks stripes {@code i..S-1} in index order (nested monitors; every path holding more than
     * one lock takes them in this order, so none deadlocks), then does {@code op}. No allocation:
     * the recursion depth is S.
     */
    private long underAllLocks(int i, int op, long now, int startWord) {
        if (i < stripes.length) {
            synchronized (stripes[i]) {
                return underAllLocks(i + 1, op, now, startWord);
            }
        }
        switch (op) {
            case EXHAUSTED:
                for (CasBitsetStripe s : stripes) {
                    s.expireAt(now);
                }
                int o = takePublishing(0, words.length, startWord);
                for (CasBitsetStripe s : stripes) {
                    publish(s);
                    s.updateHorizon(timeWaitNanos);
                }
                return o;
            case EXPIRE:
                long before = timeWaitLocked();
                for (CasBitsetStripe s : stripes) {
                    s.expireAt(now);
                    publish(s);
                    s.updateHorizon(timeWaitNanos);
                }
                return before - timeWaitLocked();
            case IN_USE:
                return size - freeBitsLocked() - queuedLocked();
            case TIME_WAIT:
                return timeWaitLocked();
            case FREE:
                return size - (size - freeBitsLocked() - queuedLocked()) - timeWaitLocked();
            default:
                return nextExpiryLocked();
        }
    }

    private long freeBitsLocked() {
        long n = 0;
        for (int w = 0; w < words.length; w++) {
            n += Long.bitCount((long) WORDS.getVolatile(words, w));
        }
        return n;
    }

    private long queuedLocked() {
        long n = 0;
        for (CasBitsetStripe s : stripes) {
            n += s.queued;
        }
        return n;
    }

    /** The latest clock of any stripe (absolute), and whether any has one. */
    private long latestLocked() {
        long latest = 0;
        boolean any = false;
        for (CasBitsetStripe s : stripes) {
            if (s.started && (!any || s.origin + s.clock - latest > 0)) {
                latest = s.origin + s.clock;
                any = true;
            }
        }
        return latest;
    }

    /** Ports in TIME-WAIT as of the latest clock of any stripe: the queued ones not yet due then. */
    private long timeWaitLocked() {
        long latest = latestLocked();
        long n = 0;
        for (CasBitsetStripe s : stripes) {
            if (s.queued > 0) {
                n += s.queued - s.timeWait.countDue(latest - s.origin);
            }
        }
        return n;
    }

    private long nextExpiryLocked() {
        long latest = latestLocked();
        boolean any = false;
        long earliest = 0;
        for (CasBitsetStripe s : stripes) {
            if (s.queued > 0) {
                long rel = latest - s.origin;
                long next = s.timeWait.firstDeadlineAfter(rel);
                if (next != rel && (!any || next - (earliest - s.origin) < 0)) {
                    earliest = s.origin + next;
                    any = true;
                }
            }
        }
        if (!any) {
            throw new IllegalStateException("nextExpiryTime: no port is in TIME-WAIT (timeWaitCount() == 0)");
        }
        return earliest;
    }

    @Override
    public long nextExpiryTime() {
        return underAllLocks(0, NEXT_EXPIRY, 0, 0);
    }

    @Override
    public int inUseCount() {
        return (int) underAllLocks(0, IN_USE, 0, 0);
    }

    @Override
    public int timeWaitCount() {
        return (int) underAllLocks(0, TIME_WAIT, 0, 0);
    }

    @Override
    public int freeCount() {
        return (int) underAllLocks(0, FREE, 0, 0);
    }

    @Override
    public long probes() {
        long n = 0;
        for (CasBitsetStripe s : stripes) {
            n += (long) PROBES.getVolatile(s);
        }
        return n;
    }

    /** How many stripes the range is split into. */
    int stripeCount() {
        return stripes.length;
    }

    @Override
    public long maxLatenessNanos() {
        return 0;
    }

    @Override
    public PortSelection selection() {
        return PortSelection.SEQUENTIAL;
    }

    @Override
    public String description() {
        return "one long[] bitset taken by compare-and-set (lock-free), next-fit by word from a cursor per home "
                + "stripe; TIME-WAIT: " + stripes.length + " stripes, each an intrusive FIFO under its own lock, exact";
    }

    @Override
    public String toString() {
        return name + "{ports=" + firstPort + "-" + lastPort + ", stripes=" + stripes.length + "}";
    }
}
