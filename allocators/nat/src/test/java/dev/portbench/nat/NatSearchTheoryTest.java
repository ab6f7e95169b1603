package dev.portbench.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bounded searches against theory. k independent uniform probes on a uniformly random fill f
 * give up with probability f^k (Cilium, VPP); the measured rate must lie in the binomial 99%
 * interval. Netfilter's runs of neighbours do not follow f^k: on the fill it leaves behind itself,
 * its failure probability is computed exactly from the taken ports (the product over its five
 * runs of the share of offsets whose whole run is taken) and compared the same way.
 */
class NatSearchTheoryTest {

    private static final int HOST = NatPairs.ipv4(10, 0, 0, 1);
    private static final int PEER = NatPairs.ipv4(198, 51, 100, 1);
    private static final double Z99 = 2.576;

    /** Fills {@code nat} to exactly {@code taken} live mappings; answers which port offsets they hold. */
    private static boolean[] fill(NatAllocator nat, int range, int taken) {
        boolean[] occupied = new boolean[range];
        int port = 1;
        int live = 0;
        for (int attempt = 0; live < taken && attempt < 100 * taken; attempt++, port++) {
            long pair = nat.map(HOST + port / 60_000, 1 + port % 60_000, PEER, 80, NatPairs.TCP, 0);
            if (NatPairs.isPair(pair)) {
                occupied[NatPairs.port(pair) - 1000] = true;
                live++;
            }
        }
        assertEquals(taken, live);
        return occupied;
    }

    /** Measures how often a new mapping gives up; each success is ended at once, keeping the fill. */
    private static int failures(NatAllocator nat, int trials) {
        int failed = 0;
        for (int t = 0; t < trials; t++) {
            int ip = 1 + t % 60_000;
            int ia = NatPairs.ipv4(10, 1, 0, 0) + t / 60_000;
            long pair = nat.map(ia, ip, PEER, 80, NatPairs.TCP, 0);
            if (NatPairs.isPair(pair)) {
                nat.close(ia, ip, PEER, 80, NatPairs.TCP, CloseKind.IDLE, 0);
            } else {
                assertEquals(NatFailure.SEARCH_GAVE_UP, NatFailure.of(pair), "free pairs exist, so a failure is a give-up");
                failed++;
            }
        }
        return failed;
    }

    private static void withinBinomial99(double p, int trials, int failed, String what) {
        double mean = p * trials;
        double halfWidth = Z99 * Math.sqrt(trials * p * (1 - p));
        assertTrue(Math.abs(failed - mean) <= halfWidth, what + ": " + failed + " failures in " + trials
                + " trials, expected " + mean + " +- " + halfWidth + " (p = " + p + ")");
    }

    private static NatConfig.Builder oneAddress(int range) {
        return NatConfig.builder().portRange(1000, 1000 + range - 1).maxMappings(4 * range).maxHosts(100);
    }

    /**
     * Cilium's k = 32 uniform probes over the whole range, VPP's k = 10 in its slice: on a range of
     * 1000 filled to {@code taken}, a new mapping gives up with probability f^k, f = taken / 1000.
     */
    @ParameterizedTest(name = "{0} k={1} taken={2}")
    @CsvSource({"CILIUM, 32, 900, 20000, 11", "VPP, 10, 800, 5000, 12"})
    void independentProbesGiveUpAtFToTheK(NatCatalog entry, int k, int taken, int trials, long seed) {
        NatAllocator nat = entry.create(oneAddress(1000).seed(seed).build());
        fill(nat, 1000, taken);
        double f = taken / 1000.0;
        withinBinomial99(Math.pow(f, k), trials, failures(nat, trials), entry.id() + " k=" + k + " f=" + f);
    }

    @Test
    void netfilterMatchesTheExactProbabilityOfItsRunsOnItsOwnFill() {
        int range = 256;
        NatAllocator nat = NatCatalog.NETFILTER.create(oneAddress(range).seed(13).build());
        boolean[] occupied = fill(nat, range, 240);
        int port = 50_000;
        double p = exactNetfilterFailure(occupied);
        for (int taken = 240; taken < range - 1 && p < 0.01; port++) {
            long pair = nat.map(HOST + 1, port, PEER, 80, NatPairs.TCP, 0);
            if (NatPairs.isPair(pair)) {
                occupied[NatPairs.port(pair) - 1000] = true;
                taken++;
                p = exactNetfilterFailure(occupied);
            }
        }
        assertTrue(p > 0.001 && p < 0.999, "the fill gives a measurable probability: " + p);
        int trials = 10_000;
        withinBinomial99(p, trials, failures(nat, trials), "netfilter runs on its own fill");
    }

    /** The product over netfilter's runs of the share of random offsets whose whole run is taken. */
    private static double exactNetfilterFailure(boolean[] occupied) {
        int range = occupied.length;
        double p = 1;
        for (int run : new int[] {128, 64, 32, 16, 8}) {
            int blockedOffsets = 0;
            for (int offset = 0; offset < range; offset++) {
                boolean allTaken = true;
                for (int i = 0; i < run && allTaken; i++) {
                    allTaken = occupied[(offset + i) % range];
                }
                blockedOffsets += allTaken ? 1 : 0;
            }
            p *= (double) blockedOffsets / range;
        }
        return p;
    }

    @Test
    void netfilterProbesExactly248PortsBeforeGivingUpAbove128AndTheWholeRangeBelow() {
        NatAllocator wide = NatCatalog.NETFILTER.create(oneAddress(300).build());
        fill(wide, 300, 299);
        int gaveUp = 0;
        for (int t = 0; t < 200; t++) {
            long before = wide.probes();
            long pair = wide.map(HOST + 9, 1 + t, PEER, 80, NatPairs.TCP, 0);
            long probes = wide.probes() - before;
            if (NatPairs.isPair(pair)) {
                assertTrue(probes <= 248, "a success within the 248 probes: " + probes);
                wide.close(HOST + 9, 1 + t, PEER, 80, NatPairs.TCP, CloseKind.IDLE, 0);
            } else {
                assertEquals(248, probes, "runs of 128 + 64 + 32 + 16 + 8");
                gaveUp++;
            }
        }
        assertTrue(gaveUp > 0, "one free port in 300: some of 200 searches miss it");
        NatAllocator narrow = NatCatalog.NETFILTER.create(oneAddress(100).build());
        fill(narrow, 100, 99);
        assertTrue(NatPairs.isPair(narrow.map(HOST + 9, 9, PEER, 80, NatPairs.TCP, 0)),
                "ranges up to 128 are searched in one exhaustive pass");
        long before = narrow.probes();
        assertEquals(NatFailure.ADDRESS_POOL_EXHAUSTED, NatFailure.of(narrow.map(HOST + 9, 10, PEER, 80, NatPairs.TCP, 0)));
        assertEquals(100, narrow.probes() - before);
    }
}
