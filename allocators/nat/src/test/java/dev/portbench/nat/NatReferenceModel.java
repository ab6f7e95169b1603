package dev.portbench.nat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The slow, obvious model of a {@link NatAllocator}: lists of mappings scanned in full. It
 * predicts every answer of the exhaustive policies and of every policy with port blocks, and for
 * the bounded searches checks the pair they chose (on the right address, usable for the flow, or
 * evictable) and adopts it; failures are classified exactly for all.
 */
final class NatReferenceModel {

    static final class Mapping {
        final int ia;
        final int ip;
        final int da;
        final int dp;
        final int protocol;
        final int pair;
        TimerState state;
        long deadline;

        Mapping(int ia, int ip, int da, int dp, int protocol, int pair) {
            this.ia = ia;
            this.ip = ip;
            this.da = da;
            this.dp = dp;
            this.protocol = protocol;
            this.pair = pair;
        }
    }

    static final class Host {
        int addressIndex = -1;
        final List<Integer> blocks = new ArrayList<>();
    }

    private final NatCatalog policy;
    private final NatConfig config;
    private final boolean eim;
    private final int range;
    private final int addressCount;
    private final int blockSize;
    private final int blocksPerAddress;
    private final int maxBlocksPerHost;
    private final int initialBlocks;
    final List<Mapping> mappings = new ArrayList<>();
    final Map<Integer, Host> hosts = new HashMap<>();
    final long[] failures = new long[NatFailure.values().length];
    private final boolean[] blockTaken;
    private int addressCursor;
    private final int[] portCursor;
    long blockRecords;
    long created;

    NatReferenceModel(NatCatalog policy, NatConfig config) {
        this.policy = policy;
        this.config = config;
        this.eim = config.behaviour() == MappingBehaviour.ENDPOINT_INDEPENDENT;
        this.range = config.rangeSize();
        this.addressCount = config.addressCount();
        this.blockSize = config.portBlocks() ? config.portBlockSize() : range;
        this.blocksPerAddress = range / blockSize;
        this.maxBlocksPerHost = config.portBlocks()
                ? Math.min(addressCount * blocksPerAddress, config.maxPortsPerHost() / blockSize) : 0;
        this.initialBlocks = config.portBlocks() ? Math.max(1, Math.min(maxBlocksPerHost,
                (config.minPortsPerHost() + blockSize - 1) / blockSize)) : 0;
        this.blockTaken = new boolean[addressCount * blocksPerAddress];
        this.portCursor = new int[addressCount];
    }

    long pairOf(int pair) {
        return NatPairs.pair(config.address(pair / range), config.firstPort() + pair % range);
    }

    int pairIndex(long external) {
        int a = -1;
        for (int i = 0; i < addressCount; i++) {
            if (config.address(i) == NatPairs.address(external)) {
                a = i;
            }
        }
        if (a < 0) {
            throw new AssertionError("pair " + NatPairs.toText(external) + " is on no pool address");
        }
        return a * range + NatPairs.port(external) - config.firstPort();
    }

    Mapping find(int ia, int ip, int da, int dp, int protocol) {
        for (Mapping m : mappings) {
            if (m.ia == ia && m.ip == ip && m.protocol == protocol && (eim || (m.da == da && m.dp == dp))) {
                return m;
            }
        }
        return null;
    }

    int expire(long now) {
        int ended = 0;
        for (Mapping m : new ArrayList<>(mappings)) {
            if (m.deadline - now <= 0) {
                end(m);
                ended++;
            }
        }
        return ended;
    }

    void end(Mapping m) {
        mappings.remove(m);
        Host host = hosts.get(m.ia);
        if (config.portBlocks()) {
            int block = m.pair / blockSize;
            boolean stillUsed = false;
            for (Mapping o : mappings) {
                if (o.pair / blockSize == block) {
                    stillUsed = true;
                }
            }
            if (!stillUsed) {
                releaseBlock(host, block);
            }
        }
        if (hostMappings(m.ia) == 0) {
            for (int b : new ArrayList<>(host.blocks)) {
                releaseBlock(host, b);
            }
            hosts.remove(m.ia);
        }
    }

    private void releaseBlock(Host host, int block) {
        host.blocks.remove(Integer.valueOf(block));
        blockTaken[block] = false;
        blockRecords++;
    }

    int hostMappings(int ia) {
        return count(m -> m.ia == ia);
    }

    int live(TimerState s) {
        return count(m -> m.state == s);
    }

    /** How many live mappings match {@code which}: a scan of them all. */
    private int count(Predicate<Mapping> which) {
        int n = 0;
        for (Mapping m : mappings) {
            if (which.test(m)) {
                n++;
            }
        }
        return n;
    }

    int blocksInUse() {
        int n = 0;
        for (boolean b : blockTaken) {
            n += b ? 1 : 0;
        }
        return n;
    }

    long nextExpiry() {
        Long best = null;
        for (Mapping m : mappings) {
            if (best == null || m.deadline - best < 0) {
                best = m.deadline;
            }
        }
        return best;
    }

    boolean usable(int pair, int da, int dp, int protocol) {
        for (Mapping m : mappings) {
            if (m.pair == pair && (eim || (m.da == da && m.dp == dp && m.protocol == protocol))) {
                return false;
            }
        }
        return true;
    }

    boolean whollyFree(int pair) {
        for (Mapping m : mappings) {
            if (m.pair == pair) {
                return false;
            }
        }
        return true;
    }

    boolean underLimit(int da, int dp, int protocol, int a) {
        int n = count(m -> m.da == da && m.dp == dp && m.protocol == protocol && m.pair / range == a);
        return n < config.maxFlowsPerDestination();
    }

    private int lowestUsable(int lo, int hi, int da, int dp, int protocol) {
        for (int p = lo; p < hi; p++) {
            if (whollyFree(p)) {
                return p;
            }
        }
        for (int p = lo; p < hi; p++) {
            if (usable(p, da, dp, protocol)) {
                return p;
            }
        }
        return -1;
    }

    private NatFailure classify(int only, int da, int dp, int protocol) {
        boolean any = false;
        for (int a = 0; a < addressCount; a++) {
            if (only >= 0 && a != only) {
                continue;
            }
            if (lowestUsable(a * range, a * range + range, da, dp, protocol) >= 0) {
                any = true;
                if (underLimit(da, dp, protocol, a)) {
                    return NatFailure.SEARCH_GAVE_UP;
                }
            }
        }
        return any ? NatFailure.PER_DESTINATION_LIMIT : NatFailure.ADDRESS_POOL_EXHAUSTED;
    }

    /**
     * Applies a map call; {@code actual} is the allocator's answer and {@code evicted} whether its
     * eviction counter moved. Answers the expected result (for the bounded searches the actual
     * pair once checked).
     */
    long map(int ia, int ip, int da, int dp, int protocol, long now, long actual, boolean evicted) {
        expire(now);
        TimerState open = protocol == NatPairs.TCP ? TimerState.ESTABLISHED : TimerState.UDP;
        Mapping existing = find(ia, ip, da, dp, protocol);
        if (existing != null) {
            existing.state = open;
            existing.deadline = now + config.timeoutNanos(open);
            return pairOf(existing.pair);
        }
        long expected = create(ia, ip, da, dp, protocol, now, actual, evicted);
        if (expected < 0) {
            failures[NatFailure.of(expected).ordinal()]++;
            return expected;
        }
        int pair = pairIndex(expected);
        Mapping m = new Mapping(ia, ip, da, dp, protocol, pair);
        m.state = open;
        m.deadline = now + config.timeoutNanos(open);
        mappings.add(m);
        created++;
        return expected;
    }

    private long create(int ia, int ip, int da, int dp, int protocol, long now, long actual, boolean evicted) {
        if (mappings.size() == config.maxMappings()) {
            return NatFailure.MAPPING_TABLE_FULL.result();
        }
        Host host = hosts.get(ia);
        if (host == null && hosts.size() == config.maxHosts()) {
            return NatFailure.HOST_TABLE_FULL.result();
        }
        if (host != null && !config.portBlocks() && hostMappings(ia) >= config.maxPortsPerHost()) {
            return NatFailure.PER_HOST_LIMIT.result();
        }
        boolean isNew = host == null;
        if (isNew) {
            host = new Host();
            hosts.put(ia, host);
        }
        long answer = config.portBlocks() ? inBlocks(host, da, dp, protocol) : search(host, da, dp, protocol, actual, evicted);
        if (answer < 0 && isNew) {
            hosts.remove(ia);
        }
        return answer;
    }

    private long search(Host host, int da, int dp, int protocol, long actual, boolean evicted) {
        boolean pinned = config.pairedPooling() && host.addressIndex >= 0;
        int expectedAddress = -1;
        int found = -1;
        for (int i = 0; i < (pinned ? 1 : addressCount); i++) {
            int a = pinned ? host.addressIndex : (addressCursor + i) % addressCount;
            if (!underLimit(da, dp, protocol, a)) {
                continue;
            }
            if (policy == NatCatalog.EXACT) {
                found = lowestUsable(a * range, a * range + range, da, dp, protocol);
            } else if (policy == NatCatalog.ROUND_ROBIN) {
                for (int k = 0; k < range && found < 0; k++) {
                    int offset = (portCursor[a] + k) % range;
                    if (usable(a * range + offset, da, dp, protocol)) {
                        found = a * range + offset;
                        portCursor[a] = (offset + 1) % range;
                    }
                }
            } else {
                expectedAddress = a;
                if (actual >= 0) {
                    found = checkBoundedChoice(a, actual, da, dp, protocol, evicted);
                }
                break;
            }
            if (found >= 0) {
                expectedAddress = a;
                break;
            }
        }
        if (found < 0) {
            return classify(pinned ? host.addressIndex : -1, da, dp, protocol).result();
        }
        if (!pinned) {
            addressCursor = (expectedAddress + 1) % addressCount;
        }
        if (config.pairedPooling()) {
            host.addressIndex = expectedAddress;
        }
        return pairOf(found);
    }

    private int checkBoundedChoice(int a, long actual, int da, int dp, int protocol, boolean evicted) {
        int pair = pairIndex(actual);
        if (pair / range != a) {
            throw new AssertionError(policy + " chose " + NatPairs.toText(actual) + " on address index " + pair / range
                    + ", expected address index " + a);
        }
        if (evicted) {
            Mapping victim = null;
            for (Mapping m : mappings) {
                if (m.pair == pair && (eim || (m.da == da && m.dp == dp && m.protocol == protocol))) {
                    victim = m;
                }
            }
            if (victim == null || victim.state.isOpen() || victim.protocol != NatPairs.TCP || protocol != NatPairs.TCP) {
                throw new AssertionError(policy + " evicted on " + NatPairs.toText(actual) + " without a closing TCP collision");
            }
            end(victim);
        }
        if (!usable(pair, da, dp, protocol)) {
            throw new AssertionError(policy + " chose " + NatPairs.toText(actual) + ", which is not usable for the flow");
        }
        if (policy == NatCatalog.VPP) {
            int slice = range / config.workers();
            if (pair % range >= slice * config.workers()) {
                throw new AssertionError("vpp chose port offset " + pair % range + " outside every worker slice");
            }
        }
        return pair;
    }

    private long inBlocks(Host host, int da, int dp, int protocol) {
        for (int b : host.blocks) {
            if (!underLimit(da, dp, protocol, b / blocksPerAddress)) {
                continue;
            }
            int p = lowestUsable(b * blockSize, b * blockSize + blockSize, da, dp, protocol);
            if (p >= 0) {
                return pairOf(p);
            }
        }
        if (host.blocks.size() >= maxBlocksPerHost) {
            return NatFailure.PER_HOST_LIMIT.result();
        }
        boolean pinned = config.pairedPooling() && host.addressIndex >= 0;
        int chosen = -1;
        boolean anyFree = false;
        for (int i = 0; i < (pinned ? 1 : addressCount) && chosen < 0; i++) {
            int a = pinned ? host.addressIndex : (addressCursor + i) % addressCount;
            if (lowestFreeBlock(a) < 0) {
                continue;
            }
            anyFree = true;
            if (underLimit(da, dp, protocol, a)) {
                chosen = a;
            }
        }
        if (chosen < 0) {
            return (anyFree ? NatFailure.PER_DESTINATION_LIMIT : NatFailure.ADDRESS_POOL_EXHAUSTED).result();
        }
        int want = host.blocks.isEmpty() ? initialBlocks : 1;
        int first = -1;
        for (int k = 0; k < want; k++) {
            int b = lowestFreeBlock(chosen);
            if (b < 0) {
                break;
            }
            blockTaken[b] = true;
            host.blocks.add(b);
            blockRecords++;
            if (first < 0) {
                first = b;
            }
        }
        if (!pinned) {
            addressCursor = (chosen + 1) % addressCount;
        }
        if (config.pairedPooling()) {
            host.addressIndex = chosen;
        }
        return pairOf(first * blockSize);
    }

    private int lowestFreeBlock(int a) {
        for (int b = a * blocksPerAddress; b < (a + 1) * blocksPerAddress; b++) {
            if (!blockTaken[b]) {
                return b;
            }
        }
        return -1;
    }

    long lookup(int ia, int ip, int da, int dp, int protocol, long now) {
        expire(now);
        Mapping m = find(ia, ip, da, dp, protocol);
        return m == null ? NatFailure.NOT_FOUND.result() : pairOf(m.pair);
    }

    TimerState timerState(int ia, int ip, int da, int dp, int protocol, long now) {
        expire(now);
        Mapping m = find(ia, ip, da, dp, protocol);
        return m == null ? null : m.state;
    }

    /** Whether a close of this flow is legal at {@code now} (an open mapping not yet due). */
    boolean canClose(int ia, int ip, int da, int dp, int protocol, long now) {
        Mapping m = find(ia, ip, da, dp, protocol);
        return m != null && m.state.isOpen() && m.deadline - now > 0;
    }

    void close(int ia, int ip, int da, int dp, int protocol, CloseKind kind, long now) {
        expire(now);
        Mapping m = find(ia, ip, da, dp, protocol);
        if (kind == CloseKind.IDLE) {
            end(m);
        } else {
            m.state = kind == CloseKind.FIN ? TimerState.TRANSITORY : TimerState.RST_COOLDOWN;
            m.deadline = now + config.timeoutNanos(m.state);
        }
    }
}
