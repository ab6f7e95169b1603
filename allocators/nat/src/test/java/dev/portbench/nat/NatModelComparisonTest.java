package dev.portbench.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every catalog entry against {@link NatReferenceModel}, call by call, on long random sequences
 * over random small configurations (both behaviours, paired or not, port blocks, per-host and
 * per-destination limits, tiny tables, every timer state, time jumps from a random origin), with
 * misuse injected into the allocator under test only: a twin that never sees the misuse must give
 * the same answer to every later call. The seed is printed on failure.
 */
class NatModelComparisonTest {

    private static final int CONFIGS = 40;
    private static final int STEPS = 2_500;

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void matchesTheModelAndItsTwin(NatCatalog entry) {
        long[] seen = new long[NatFailure.values().length + 2];
        for (int c = 0; c < CONFIGS; c++) {
            long seed = 0xA11C_0000L + 7919L * c + entry.ordinal();
            Random r = new Random(seed);
            NatConfig config = NatScenarios.randomConfig(r);
            try {
                NatAllocator nat = run(entry, config, r);
                for (NatFailure f : NatFailure.values()) {
                    seen[f.ordinal()] += nat.failures(f);
                }
                seen[seen.length - 2] += nat.evictions();
                seen[seen.length - 1] += nat.blockLogRecords();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(entry.id() + " seed " + seed + " " + config + ": " + e.getMessage(), e);
            }
        }
        for (NatFailure f : new NatFailure[] {NatFailure.PER_HOST_LIMIT, NatFailure.PER_DESTINATION_LIMIT,
            NatFailure.ADDRESS_POOL_EXHAUSTED, NatFailure.MAPPING_TABLE_FULL, NatFailure.HOST_TABLE_FULL}) {
            assertTrue(entry != NatCatalog.EXACT || seen[f.ordinal()] > 0, "the sequences never met " + f);
        }
        if (entry.isExact()) {
            assertEquals(0, seen[NatFailure.SEARCH_GAVE_UP.ordinal()], "the exact policies never give up");
        } else if (entry == NatCatalog.CILIUM || entry == NatCatalog.VPP) {
            assertTrue(seen[NatFailure.SEARCH_GAVE_UP.ordinal()] > 0, "the few-try searches give up sometimes");
        }
        assertEquals(entry == NatCatalog.NETFILTER_EVICTING, seen[seen.length - 2] > 0, "evictions");
        assertTrue(seen[seen.length - 1] > 0, "block log records");
    }

    private static NatAllocator run(NatCatalog entry, NatConfig config, Random r) {
        NatAllocator nat = entry.create(config);
        NatAllocator twin = entry.create(config);
        NatReferenceModel model = new NatReferenceModel(entry, config);
        long now = r.nextLong();
        boolean started = false;
        long accepted = now;
        for (int step = 0; step < STEPS; step++) {
            now += NatScenarios.step(r);
            int ia = NatScenarios.host(r);
            int ip = NatScenarios.hostPort(r);
            int da = NatScenarios.destination(r);
            int dp = NatScenarios.destinationPort(r);
            int protocol = NatScenarios.protocol(r);
            int op = r.nextInt(100);
            String where = "step " + step + " op " + op + " now " + now;
            if (op < 50) {
                long evictionsBefore = nat.evictions();
                long actual = nat.map(ia, ip, da, dp, protocol, now);
                assertEquals(actual, twin.map(ia, ip, da, dp, protocol, now), where + " twin");
                long expected = model.map(ia, ip, da, dp, protocol, now, actual, nat.evictions() != evictionsBefore);
                assertEquals(NatPairs.toText(expected), NatPairs.toText(actual), where + " map");
                assertTrue(nat.evictions() - evictionsBefore <= 1, where + " at most one eviction per map");
            } else if (op < 60) {
                long actual = nat.lookup(ia, ip, da, dp, protocol, now);
                assertEquals(actual, twin.lookup(ia, ip, da, dp, protocol, now), where + " twin");
                assertEquals(NatPairs.toText(model.lookup(ia, ip, da, dp, protocol, now)), NatPairs.toText(actual), where);
            } else if (op < 65) {
                TimerState actual = nat.timerState(ia, ip, da, dp, protocol, now);
                assertEquals(actual, twin.timerState(ia, ip, da, dp, protocol, now), where + " twin");
                assertEquals(model.timerState(ia, ip, da, dp, protocol, now), actual, where + " state");
            } else if (op < 80) {
                CloseKind kind = CloseKind.values()[r.nextInt(3)];
                if (model.canClose(ia, ip, da, dp, protocol, now)) {
                    nat.close(ia, ip, da, dp, protocol, kind, now);
                    twin.close(ia, ip, da, dp, protocol, kind, now);
                    model.close(ia, ip, da, dp, protocol, kind, now);
                    accepted = now;
                    started = true;
                } else {
                    final long at = now;
                    assertThrows(IllegalStateException.class, () -> nat.close(ia, ip, da, dp, protocol, kind, at), where);
                }
            } else if (op < 85) {
                int ended = nat.expire(now);
                assertEquals(ended, twin.expire(now), where + " twin");
                assertEquals(model.expire(now), ended, where + " expire");
            } else if (op < 92) {
                misuse(nat, r, ia, ip, da, dp, protocol, now, started ? accepted : now, started, where);
            }
            if (op < 65 || (op >= 80 && op < 85)) {
                started = true;
                accepted = now;
            }
            compare(model, nat, where);
            compare(model, twin, where + " twin");
        }
        return nat;
    }

    private static void misuse(NatAllocator nat, Random r, int ia, int ip, int da, int dp, int protocol, long now,
            long accepted, boolean started, String where) {
        switch (r.nextInt(6)) {
            case 0:
                assertThrows(IllegalArgumentException.class, () -> nat.map(ia, 0, da, dp, protocol, now), where);
                break;
            case 1:
                assertThrows(IllegalArgumentException.class, () -> nat.map(ia, ip, da, 65_536, protocol, now), where);
                break;
            case 2:
                assertThrows(IllegalArgumentException.class, () -> nat.lookup(ia, ip, da, dp, 1, now), where);
                break;
            case 3:
                assertThrows(IllegalArgumentException.class, () -> nat.map(ia, ip, 0, dp, protocol, now), where);
                break;
            case 4:
                assertThrows(NullPointerException.class, () -> nat.close(ia, ip, da, dp, protocol, null, now), where);
                break;
            default:
                if (started) {
                    assertThrows(IllegalArgumentException.class, () -> nat.map(ia, ip, da, dp, protocol, accepted - 1 - r.nextInt(5)),
                            where + " backwards");
                }
                break;
        }
    }

    private static void compare(NatReferenceModel model, NatAllocator nat, String where) {
        assertEquals(model.mappings.size(), nat.liveMappings(), where + " live");
        for (TimerState s : TimerState.values()) {
            assertEquals(model.live(s), nat.liveMappings(s), where + " live " + s);
        }
        assertEquals(model.hosts.size(), nat.activeHosts(), where + " hosts");
        assertEquals(model.blocksInUse(), nat.blocksInUse(), where + " blocks");
        assertEquals(model.blockRecords, nat.blockLogRecords(), where + " block records");
        assertEquals(model.created, nat.mappingsCreated(), where + " created");
        for (NatFailure f : NatFailure.values()) {
            assertEquals(model.failures[f.ordinal()], nat.failures(f), where + " failures " + f);
        }
        if (!model.mappings.isEmpty()) {
            assertEquals(model.nextExpiry(), nat.nextExpiryTime(), where + " next expiry");
        }
    }
}
