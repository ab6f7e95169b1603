package dev.portbench.nat;

/**
 * The one NAT allocator of this module, parameterised by its search policy ({@link NatCatalog}).
 * It owns the state, the clock and every check; the policies differ only in how they pick a port
 * within an external address.
 *
 * <h2>Structures</h2>
 * Mapping slots are parallel primitive arrays preallocated to {@link NatConfig#maxMappings()}
 * with a free list. Flows find their slot through a {@link LongPairTable} (load at most 1/2, no
 * rehash); internal hosts through another. Every pair (address index x range + port offset) has
 * the head of an intrusive chain of the mappings on it (one under EIM, one per destination under
 * APDM) and a bit in a {@link SummaryBitset} of wholly free pairs. Timers are one intrusive
 * doubly-linked FIFO per {@link TimerState}: every mapping in a state has the same timeout and
 * time never goes backwards, so each FIFO is in deadline order and expiry is exact and O(1) per
 * mapping ended. Port blocks (RFC 7422) have an owner, a live count and a bit in a
 * {@link SummaryBitset} of free blocks; per-destination counts live in a third table.
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
 * <h2>Costs</h2>
 * A map of a known flow, lookup, close and each expiry are O(1) expected (one table probe
 * sequence; the pair chain, whose length is the number of destinations on the pair). A new
 * mapping costs its policy's search ({@link NatCatalog}) plus O(1). A failed map costs an exact
 * classification of the reason: O(pairs / 4096) under EIM, O(pairs x chain) under APDM when no
 * pair of the allowed addresses is wholly free. No allocation after construction.
 *
 * <h2>Bytes per mapping</h2>
 * About 49 bytes in the slot arrays plus 40 in the flow table (two {@code long} keys and an
 * {@code int} at load 1/2), plus 4.2 bytes per external pair and per host slot about 64.
 */
final class ComposedNatAllocator implements NatAllocator {

    private static final int NONE = -1;
    private static final byte FREE_SLOT = -1;
    private static final int STATES = TimerState.values().length;
    private static final TimerState[] STATE_VALUES = TimerState.values();
    private static final int NETFILTER_MAX_ATTEMPTS = 128;
    private static final int NETFILTER_MIN_ATTEMPTS = 16;
    private static final int NETFILTER_HARDER_THRESH = NETFILTER_MAX_ATTEMPTS / 4;
    private static final int CILIUM_RETRIES = 32;
    private static final int VPP_TRIES = 10;

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

    private final int capacity;
    private final int[] internalAddress;
    private final int[] internalPortProtocol;
    private final int[] destinationAddress;
    private final int[] destinationPort;
    private final int[] mappingPair;
    private final int[] mappingHost;
    private final int[] timerPrev;
    private final int[] timerNext;
    private final int[] pairNext;
    private final long[] deadline;
    private final byte[] state;
    private int freeSlot;
    private int live;
    private final int[] liveByState = new int[STATES];
    private final int[] fifoHead = new int[STATES];
    private final int[] fifoTail = new int[STATES];

    private final LongPairTable flows;
    private final int[] pairHead;
    private final SummaryBitset freePairs;

    private final LongPairTable hosts;
    private final int maxHosts;
    private final int[] hostAddress;
    private final int[] hostAddressIndex;
    private final int[] hostMappings;
    private final int[] hostBlocks;
    private final int[] hostBlockHead;
    private final int[] hostNextFree;
    private int freeHost;
    private int hostCount;

    private final int[] blockOwner;
    private final int[] blockLive;
    private final int[] blockNext;
    private final SummaryBitset freeBlocks;
    private int blocksHeld;

    private final LongPairTable destinationCounts;

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

    ComposedNatAllocator(NatCatalog policy, NatConfig config) {
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
        if (pairs > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("pairs: " + pairs + " (expected: addresses x ports <= "
                    + Integer.MAX_VALUE / 2 + ")");
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

        this.capacity = config.maxMappings();
        this.internalAddress = new int[capacity];
        this.internalPortProtocol = new int[capacity];
        this.destinationAddress = new int[capacity];
        this.destinationPort = new int[capacity];
        this.mappingPair = new int[capacity];
        this.mappingHost = new int[capacity];
        this.timerPrev = new int[capacity];
        this.timerNext = new int[capacity];
        this.pairNext = new int[capacity];
        this.deadline = new long[capacity];
        this.state = new byte[capacity];
        for (int i = 0; i < capacity; i++) {
            timerNext[i] = i + 1 < capacity ? i + 1 : NONE;
            state[i] = FREE_SLOT;
        }
        java.util.Arrays.fill(fifoHead, NONE);
        java.util.Arrays.fill(fifoTail, NONE);
        this.flows = new LongPairTable(capacity);
        this.pairHead = new int[(int) pairs];
        java.util.Arrays.fill(pairHead, NONE);
        this.freePairs = new SummaryBitset((int) pairs);
        for (int p = 0; p < pairs; p++) {
            freePairs.set(p);
        }

        this.maxHosts = config.maxHosts();
        this.hosts = new LongPairTable(maxHosts);
        this.hostAddress = new int[maxHosts];
        this.hostAddressIndex = new int[maxHosts];
        this.hostMappings = new int[maxHosts];
        this.hostBlocks = new int[maxHosts];
        this.hostBlockHead = new int[maxHosts];
        this.hostNextFree = new int[maxHosts];
        for (int i = 0; i < maxHosts; i++) {
            hostNextFree[i] = i + 1 < maxHosts ? i + 1 : NONE;
        }

        int blockArrays = blocks ? totalBlocks : 0;
        this.blockOwner = new int[blockArrays];
        this.blockLive = new int[blockArrays];
        this.blockNext = new int[blockArrays];
        this.freeBlocks = new SummaryBitset(Math.max(1, blockArrays));
        for (int b = 0; b < blockArrays; b++) {
            blockOwner[b] = NONE;
            freeBlocks.set(b);
        }
        this.destinationCounts = new LongPairTable(destinationLimited ? capacity : 1);
        this.portCursor = new int[addressCount];
        this.random = config.seed();
    }

    // ---- the API -------------------------------------------------------------------------

    @Override
    public long map(int ia, int ip, int da, int dp, int protocol, long now) {
        NatChecks.checkFlow(ia, ip, da, dp, protocol);
        checkTime(now);
        TimerState open = protocol == NatPairs.TCP ? TimerState.ESTABLISHED : TimerState.UDP;
        checkLife(now, timeouts[open.ordinal()]);
        advance(now);
        int slot = flows.get(firstKey(ia, ip, dp), secondKey(da, protocol));
        if (slot != LongPairTable.ABSENT) {
            restart(slot, open, now);
            return externalPair(mappingPair[slot]);
        }
        return create(ia, ip, da, dp, protocol, open, now);
    }

    @Override
    public long lookup(int ia, int ip, int da, int dp, int protocol, long now) {
        NatChecks.checkFlow(ia, ip, da, dp, protocol);
        checkTime(now);
        advance(now);
        int slot = flows.get(firstKey(ia, ip, dp), secondKey(da, protocol));
        return slot == LongPairTable.ABSENT ? NatFailure.NOT_FOUND.result() : externalPair(mappingPair[slot]);
    }

    @Override
    public TimerState timerState(int ia, int ip, int da, int dp, int protocol, long now) {
        NatChecks.checkFlow(ia, ip, da, dp, protocol);
        checkTime(now);
        advance(now);
        int slot = flows.get(firstKey(ia, ip, dp), secondKey(da, protocol));
        return slot == LongPairTable.ABSENT ? null : STATE_VALUES[state[slot]];
    }

    @Override
    public void close(int ia, int ip, int da, int dp, int protocol, CloseKind kind, long now) {
        NatChecks.checkFlow(ia, ip, da, dp, protocol);
        NatChecks.checkNotNull("kind", kind);
        checkTime(now);
        int slot = flows.get(firstKey(ia, ip, dp), secondKey(da, protocol));
        if (slot == LongPairTable.ABSENT || !STATE_VALUES[state[slot]].isOpen() || deadline[slot] - now <= 0) {
            throw new IllegalStateException("flow " + NatPairs.toText(ia) + ":" + ip + " -> " + NatPairs.toText(da) + ":"
                    + dp + " protocol " + protocol + ": no open mapping at " + now
                    + (slot == LongPairTable.ABSENT ? "" : " (its mapping is " + STATE_VALUES[state[slot]]
                    + " until " + deadline[slot] + ")") + " (expected: a flow mapped and not closed)");
        }
        TimerState next = kind == CloseKind.FIN ? TimerState.TRANSITORY : TimerState.RST_COOLDOWN;
        if (kind != CloseKind.IDLE) {
            checkLife(now, timeouts[next.ordinal()]);
        }
        advance(now);
        if (kind == CloseKind.IDLE) {
            end(slot);
        } else {
            restart(slot, next, now);
        }
    }

    @Override
    public int expire(long now) {
        checkTime(now);
        return advance(now);
    }

    @Override
    public long nextExpiryTime() {
        if (live == 0) {
            throw new IllegalStateException("no live mapping (expected: liveMappings() > 0)");
        }
        long best = 0;
        boolean found = false;
        for (int s = 0; s < STATES; s++) {
            int head = fifoHead[s];
            if (head != NONE && (!found || deadline[head] - best < 0)) {
                best = deadline[head];
                found = true;
            }
        }
        return best;
    }

    @Override
    public int liveMappings() {
        return live;
    }

    @Override
    public int liveMappings(TimerState s) {
        return liveByState[NatChecks.checkNotNull("state", s).ordinal()];
    }

    @Override
    public int activeHosts() {
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
        return blockRecords;
    }

    @Override
    public int blocksInUse() {
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

    private int advance(long now) {
        if (!started) {
            started = true;
            origin = now;
        }
        clock = now;
        int ended = 0;
        for (int s = 0; s < STATES; s++) {
            int head = fifoHead[s];
            while (head != NONE && deadline[head] - now <= 0) {
                end(head);
                ended++;
                head = fifoHead[s];
            }
        }
        return ended;
    }

    // ---- mappings ------------------------------------------------------------------------

    private long firstKey(int ia, int ip, int dp) {
        return ((long) ia << 32) | ((long) ip << 16) | (eim ? 0 : dp);
    }

    private long secondKey(int da, int protocol) {
        return ((eim ? 0 : Integer.toUnsignedLong(da)) << 1) | (protocol == NatPairs.TCP ? 0 : 1);
    }

    private long destinationKey(int da, int dp, int protocol, int addressIndex) {
        return (Integer.toUnsignedLong(da) << 27) | ((long) dp << 11) | ((protocol == NatPairs.TCP ? 0L : 1L) << 10)
                | addressIndex;
    }

    private long externalPair(int pair) {
        return NatPairs.pair(addresses[pair / range], firstPort + pair % range);
    }

    private long fail(NatFailure failure) {
        failureCounts[failure.ordinal()]++;
        return failure.result();
    }

    private long create(int ia, int ip, int da, int dp, int protocol, TimerState open, long now) {
        if (live == capacity) {
            return fail(NatFailure.MAPPING_TABLE_FULL);
        }
        int host = hosts.get(ia, 0);
        if (host == LongPairTable.ABSENT) {
            if (hostCount == maxHosts) {
                return fail(NatFailure.HOST_TABLE_FULL);
            }
            host = addHost(ia);
        } else if (!blocks && hostMappings[host] >= maxPortsPerHost) {
            return fail(NatFailure.PER_HOST_LIMIT);
        }
        hostMappings[host]++; // reserved, so that an eviction during the search cannot drop this host
        int pair = blocks ? searchBlocks(host, da, dp, protocol) : search(host, ia, da, dp, protocol);
        if (pair < 0) {
            hostMappings[host]--;
            if (hostMappings[host] == 0) {
                removeHost(host);
            }
            return fail(NatFailure.of(pair));
        }
        int slot = freeSlot;
        freeSlot = timerNext[slot];
        internalAddress[slot] = ia;
        internalPortProtocol[slot] = (ip << 8) | protocol;
        destinationAddress[slot] = da;
        destinationPort[slot] = dp;
        mappingPair[slot] = pair;
        mappingHost[slot] = host;
        pairNext[slot] = pairHead[pair];
        pairHead[pair] = slot;
        freePairs.clear(pair);
        flows.put(firstKey(ia, ip, dp), secondKey(da, protocol), slot);
        if (destinationLimited) {
            long key = destinationKey(da, dp, protocol, pair / range);
            int count = destinationCounts.get(key, 0);
            destinationCounts.put(key, 0, count == LongPairTable.ABSENT ? 1 : count + 1);
        }
        if (blocks) {
            blockLive[pair / blockSize]++;
        }
        live++;
        created++;
        state[slot] = (byte) open.ordinal();
        deadline[slot] = now + timeouts[open.ordinal()];
        liveByState[open.ordinal()]++;
        append(slot, open.ordinal());
        return externalPair(pair);
    }

    private void restart(int slot, TimerState next, long now) {
        int from = state[slot];
        unlink(slot, from);
        liveByState[from]--;
        state[slot] = (byte) next.ordinal();
        deadline[slot] = now + timeouts[next.ordinal()];
        liveByState[next.ordinal()]++;
        append(slot, next.ordinal());
    }

    /** Ends a mapping: its pair, destination count, block and host let go of it. */
    private void end(int slot) {
        int s = state[slot];
        unlink(slot, s);
        liveByState[s]--;
        live--;
        int ia = internalAddress[slot];
        int portProtocol = internalPortProtocol[slot];
        int protocol = portProtocol & 0xFF;
        int da = destinationAddress[slot];
        int dp = destinationPort[slot];
        flows.remove(firstKey(ia, portProtocol >>> 8, dp), secondKey(da, protocol));
        int pair = mappingPair[slot];
        if (pairHead[pair] == slot) {
            pairHead[pair] = pairNext[slot];
        } else {
            int m = pairHead[pair];
            while (pairNext[m] != slot) {
                m = pairNext[m];
            }
            pairNext[m] = pairNext[slot];
        }
        if (pairHead[pair] == NONE) {
            freePairs.set(pair);
        }
        if (destinationLimited) {
            long key = destinationKey(da, dp, protocol, pair / range);
            int count = destinationCounts.get(key, 0);
            if (count == 1) {
                destinationCounts.remove(key, 0);
            } else {
                destinationCounts.put(key, 0, count - 1);
            }
        }
        int host = mappingHost[slot];
        if (blocks) {
            int block = pair / blockSize;
            if (--blockLive[block] == 0) {
                releaseBlock(block);
            }
        }
        if (--hostMappings[host] == 0) {
            removeHost(host);
        }
        state[slot] = FREE_SLOT;
        timerNext[slot] = freeSlot;
        freeSlot = slot;
    }

    private void append(int slot, int s) {
        int tail = fifoTail[s];
        timerPrev[slot] = tail;
        timerNext[slot] = NONE;
        if (tail == NONE) {
            fifoHead[s] = slot;
        } else {
            timerNext[tail] = slot;
        }
        fifoTail[s] = slot;
    }

    private void unlink(int slot, int s) {
        int prev = timerPrev[slot];
        int next = timerNext[slot];
        if (prev == NONE) {
            fifoHead[s] = next;
        } else {
            timerNext[prev] = next;
        }
        if (next == NONE) {
            fifoTail[s] = prev;
        } else {
            timerPrev[next] = prev;
        }
    }

    // ---- hosts and blocks ----------------------------------------------------------------

    private int addHost(int ia) {
        int host = freeHost;
        freeHost = hostNextFree[host];
        hostAddress[host] = ia;
        hostAddressIndex[host] = NONE;
        hostMappings[host] = 0;
        hostBlocks[host] = 0;
        hostBlockHead[host] = NONE;
        hosts.put(ia, 0, host);
        hostCount++;
        return host;
    }

    private void removeHost(int host) {
        while (hostBlockHead[host] != NONE) {
            releaseBlock(hostBlockHead[host]);
        }
        hosts.remove(hostAddress[host], 0);
        hostNextFree[host] = freeHost;
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
        if (eim) {
            return pairHead[p] == NONE;
        }
        return collision(p, da, dp, protocol) == NONE;
    }

    private int collision(int p, int da, int dp, int protocol) {
        for (int m = pairHead[p]; m != NONE; m = pairNext[m]) {
            if (eim || (destinationAddress[m] == da && destinationPort[m] == dp
                    && (internalPortProtocol[m] & 0xFF) == protocol)) {
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
        for (int q = lo; q < hi; q++) {
            probeCount++;
            if (usable(q, da, dp, protocol)) {
                return q;
            }
        }
        return NONE;
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
            for (int i = 0; i < range; i++) {
                int q = base + (start + i) % range;
                probeCount++;
                if (usable(q, da, dp, protocol)) {
                    found = q;
                    break;
                }
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
        if (m == NONE || (internalPortProtocol[m] & 0xFF) != NatPairs.TCP) {
            return false;
        }
        TimerState s = STATE_VALUES[state[m]];
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
