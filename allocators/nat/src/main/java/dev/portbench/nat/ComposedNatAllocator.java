package dev.portbench.nat;

/**
 * The one NAT allocator of this module, parameterised by its search policy ({@link NatCatalog}).
 * It owns the state, the clock and every check; the policies differ only in how they pick a port
 * within an external address.
 *
 * <h2>Structures</h2>
 * A mapping is one record of packed {@code long}s in a single array, so that the fields one
 * event touches share a cache line instead of costing a miss per field: word 0 holds the key
 * (internal address, internal port, protocol) and the timer state, word 1 the deadline, word 2
 * the intrusive timer links (previous and next record, 32 bits each). Under endpoint-independent
 * mapping without per-destination limits (and at most 4 pairs per mapping slot), a pair carries
 * at most one mapping and its record is indexed by the pair itself ("direct": 3 words, no pair
 * field, no chain); otherwise records come from a free list and add word 3 (destination address
 * and port) and word 4 (pair and the next record on the pair: the intrusive chain of the
 * mappings sharing it, one per destination). Flows find their record through a {@link SlotIndex}
 * (one {@code int} per cell at load at most 3/4, the full key verified in the record); internal
 * hosts through another, each host one {@code long} (address and live mappings), with its pinned
 * address and port blocks in arrays allocated only when the configuration uses them. Every pair
 * has a bit in a {@link SummaryBitset} of wholly free pairs. Timers are one intrusive
 * doubly-linked FIFO per {@link TimerState}: every mapping in a state has the same timeout and
 * time never goes backwards, so each FIFO is in deadline order. Port blocks (RFC 7422) have an
 * owner, a live count and a bit in a {@link SummaryBitset} of free blocks; per-destination counts
 * live in a {@link LongPairTable}.
 *
 * <h2>Destinations (address-and-port-dependent mapping)</h2>
 * Under APDM a pair may carry one mapping per destination (address, port, protocol), and the
 * records add word 5: the links of a doubly-linked list of each destination's mappings. Each live
 * destination has a slot (key, count, list head, dense set; indexed by a {@link SlotIndex}),
 * taken at its first mapping and given back at its last. A destination reaching
 * {@link #DENSE_THRESHOLD} (64) live mappings gets a {@link FullSummaryBitset} of the pairs it
 * holds (built on first need, then recycled through a free stack; filled from its list, O(64)
 * once); the set goes back to the pool, cleared from the list, when the destination falls below
 * a quarter of the threshold (16), its last mapping included, so a set costs O(1) amortised. The
 * pool is capped at {@code min(maxMappings / 16, max(1, 64 MiB / set bytes))} sets (no more
 * destinations than that can hold 16 mappings at once); a destination that finds the pool empty
 * stays light and retries at its next mapping. "The lowest pair in {@code lo..hi} this
 * destination does not hold" is then a few word reads of its dense set, or, for a light
 * destination with {@code k} mappings, one walk of its list marking the pairs in the first
 * {@code k + 1} of the range in a scratch bitset (the answer is among them), O(k).
 *
 * <h2>Choice of address</h2>
 * A host already paired (paired pooling, RFC 4787 REQ-2) uses its address only. Otherwise the
 * addresses are taken in cyclic order from a cursor that moves past the address of each
 * success; addresses at the per-destination limit are skipped. The exhaustive policies
 * ({@link NatCatalog#EXACT}, {@link NatCatalog#ROUND_ROBIN}) search every address in that order;
 * the bounded ones search the first only. With port blocks every policy takes the lowest usable
 * pair of the host's blocks (in the order acquired), then the lowest free block of the first
 * address in that order, as a port-block CGN does: the search policy applies without blocks.
 *
 * <h2>Expiry: exact to every caller, bounded per call</h2>
 * A mapping is over at its deadline: from then on no call sees it (lookup answers
 * {@link NatFailure#NOT_FOUND}, a map of its flow makes a new mapping, a close is refused), and
 * the counts ({@link #liveMappings()} and the others) never include it. Its record, pair, host
 * count and block are given back ("ended") lazily, earliest deadline first:
 * <ul>
 *   <li>every call that takes {@code now} first ends at most {@link NatConfig#expiryBudget()}
 *       ({@code B}) mappings due by {@code now}: O(B) per call however many fell due at once;</li>
 *   <li>a map of a flow whose own mapping is due ends that one (O(1));</li>
 *   <li>a map whose search fails, for any reason, while due mappings remain ends B, then 2B,
 *       4B, ... more of them and searches again, until it succeeds or nothing is due: so it never
 *       answers "no mapping" (exhaustion, a per-host or per-destination limit, a full table)
 *       while ending a due mapping would have let it succeed, and its extra work is at most twice
 *       the ends it needed plus O(log) searches;</li>
 *   <li>{@link #expire(long)} and the count queries end everything due (unbounded by design:
 *       the caller asked for it).</li>
 * </ul>
 * While no more than B mappings fall due between two calls, every mapping is ended by the first
 * call at or after its deadline and the behaviour is exactly eager expiry's. After a mass timeout
 * (an expiry storm) the pairs come back B per call; until then a search may pick among fewer
 * free pairs than an eager allocator would (a different pair, never a failure).
 *
 * <h2>Costs</h2>
 * A map of a known flow, lookup and close are O(1) expected (one index probe sequence, one
 * record), plus at most B ends of O(1) expected each (unlink, one index removal, one host probe).
 * A new mapping costs its policy's search ({@link NatCatalog}) plus O(1). A failed map costs an
 * exact classification of the reason: O(pairs / 4096), under APDM plus one destination search per
 * address. Under APDM, when no pair of an address is wholly free, the exhaustive search (EXACT,
 * ROUND_ROBIN) asks the destination: O(1 + range / 4096) word reads for a dense destination
 * (at most 18 per address), O(k) for a light one with {@code k} live mappings (fewer than 64
 * unless the dense pool is exhausted); the random probes of the other policies test a pair in O(1)
 * for a dense destination, by its pair's chain otherwise. No allocation after construction, but
 * for the dense sets, built lazily up to the cap and then recycled. Measured by
 * {@code NatChurnBenchmark} (EXACT, 99% in use, 2-core machine, JDK 17; docs/nat-and-gateways.md):
 * 363 ns per close-and-map at 64,512 pairs (the floor 48), 454 at 258,048, 860 at 1,032,192 (floor
 * 188), most of it cache misses in the flow and host indexes and the records.
 *
 * <h2>Bytes per mapping</h2>
 * Direct layout: 24 bytes of record per pair, 5.3 of flow index per mapping slot (load 3/4), 0.13
 * of free-pair bitset per pair, and per host slot ({@code min(maxHosts, live bound + 1)}) 8 bytes
 * plus 5.3 of index. Measured with JOL by {@code dev.portbench.footprint.NatFootprint} in the
 * benchmarks' steady state at 99% in use (100,000 hosts): 31.1 bytes per live mapping at 1,032,192
 * pairs, 35.0 at 258,048, 43.3 at 64,512 (where each live mapping has a host of its own). The
 * one-array-per-field layout before it took 98, 121 and 252.
 * Chained layout: 40 bytes of record and 5.3 of index per mapping slot, plus 8 per pair (its chain's ends). APDM adds
 * 8 bytes of record per mapping slot, 25.3 per mapping slot for the destination slots (20 of
 * arrays, 5.3 of index), a scratch of range / 8 bytes, and per dense set pairs / 8 + pairs / 512
 * bytes (64.5 KB at 8 x 64,512 pairs), at most the cap above: 64 MiB in all, or less when
 * {@code maxMappings / 16} sets cost less.
 *
 * <h2>Lateness, threads, sources</h2>
 * No call ever sees a mapping after its deadline, nor loses one before it (lateness 0), except
 * that {@link NatCatalog#NETFILTER_EVICTING} ends closing mappings early by design.
 * Single-owner, not thread-safe. Sources per policy in {@link NatCatalog}; RFC 4787, 5382, 6888
 * and 7422 for the behaviours, as FACTS.md summarises.
 */
final class ComposedNatAllocator implements NatAllocator {

    private static final int NONE = -1;
    private static final int STATES = TimerState.values().length;
    private static final TimerState[] STATE_VALUES = TimerState.values();
    private static final int NETFILTER_MAX_ATTEMPTS = 128;
    private static final int NETFILTER_MIN_ATTEMPTS = 16;
    private static final int NETFILTER_HARDER_THRESH = NETFILTER_MAX_ATTEMPTS / 4;
    private static final int CILIUM_RETRIES = 32;
    private static final int VPP_TRIES = 10;
    private static final int DIRECT_STRIDE = 3;
    private static final int CHAINED_STRIDE = 5;
    private static final int DEPENDENT_STRIDE = 6;
    /** A destination with this many live mappings gets a dense set of its pairs (if the pool has one). */
    static final int DENSE_THRESHOLD = 64;
    /** The most bytes all dense destination sets may take together (at least one set is always allowed). */
    static final long DENSE_BUDGET_BYTES = 64L << 20;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long UDP_BIT = 0x100L;
    private static final long STATE_MASK = 0xFFL;

    private final NatCatalog policy;
    private final NatConfig config;
    private final int[] addresses;
    private final int addressCount;
    private final int firstPort;
    private final int range;
    private final boolean eim;
    private final boolean paired;
    private final boolean blocks;
    private final boolean destinationLimited;
    private final int maxPortsPerHost;
    private final int maxFlowsPerDestination;
    private final int blockSize;
    private final int blocksPerAddress;
    private final int maxBlocksPerHost;
    private final int initialBlocks;
    private final long[] timeouts;
    private final int tries;
    private final int portsPerWorker;
    private final int workers;
    private final int budget;

    /** Whether a record's slot is its pair (EIM without destination limits). */
    private final boolean direct;
    private final int stride;
    private final long[] rec;
    private final int maxLive;
    /**
     * Per pair (chained layout): its chain of mappings, the first in the high half and the last in
     * the low half (NONE, NONE when free), oldest first: a new mapping joins at the tail, and the
     * mapping that ends is most often the oldest (the timers run in creation order), so an end
     * finds itself at the head without walking the chain's cold records.
     */
    private final long[] pairEnds;
    private int freeSlot;
    private int live;
    private final int[] liveByState = new int[STATES];
    private final int[] fifoHead = new int[STATES];
    private final int[] fifoTail = new int[STATES];

    private final SlotIndex flows;
    private final SummaryBitset freePairs;

    private final SlotIndex hosts;
    private final int maxHosts;
    /** Per host slot: (address << 32) | live mappings; a free slot holds the next free slot. */
    private final long[] hostWord;
    private final int[] hostAddressIndex;
    private final int[] hostBlocks;
    private final int[] hostBlockHead;
    private int freeHost;
    private int hostCount;

    private final int[] blockOwner;
    private final int[] blockLive;
    private final int[] blockNext;
    private final SummaryBitset freeBlocks;
    private int blocksHeld;

    private final LongPairTable destinationCounts;

    /** Under APDM: the live destinations (address, port, protocol), each with the list of its mappings. */
    private final SlotIndex destinations;
    private final long[] destKey;
    private final int[] destCount;
    /** Per destination slot: its first mapping; a free slot holds the next free slot. */
    private final int[] destHead;
    /** Per destination slot: its dense set in {@link #denseSets}, or NONE (a light destination). */
    private final int[] destSet;
    private int freeDest;
    private int destinationCount;
    private final int denseThreshold;
    private final int denseRelease;
    /** Dense sets of the pairs a destination holds, built on first need up to the cap, then recycled. */
    private final FullSummaryBitset[] denseSets;
    private int denseBuilt;
    private final int[] denseFree;
    private int denseFreeTop;
    /** The light search's marks, one bit per port of an address, all clear between calls. */
    private final FullSummaryBitset scratch;

    private int addressCursor;
    private final int[] portCursor;

    private boolean started;
    private long origin;
    private long clock;
    private long random;

    private long created;
    private final long[] failureCounts = new long[NatFailure.values().length];
    private long probeCount;
    private long evictionCount;
    private long blockRecords;
    private int endsInCall;

    ComposedNatAllocator(NatCatalog policy, NatConfig config) {
        this(policy, config, DENSE_THRESHOLD, DENSE_BUDGET_BYTES);
    }

    /** As above with another dense threshold and budget (the tests exercise both kinds of destination so). */
    ComposedNatAllocator(NatCatalog policy, NatConfig config, int denseThreshold, long denseBudgetBytes) {
        if (denseThreshold < 1 || denseBudgetBytes < 0) {
            throw new IllegalArgumentException("dense threshold: " + denseThreshold + ", budget: " + denseBudgetBytes
                    + " (expected: threshold >= 1, budget >= 0)");
        }
        this.policy = policy;
        this.config = config;
        this.addresses = config.addresses();
        this.addressCount = addresses.length;
        this.firstPort = config.firstPort();
        this.range = config.rangeSize();
        this.eim = config.behaviour() == MappingBehaviour.ENDPOINT_INDEPENDENT;
        this.paired = config.pairedPooling();
        this.blocks = config.portBlocks();
        this.destinationLimited = config.maxFlowsPerDestination() != NatConfig.UNLIMITED;
        this.maxPortsPerHost = config.maxPortsPerHost();
        this.maxFlowsPerDestination = config.maxFlowsPerDestination();
        long pairs = config.pairCount();
        if (pairs > 1 << 29) {
            throw new IllegalArgumentException("pairs: " + pairs + " (expected: addresses x ports <= " + (1 << 29) + ")");
        }
        this.blockSize = blocks ? config.portBlockSize() : range;
        this.blocksPerAddress = range / blockSize;
        int totalBlocks = addressCount * blocksPerAddress;
        this.maxBlocksPerHost = blocks ? Math.min(totalBlocks, maxPortsPerHost / blockSize) : 0;
        this.initialBlocks = blocks
                ? Math.max(1, Math.min(maxBlocksPerHost, (config.minPortsPerHost() + blockSize - 1) / blockSize)) : 0;
        this.timeouts = new long[STATES];
        for (TimerState s : STATE_VALUES) {
            timeouts[s.ordinal()] = config.timeoutNanos(s);
        }
        this.workers = config.workers();
        this.portsPerWorker = range / workers;
        int defaultTries = policy == NatCatalog.VPP ? VPP_TRIES : CILIUM_RETRIES;
        this.tries = config.searchTries() > 0 ? config.searchTries() : defaultTries;
        this.budget = config.expiryBudget();

        this.maxLive = config.maxMappings();
        this.direct = eim && !destinationLimited && pairs <= 4L * maxLive;
        this.stride = direct ? DIRECT_STRIDE : eim ? CHAINED_STRIDE : DEPENDENT_STRIDE;
        int slots = direct ? (int) pairs : maxLive;
        int liveBound = eim ? (int) Math.min(maxLive, pairs) : maxLive;
        this.rec = new long[Math.multiplyExact(slots, stride)];
        if (!direct) {
            for (int i = 0; i < slots; i++) {
                rec[i * stride + 2] = (i + 1 < slots ? i + 1 : NONE) & LOW;
            }
        }
        this.pairEnds = new long[direct ? 0 : (int) pairs];
        java.util.Arrays.fill(pairEnds, -1L);
        java.util.Arrays.fill(fifoHead, NONE);
        java.util.Arrays.fill(fifoTail, NONE);
        this.flows = new SlotIndex(slots, Math.min(slots, liveBound), new FlowHomes());
        this.freePairs = new SummaryBitset((int) pairs);
        for (int p = 0; p < pairs; p++) {
            freePairs.set(p);
        }

        this.maxHosts = config.maxHosts();
        int hostSlots = (int) Math.min(maxHosts, liveBound + 1L);
        this.hosts = new SlotIndex(hostSlots, hostSlots, new HostHomes());
        this.hostWord = new long[hostSlots];
        for (int i = 0; i < hostSlots; i++) {
            hostWord[i] = i + 1 < hostSlots ? i + 1 : NONE;
        }
        this.hostAddressIndex = new int[paired ? hostSlots : 0];
        this.hostBlocks = new int[blocks ? hostSlots : 0];
        this.hostBlockHead = new int[blocks ? hostSlots : 0];

        int blockArrays = blocks ? totalBlocks : 0;
        this.blockOwner = new int[blockArrays];
        this.blockLive = new int[blockArrays];
        this.blockNext = new int[blockArrays];
        this.freeBlocks = new SummaryBitset(Math.max(1, blockArrays));
        for (int b = 0; b < blockArrays; b++) {
            blockOwner[b] = NONE;
            freeBlocks.set(b);
        }
        this.destinationCounts = new LongPairTable(destinationLimited ? maxLive : 1);
        this.portCursor = new int[addressCount];
        this.random = config.seed();

        int destSlots = eim ? 0 : maxLive;
        this.destinations = new SlotIndex(Math.max(1, destSlots), Math.max(1, destSlots), new DestinationHomes());
        this.destKey = new long[destSlots];
        this.destCount = new int[destSlots];
        this.destHead = new int[destSlots];
        this.destSet = new int[destSlots];
        for (int i = 0; i < destSlots; i++) {
            destHead[i] = i + 1 < destSlots ? i + 1 : NONE;
        }
        this.freeDest = destSlots > 0 ? 0 : NONE;
        this.denseThreshold = denseThreshold;
        this.denseRelease = Math.max(1, denseThreshold / 4);
        long setBytes = ((pairs + 63) >>> 6) * 8 + ((pairs + 4095) >>> 12) * 8;
        long byBudget = Math.max(1, denseBudgetBytes / setBytes);
        long byLive = maxLive / denseRelease;
        int maxDense = eim ? 0 : (int) Math.min(byBudget, byLive);
        this.denseSets = new FullSummaryBitset[maxDense];
        this.denseFree = new int[maxDense];
        this.scratch = eim ? null : new FullSummaryBitset(range);
    }

    // ---- the API -------------------------------------------------------------------------

    @Override
    public long map(int ia, int ip, int da, int dp, int protocol, long now) {
        NatChecks.checkFlow(ia, ip, da, dp, protocol);
        checkTime(now);
        TimerState open = protocol == NatPairs.TCP ? TimerState.ESTABLISHED : TimerState.UDP;
        checkLife(now, timeouts[open.ordinal()]);
        begin(now);
        long key = flowKey(ia, ip, protocol);
        long dest = destinationBits(da, dp);
        long hash = flowHash(key, eim ? 0 : dest);
        int slot = findFlow(hash, key, dest);
        if (slot != NONE) {
            if (deadlineOf(slot) - now > 0) {
                restart(slot, open, now);
                return externalPair(pairOf(slot));
            }
            end(slot); // over at its deadline: the flow maps anew
            endsInCall++;
        }
        long result = create(ia, ip, da, dp, protocol, open, now, key, dest, hash);
        int more = budget;
        while (result < 0 && earliestDue(now) != NONE) {
            reclaim(now, more);
            more = (int) Math.min(NatConfig.MAX_CAPACITY, 2L * more);
            result = create(ia, ip, da, dp, protocol, open, now, key, dest, hash);
        }
        if (result < 0) {
            failureCounts[NatFailure.of(result).ordinal()]++;
        }
        return result;
    }

    @Override
    public long lookup(int ia, int ip, int da, int dp, int protocol, long now) {
        NatChecks.checkFlow(ia, ip, da, dp, protocol);
        checkTime(now);
        begin(now);
        int slot = liveFlow(ia, ip, da, dp, protocol, now);
        return slot == NONE ? NatFailure.NOT_FOUND.result() : externalPair(pairOf(slot));
    }

    @Override
    public TimerState timerState(int ia, int ip, int da, int dp, int protocol, long now) {
        NatChecks.checkFlow(ia, ip, da, dp, protocol);
        checkTime(now);
        begin(now);
        int slot = liveFlow(ia, ip, da, dp, protocol, now);
        return slot == NONE ? null : STATE_VALUES[stateOf(slot)];
    }

    @Override
    public void close(int ia, int ip, int da, int dp, int protocol, CloseKind kind, long now) {
        NatChecks.checkFlow(ia, ip, da, dp, protocol);
        NatChecks.checkNotNull("kind", kind);
        checkTime(now);
        long key = flowKey(ia, ip, protocol);
        long dest = destinationBits(da, dp);
        int slot = findFlow(flowHash(key, eim ? 0 : dest), key, dest);
        if (slot == NONE || !STATE_VALUES[stateOf(slot)].isOpen() || deadlineOf(slot) - now <= 0) {
            throw new IllegalStateException("flow " + NatPairs.toText(ia) + ":" + ip + " -> " + NatPairs.toText(da) + ":"
                    + dp + " protocol " + protocol + ": no open mapping at " + now
                    + (slot == NONE ? "" : " (its mapping is " + STATE_VALUES[stateOf(slot)]
                    + " until " + deadlineOf(slot) + ")") + " (expected: a flow mapped and not closed)");
        }
        TimerState next = kind == CloseKind.FIN ? TimerState.TRANSITORY : TimerState.RST_COOLDOWN;
        if (kind != CloseKind.IDLE) {
            checkLife(now, timeouts[next.ordinal()]);
        }
        begin(now);
        if (kind == CloseKind.IDLE) {
            end(slot);
        } else {
            restart(slot, next, now);
        }
    }

    @Override
    public int expire(long now) {
        checkTime(now);
        boolean wasStarted = started;
        long before = clock;
        if (!started) {
            started = true;
            origin = now;
        }
        clock = now;
        endsInCall = 0;
        return drain(now, before, wasStarted);
    }

    @Override
    public long nextExpiryTime() {
        settle();
        if (live == 0) {
            throw new IllegalStateException("no live mapping (expected: liveMappings() > 0)");
        }
        long best = 0;
        boolean found = false;
        for (int s = 0; s < STATES; s++) {
            int head = fifoHead[s];
            if (head != NONE && (!found || deadlineOf(head) - best < 0)) {
                best = deadlineOf(head);
                found = true;
            }
        }
        return best;
    }

    @Override
    public int liveMappings() {
        settle();
        return live;
    }

    @Override
    public int liveMappings(TimerState s) {
        NatChecks.checkNotNull("state", s);
        settle();
        return liveByState[s.ordinal()];
    }

    @Override
    public int activeHosts() {
        settle();
        return hostCount;
    }

    @Override
    public long mappingsCreated() {
        return created;
    }

    @Override
    public long failures(NatFailure failure) {
        return failureCounts[NatChecks.checkNotNull("failure", failure).ordinal()];
    }

    @Override
    public long probes() {
        return probeCount;
    }

    @Override
    public long evictions() {
        return evictionCount;
    }

    @Override
    public long blockLogRecords() {
        settle();
        return blockRecords;
    }

    @Override
    public int blocksInUse() {
        settle();
        return blocksHeld;
    }

    @Override
    public long maxLatenessNanos() {
        return 0;
    }

    @Override
    public NatConfig config() {
        return config;
    }

    @Override
    public String name() {
        return policy.id();
    }

    @Override
    public String description() {
        return policy.summary();
    }

    /** Mappings the latest call that takes {@code now} ended (its expiry work): for the tests of the budget. */
    int endsInLastCall() {
        return endsInCall;
    }

    /** Mappings due by the latest time seen but not ended yet. */
    int dueNotEnded() {
        int n = 0;
        for (int s = 0; s < STATES; s++) {
            for (int m = fifoHead[s]; m != NONE && deadlineOf(m) - clock <= 0; m = timerNextOf(m)) {
                n++;
            }
        }
        return n;
    }

    // ---- time ----------------------------------------------------------------------------

    private void checkTime(long now) {
        if (started && (now - clock < 0 || now - origin < 0)) {
            throw NatChecks.timeWentBackwards(now, clock, origin);
        }
    }

    private void checkLife(long now, long timeout) {
        long elapsed = started ? now - origin : 0;
        if (elapsed > Long.MAX_VALUE - timeout) {
            throw new IllegalStateException("now: " + now + " (expected: a deadline within 2^63 ns of the first call at "
                    + origin + "; the allocator's life is over)");
        }
    }

    /** An accepted call at {@code now}: the clock moves and at most the budget of due mappings end. */
    private void begin(long now) {
        if (!started) {
            started = true;
            origin = now;
        }
        clock = now;
        endsInCall = 0;
        reclaim(now, budget);
    }

    /** The due FIFO head with the earliest deadline, or NONE. */
    private int earliestDue(long now) {
        int best = NONE;
        long bestDeadline = 0;
        for (int s = 0; s < STATES; s++) {
            int head = fifoHead[s];
            if (head != NONE) {
                long d = deadlineOf(head);
                if (d - now <= 0 && (best == NONE || d - bestDeadline < 0)) {
                    best = head;
                    bestDeadline = d;
                }
            }
        }
        return best;
    }

    /** Ends at most {@code count} mappings due by {@code now}, earliest deadline first. */
    private void reclaim(long now, int count) {
        for (int i = 0; i < count; i++) {
            int m = earliestDue(now);
            if (m == NONE) {
                return;
            }
            end(m);
            endsInCall++;
        }
    }

    /**
     * Ends every mapping due by {@code now}; answers how many of them were not yet due at
     * {@code before} (if {@code counted}): the mappings whose deadlines this call reached.
     */
    private int drain(long now, long before, boolean counted) {
        int fresh = 0;
        for (int s = 0; s < STATES; s++) {
            int head = fifoHead[s];
            while (head != NONE && deadlineOf(head) - now <= 0) {
                if (counted && deadlineOf(head) - before > 0) {
                    fresh++;
                }
                end(head);
                endsInCall++;
                head = fifoHead[s];
            }
        }
        return fresh;
    }

    /** Before a count is read: end what the calls so far left due. */
    private void settle() {
        if (started) {
            drain(clock, clock, false);
        }
    }

    // ---- records and keys ----------------------------------------------------------------

    private static long flowKey(int ia, int ip, int protocol) {
        return ((long) ia << 32) | ((long) ip << 16) | (protocol == NatPairs.UDP ? UDP_BIT : 0);
    }

    private static long destinationBits(int da, int dp) {
        return ((long) da << 32) | ((long) dp << 16);
    }

    private static long flowHash(long key, long dest) {
        return mix(key ^ (dest * 0x9E37_79B9_7F4A_7C15L));
    }

    private static long hostHash(int ia) {
        return mix(Integer.toUnsignedLong(ia) * 0xC2B2_AE3D_27D4_EB4FL);
    }

    private long flowHashOfSlot(int slot) {
        int b = slot * stride;
        return flowHash(rec[b] & ~STATE_MASK, eim ? 0 : rec[b + 3]);
    }

    private long hostHashOfSlot(int slot) {
        return hostHash((int) (hostWord[slot] >>> 32));
    }

    /** A named class, not a lambda: JOL walks the allocator's graph, and cannot read a hidden class's fields. */
    private final class FlowHomes implements SlotIndex.Homes {
        @Override
        public long hashOfSlot(int slot) {
            return flowHashOfSlot(slot);
        }
    }

    /** As {@link FlowHomes}, for the destination index. */
    private final class DestinationHomes implements SlotIndex.Homes {
        @Override
        public long hashOfSlot(int slot) {
            return destHash(destKey[slot]);
        }
    }

    /** As {@link FlowHomes}, for the host index. */
    private final class HostHomes implements SlotIndex.Homes {
        @Override
        public long hashOfSlot(int slot) {
            return hostHashOfSlot(slot);
        }
    }

    private long deadlineOf(int slot) {
        return rec[slot * stride + 1];
    }

    private int stateOf(int slot) {
        return (int) (rec[slot * stride] & STATE_MASK);
    }

    private int timerNextOf(int slot) {
        return (int) rec[slot * stride + 2];
    }

    private int pairOf(int slot) {
        return direct ? slot : (int) (rec[slot * stride + 4] >>> 32);
    }

    private int pairNextOf(int slot) {
        return (int) rec[slot * stride + 4];
    }

    private void setPairNext(int slot, int next) {
        int i = slot * stride + 4;
        rec[i] = (rec[i] & ~LOW) | (next & LOW);
    }

    /** The record of the flow, or NONE; {@code dest} is compared only under APDM. */
    private int findFlow(long hash, long key, long dest) {
        SlotIndex index = flows;
        for (int i = index.home(hash), d = 0; ; i = index.next(i), d++) {
            int c = index.candidate(i, d, hash);
            if (c == SlotIndex.END) {
                return NONE;
            }
            if (c >= 0) {
                int b = c * stride;
                if ((rec[b] & ~STATE_MASK) == key && (eim || rec[b + 3] == dest)) {
                    return c;
                }
            }
        }
    }

    /** The record of the flow if its mapping is not over at {@code now}, else NONE. */
    private int liveFlow(int ia, int ip, int da, int dp, int protocol, long now) {
        long key = flowKey(ia, ip, protocol);
        long dest = destinationBits(da, dp);
        int slot = findFlow(flowHash(key, eim ? 0 : dest), key, dest);
        return slot == NONE || deadlineOf(slot) - now <= 0 ? NONE : slot;
    }

    private int findHost(int ia) {
        SlotIndex index = hosts;
        long hash = hostHash(ia);
        for (int i = index.home(hash), d = 0; ; i = index.next(i), d++) {
            int c = index.candidate(i, d, hash);
            if (c == SlotIndex.END) {
                return NONE;
            }
            if (c >= 0 && (int) (hostWord[c] >>> 32) == ia) {
                return c;
            }
        }
    }

    private long destinationKey(int da, int dp, int protocol, int addressIndex) {
        return (Integer.toUnsignedLong(da) << 27) | ((long) dp << 11) | ((protocol == NatPairs.TCP ? 0L : 1L) << 10)
                | addressIndex;
    }

    private long externalPair(int pair) {
        return NatPairs.pair(addresses[pair / range], firstPort + pair % range);
    }

    /** A new mapping for the flow, or a failure's result (not counted: the caller may retry). */
    private long create(int ia, int ip, int da, int dp, int protocol, TimerState open, long now, long key, long dest,
            long hash) {
        if (live == maxLive) {
            return NatFailure.MAPPING_TABLE_FULL.result();
        }
        int host = findHost(ia);
        if (host == NONE) {
            if (hostCount == maxHosts) {
                return NatFailure.HOST_TABLE_FULL.result();
            }
            host = addHost(ia);
        } else if (!blocks && (int) hostWord[host] >= maxPortsPerHost) {
            return NatFailure.PER_HOST_LIMIT.result();
        }
        hostWord[host]++; // reserved, so that an eviction during the search cannot drop this host
        int pair = blocks ? searchBlocks(host, da, dp, protocol) : search(host, ia, da, dp, protocol);
        if (pair < 0) {
            hostWord[host]--;
            if ((int) hostWord[host] == 0) {
                removeHost(host);
            }
            return pair;
        }
        int slot;
        if (direct) {
            slot = pair;
        } else {
            slot = freeSlot;
            freeSlot = timerNextOf(slot);
        }
        int b = slot * stride;
        rec[b] = key | open.ordinal();
        rec[b + 1] = now + timeouts[open.ordinal()];
        if (!direct) {
            rec[b + 3] = dest;
            rec[b + 4] = ((long) pair << 32) | LOW;
            long ends = pairEnds[pair];
            int tail = (int) ends;
            if (tail == NONE) {
                pairEnds[pair] = ((long) slot << 32) | (slot & LOW);
            } else {
                setPairNext(tail, slot);
                pairEnds[pair] = (ends & ~LOW) | (slot & LOW);
            }
            if (!eim) {
                holdForDestination(slot, dest | (protocol == NatPairs.UDP ? 1 : 0), pair);
            }
        }
        freePairs.clear(pair);
        flows.insert(hash, slot);
        if (destinationLimited) {
            long dkey = destinationKey(da, dp, protocol, pair / range);
            int count = destinationCounts.get(dkey, 0);
            destinationCounts.put(dkey, 0, count == LongPairTable.ABSENT ? 1 : count + 1);
        }
        if (blocks) {
            blockLive[pair / blockSize]++;
        }
        live++;
        created++;
        liveByState[open.ordinal()]++;
        append(slot, open.ordinal());
        return externalPair(pair);
    }

    private void restart(int slot, TimerState next, long now) {
        int b = slot * stride;
        int from = (int) (rec[b] & STATE_MASK);
        unlink(slot, from);
        liveByState[from]--;
        rec[b] = (rec[b] & ~STATE_MASK) | next.ordinal();
        rec[b + 1] = now + timeouts[next.ordinal()];
        liveByState[next.ordinal()]++;
        append(slot, next.ordinal());
    }

    /** Ends a mapping: its pair, destination count, block and host let go of it. */
    private void end(int slot) {
        int b = slot * stride;
        long word = rec[b];
        int s = (int) (word & STATE_MASK);
        unlink(slot, s);
        liveByState[s]--;
        live--;
        long key = word & ~STATE_MASK;
        long dest = direct ? 0 : rec[b + 3];
        flows.remove(flowHash(key, eim ? 0 : dest), slot);
        int pair;
        if (direct) {
            pair = slot;
            freePairs.set(pair);
        } else {
            long pairWord = rec[b + 4];
            pair = (int) (pairWord >>> 32);
            int after = (int) pairWord;
            long ends = pairEnds[pair];
            int head = (int) (ends >>> 32);
            int tail = (int) ends;
            if (head == slot) {
                head = after;
                if (after == NONE) {
                    tail = NONE;
                }
            } else {
                int m = head;
                while (pairNextOf(m) != slot) {
                    m = pairNextOf(m);
                }
                setPairNext(m, after);
                if (tail == slot) {
                    tail = m;
                }
            }
            pairEnds[pair] = ((long) head << 32) | (tail & LOW);
            if (head == NONE) {
                freePairs.set(pair);
            }
            if (!eim) {
                releaseForDestination(slot, dest | ((key & UDP_BIT) != 0 ? 1 : 0), pair);
            }
        }
        if (destinationLimited) {
            int protocol = (key & UDP_BIT) != 0 ? NatPairs.UDP : NatPairs.TCP;
            long dkey = destinationKey((int) (dest >>> 32), (int) (dest >>> 16) & 0xFFFF, protocol, pair / range);
            int count = destinationCounts.get(dkey, 0);
            if (count == 1) {
                destinationCounts.remove(dkey, 0);
            } else {
                destinationCounts.put(dkey, 0, count - 1);
            }
        }
        int host = findHost((int) (word >>> 32));
        if (blocks) {
            int block = pair / blockSize;
            if (--blockLive[block] == 0) {
                releaseBlock(block);
            }
        }
        hostWord[host]--;
        if ((int) hostWord[host] == 0) {
            removeHost(host);
        }
        rec[b] = 0;
        if (!direct) {
            rec[b + 2] = freeSlot & LOW;
            freeSlot = slot;
        }
    }

    private void append(int slot, int s) {
        int tail = fifoTail[s];
        rec[slot * stride + 2] = ((long) tail << 32) | LOW;
        if (tail == NONE) {
            fifoHead[s] = slot;
        } else {
            int i = tail * stride + 2;
            rec[i] = (rec[i] & ~LOW) | (slot & LOW);
        }
        fifoTail[s] = slot;
    }

    private void unlink(int slot, int s) {
        long links = rec[slot * stride + 2];
        int prev = (int) (links >>> 32);
        int next = (int) links;
        if (prev == NONE) {
            fifoHead[s] = next;
        } else {
            int i = prev * stride + 2;
            rec[i] = (rec[i] & ~LOW) | (next & LOW);
        }
        if (next == NONE) {
            fifoTail[s] = prev;
        } else {
            int i = next * stride + 2;
            rec[i] = ((long) prev << 32) | (rec[i] & LOW);
        }
    }

    // ---- hosts and blocks ----------------------------------------------------------------

    private int addHost(int ia) {
        int host = freeHost;
        freeHost = (int) hostWord[host];
        hostWord[host] = (long) ia << 32;
        if (paired) {
            hostAddressIndex[host] = NONE;
        }
        if (blocks) {
            hostBlocks[host] = 0;
            hostBlockHead[host] = NONE;
        }
        hosts.insert(hostHash(ia), host);
        hostCount++;
        return host;
    }

    private void removeHost(int host) {
        if (blocks) {
            while (hostBlockHead[host] != NONE) {
                releaseBlock(hostBlockHead[host]);
            }
        }
        hosts.remove(hostHash((int) (hostWord[host] >>> 32)), host);
        hostWord[host] = freeHost;
        freeHost = host;
        hostCount--;
    }

    private void releaseBlock(int block) {
        int owner = blockOwner[block];
        if (hostBlockHead[owner] == block) {
            hostBlockHead[owner] = blockNext[block];
        } else {
            int b = hostBlockHead[owner];
            while (blockNext[b] != block) {
                b = blockNext[b];
            }
            blockNext[b] = blockNext[block];
        }
        blockOwner[block] = NONE;
        freeBlocks.set(block);
        hostBlocks[owner]--;
        blocksHeld--;
        blockRecords++;
    }

    private void acquireBlock(int host, int block) {
        blockOwner[block] = host;
        blockLive[block] = 0;
        blockNext[block] = NONE;
        if (hostBlockHead[host] == NONE) {
            hostBlockHead[host] = block;
        } else {
            int b = hostBlockHead[host];
            while (blockNext[b] != NONE) {
                b = blockNext[b];
            }
            blockNext[b] = block;
        }
        freeBlocks.clear(block);
        hostBlocks[host]++;
        blocksHeld++;
        blockRecords++;
    }

    // ---- destinations (APDM) -------------------------------------------------------------

    private static long destHash(long dk) {
        return mix(dk * 0xD6E8_FEB8_6659_FD93L);
    }

    /** The destination's key: address and port as in {@link #destinationBits}, protocol in bit 0. */
    private static long destKeyOf(int da, int dp, int protocol) {
        return destinationBits(da, dp) | (protocol == NatPairs.UDP ? 1 : 0);
    }

    private int findDestination(long dk) {
        SlotIndex index = destinations;
        long hash = destHash(dk);
        for (int i = index.home(hash), d = 0; ; i = index.next(i), d++) {
            int c = index.candidate(i, d, hash);
            if (c == SlotIndex.END) {
                return NONE;
            }
            if (c >= 0 && destKey[c] == dk) {
                return c;
            }
        }
    }

    private int destNextOf(int slot) {
        return (int) rec[slot * stride + 5];
    }

    /** A new mapping {@code slot} of destination {@code dk} holds {@code pair}. */
    private void holdForDestination(int slot, long dk, int pair) {
        int d = findDestination(dk);
        if (d == NONE) {
            d = freeDest;
            freeDest = destHead[d];
            destKey[d] = dk;
            destCount[d] = 0;
            destHead[d] = NONE;
            destSet[d] = NONE;
            destinations.insert(destHash(dk), d);
            destinationCount++;
        }
        int head = destHead[d];
        rec[slot * stride + 5] = ((long) NONE << 32) | (head & LOW);
        if (head != NONE) {
            int i = head * stride + 5;
            rec[i] = ((long) slot << 32) | (rec[i] & LOW);
        }
        destHead[d] = slot;
        destCount[d]++;
        int set = destSet[d];
        if (set != NONE) {
            denseSets[set].set(pair);
        } else if (destCount[d] >= denseThreshold) {
            promote(d);
        }
    }

    /** Mapping {@code slot} of destination {@code dk} lets go of {@code pair}. */
    private void releaseForDestination(int slot, long dk, int pair) {
        int d = findDestination(dk);
        long links = rec[slot * stride + 5];
        int prev = (int) (links >>> 32);
        int next = (int) links;
        if (prev == NONE) {
            destHead[d] = next;
        } else {
            int i = prev * stride + 5;
            rec[i] = (rec[i] & ~LOW) | (next & LOW);
        }
        if (next != NONE) {
            int i = next * stride + 5;
            rec[i] = ((long) prev << 32) | (rec[i] & LOW);
        }
        destCount[d]--;
        int set = destSet[d];
        if (set != NONE) {
            denseSets[set].clear(pair);
            if (destCount[d] < denseRelease) {
                demote(d);
            }
        }
        if (destCount[d] == 0) {
            destinations.remove(destHash(dk), d);
            destHead[d] = freeDest;
            freeDest = d;
            destinationCount--;
        }
    }

    /** Gives destination {@code d} a dense set of its pairs, if the pool has or may build one: O(its mappings). */
    private void promote(int d) {
        int set;
        if (denseFreeTop > 0) {
            set = denseFree[--denseFreeTop];
        } else if (denseBuilt < denseSets.length) {
            set = denseBuilt++;
            denseSets[set] = new FullSummaryBitset(pairEnds.length); // warm-up: at most denseSets.length ever
        } else {
            return;
        }
        FullSummaryBitset bits = denseSets[set];
        for (int m = destHead[d]; m != NONE; m = destNextOf(m)) {
            bits.set(pairOf(m));
        }
        destSet[d] = set;
    }

    /** Returns destination {@code d}'s dense set to the pool, cleared: O(its mappings, fewer than the release). */
    private void demote(int d) {
        int set = destSet[d];
        FullSummaryBitset bits = denseSets[set];
        for (int m = destHead[d]; m != NONE; m = destNextOf(m)) {
            bits.clear(pairOf(m));
        }
        destSet[d] = NONE;
        denseFree[denseFreeTop++] = set;
    }

    /**
     * The lowest pair in {@code lo..hi-1} (one address's or block's) that destination {@code dk}
     * holds no mapping on, or NONE: a few word reads of its dense set; for a light destination
     * O(its mappings), which mark the first {@code mappings + 1} pairs of the range in the scratch.
     */
    private int lowestNotHeld(long dk, int lo, int hi) {
        int d = findDestination(dk);
        if (d == NONE) {
            return lo < hi ? lo : NONE;
        }
        int set = destSet[d];
        if (set != NONE) {
            int p = denseSets[set].nextClear(lo, hi);
            return p < 0 ? NONE : p;
        }
        int span = (int) Math.min(hi - lo, destCount[d] + 1L);
        for (int m = destHead[d]; m != NONE; m = destNextOf(m)) {
            int q = pairOf(m) - lo;
            if (q >= 0 && q < span) {
                scratch.set(q);
            }
        }
        int r = scratch.nextClear(0, span);
        for (int m = destHead[d]; m != NONE; m = destNextOf(m)) {
            int q = pairOf(m) - lo;
            if (q >= 0 && q < span) {
                scratch.clear(q);
            }
        }
        return r < 0 ? NONE : lo + r;
    }

    /** Live destinations (APDM): for the tests of the recycling. */
    int destinations() {
        return destinationCount;
    }

    /** Dense sets built so far, and those in use now (APDM): for the tests of the recycling. */
    int denseSetsBuilt() {
        return denseBuilt;
    }

    int denseSetsInUse() {
        return denseBuilt - denseFreeTop;
    }

    /** The most dense sets this allocator will build. */
    int denseSetCap() {
        return denseSets.length;
    }

    // ---- search --------------------------------------------------------------------------

    private boolean underDestinationLimit(int da, int dp, int protocol, int a) {
        if (!destinationLimited) {
            return true;
        }
        int count = destinationCounts.get(destinationKey(da, dp, protocol, a), 0);
        return count == LongPairTable.ABSENT || count < maxFlowsPerDestination;
    }

    /** Whether pair {@code p} may carry the flow: no holder (EIM), no holder for its destination (APDM). */
    private boolean usable(int p, int da, int dp, int protocol) {
        if (freePairs.get(p)) {
            return true;
        }
        if (eim) {
            return false;
        }
        int d = findDestination(destKeyOf(da, dp, protocol));
        if (d == NONE) {
            return true;
        }
        int set = destSet[d];
        return set != NONE ? !denseSets[set].get(p) : collision(p, da, dp, protocol) == NONE;
    }

    /** The record holding pair {@code p} (EIM), or holding it for the flow's destination (APDM); or NONE. */
    private int collision(int p, int da, int dp, int protocol) {
        if (direct) {
            return freePairs.get(p) ? NONE : p;
        }
        long dest = destinationBits(da, dp);
        long udp = protocol == NatPairs.UDP ? UDP_BIT : 0;
        for (int m = (int) (pairEnds[p] >>> 32); m != NONE; m = pairNextOf(m)) {
            int b = m * stride;
            if (eim || (rec[b + 3] == dest && (rec[b] & UDP_BIT) == udp)) {
                return m;
            }
        }
        return NONE;
    }

    /** The lowest wholly free pair in {@code lo..hi-1}, else (APDM) the lowest usable one; or NONE. */
    private int lowestUsable(int lo, int hi, int da, int dp, int protocol) {
        probeCount++;
        int p = freePairs.next(lo, hi);
        if (p >= 0 || eim) {
            return p;
        }
        probeCount++;
        return lowestNotHeld(destKeyOf(da, dp, protocol), lo, hi);
    }

    private boolean exhaustive() {
        return policy == NatCatalog.EXACT || policy == NatCatalog.ROUND_ROBIN;
    }

    private int search(int host, int ia, int da, int dp, int protocol) {
        boolean pinned = paired && hostAddressIndex[host] != NONE;
        int found = NONE;
        int chosen = NONE;
        if (pinned) {
            int a = hostAddressIndex[host];
            if (underDestinationLimit(da, dp, protocol, a)) {
                found = searchAddress(a, ia, da, dp, protocol);
                chosen = a;
            }
        } else {
            for (int i = 0; i < addressCount; i++) {
                int a = (addressCursor + i) % addressCount;
                if (!underDestinationLimit(da, dp, protocol, a)) {
                    continue;
                }
                found = searchAddress(a, ia, da, dp, protocol);
                chosen = a;
                if (found >= 0 || !exhaustive()) {
                    break;
                }
            }
            if (found >= 0) {
                addressCursor = (chosen + 1) % addressCount;
            }
        }
        if (found >= 0) {
            if (paired) {
                hostAddressIndex[host] = chosen;
            }
            return found;
        }
        return (int) classify(pinned ? hostAddressIndex[host] : NONE, da, dp, protocol).result();
    }

    /** Why no pair was found: exact, whatever the policy. */
    private NatFailure classify(int onlyAddress, int da, int dp, int protocol) {
        boolean anyUsable = false;
        int from = onlyAddress == NONE ? 0 : onlyAddress;
        int to = onlyAddress == NONE ? addressCount : onlyAddress + 1;
        long probesBefore = probeCount;
        NatFailure answer = NatFailure.ADDRESS_POOL_EXHAUSTED;
        for (int a = from; a < to; a++) {
            if (lowestUsable(a * range, a * range + range, da, dp, protocol) >= 0) {
                anyUsable = true;
                if (underDestinationLimit(da, dp, protocol, a)) {
                    answer = NatFailure.SEARCH_GAVE_UP;
                    break;
                }
            }
        }
        probeCount = probesBefore;
        if (answer == NatFailure.SEARCH_GAVE_UP) {
            return answer;
        }
        return anyUsable ? NatFailure.PER_DESTINATION_LIMIT : NatFailure.ADDRESS_POOL_EXHAUSTED;
    }

    private int searchAddress(int a, int ia, int da, int dp, int protocol) {
        int base = a * range;
        switch (policy) {
            case EXACT:
                return lowestUsable(base, base + range, da, dp, protocol);
            case ROUND_ROBIN:
                return roundRobin(a, base, da, dp, protocol);
            case CILIUM:
                return randomTries(base, range, tries, da, dp, protocol);
            case VPP:
                int worker = (int) ((mix(Integer.toUnsignedLong(ia)) >>> 1) % workers);
                return randomTries(base + worker * portsPerWorker, portsPerWorker, tries, da, dp, protocol);
            case NETFILTER:
                return netfilter(base, da, dp, protocol, false);
            case NETFILTER_EVICTING:
                return netfilter(base, da, dp, protocol, true);
            default:
                throw new IllegalStateException("policy: " + policy);
        }
    }

    private int roundRobin(int a, int base, int da, int dp, int protocol) {
        int start = portCursor[a];
        int found = NONE;
        if (eim) {
            probeCount++;
            found = freePairs.nextCyclic(base, base + range, base + start);
        } else {
            // a wholly free pair is one the destination does not hold: the first usable in cyclic
            // order is the first the destination does not hold, from the cursor, then from the base
            probeCount++;
            long dk = destKeyOf(da, dp, protocol);
            found = lowestNotHeld(dk, base + start, base + range);
            if (found < 0) {
                found = lowestNotHeld(dk, base, base + start);
            }
        }
        if (found >= 0) {
            portCursor[a] = (found - base + 1) % range;
        }
        return found;
    }

    private int randomTries(int base, int size, int count, int da, int dp, int protocol) {
        for (int t = 0; t < count; t++) {
            int p = base + uniform(size);
            probeCount++;
            if (usable(p, da, dp, protocol)) {
                return p;
            }
        }
        return NONE;
    }

    /** {@code nf_nat_l4proto_unique_tuple()}: runs of min(range, 128), 64, 32, 16, 8 from fresh offsets. */
    private int netfilter(int base, int da, int dp, int protocol, boolean evicting) {
        int attempts = Math.min(range, NETFILTER_MAX_ATTEMPTS);
        int offset = uniform(range);
        while (true) {
            for (int i = 0; i < attempts; i++) {
                int p = base + (offset + i) % range;
                probeCount++;
                if (usable(p, da, dp, protocol)) {
                    return p;
                }
                if (evicting && attempts - i <= NETFILTER_HARDER_THRESH && protocol == NatPairs.TCP && evict(p, da, dp, protocol)) {
                    return p;
                }
            }
            if (attempts >= range || attempts < NETFILTER_MIN_ATTEMPTS) {
                return NONE;
            }
            attempts /= 2;
            offset = uniform(range);
        }
    }

    /** Linux 6.5+: a colliding TCP mapping in TIME_WAIT (transitory) or CLOSE (RST) is killed. */
    private boolean evict(int p, int da, int dp, int protocol) {
        int m = collision(p, da, dp, protocol);
        if (m == NONE || (rec[m * stride] & UDP_BIT) != 0) {
            return false;
        }
        TimerState s = STATE_VALUES[stateOf(m)];
        if (s.isOpen()) {
            return false;
        }
        end(m);
        evictionCount++;
        return usable(p, da, dp, protocol);
    }

    private int searchBlocks(int host, int da, int dp, int protocol) {
        for (int b = hostBlockHead[host]; b != NONE; b = blockNext[b]) {
            if (!underDestinationLimit(da, dp, protocol, b / blocksPerAddress)) {
                continue;
            }
            int p = lowestUsable(b * blockSize, b * blockSize + blockSize, da, dp, protocol);
            if (p >= 0) {
                return p;
            }
        }
        if (hostBlocks[host] >= maxBlocksPerHost) {
            return (int) NatFailure.PER_HOST_LIMIT.result();
        }
        boolean pinned = paired && hostAddressIndex[host] != NONE;
        int chosen = NONE;
        boolean anyFreeBlock = false;
        for (int i = 0; i < (pinned ? 1 : addressCount); i++) {
            int a = pinned ? hostAddressIndex[host] : (addressCursor + i) % addressCount;
            if (freeBlocks.next(a * blocksPerAddress, a * blocksPerAddress + blocksPerAddress) < 0) {
                continue;
            }
            anyFreeBlock = true;
            if (underDestinationLimit(da, dp, protocol, a)) {
                chosen = a;
                break;
            }
        }
        if (chosen == NONE) {
            return (int) (anyFreeBlock ? NatFailure.PER_DESTINATION_LIMIT : NatFailure.ADDRESS_POOL_EXHAUSTED).result();
        }
        int want = hostBlocks[host] == 0 ? initialBlocks : 1;
        int lo = chosen * blocksPerAddress;
        int first = NONE;
        for (int k = 0; k < want; k++) {
            int block = freeBlocks.next(lo, lo + blocksPerAddress);
            if (block < 0) {
                break;
            }
            acquireBlock(host, block);
            if (first == NONE) {
                first = block;
            }
        }
        if (!pinned) {
            addressCursor = (chosen + 1) % addressCount;
        }
        if (paired) {
            hostAddressIndex[host] = chosen;
        }
        probeCount++;
        return first * blockSize;
    }

    // ---- randomness ----------------------------------------------------------------------

    private int uniform(int bound) {
        random += 0x9E37_79B9_7F4A_7C15L;
        long z = mix(random);
        return (int) (((z >>> 32) * bound) >>> 32);
    }

    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
