package dev.portbench.workload;

import dev.portbench.allocator.Destinations;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.simple.RandomSource;

import java.util.Locale;

/**
 * The destination-aware workloads of the JMH suite: the KB's client (1025-5000, 3976 ports,
 * 240 s TIME-WAIT, fixed-rate connect and close) talking to N destinations at once, each
 * connection to one destination, chosen round-robin ("even") or Zipf-skewed with exponent 1
 * ("zipf"). With 2 and 16 destinations each gets rho 0.99 on average, so a stack that shares ports
 * per destination runs every destination near its own capacity; 1024 destinations share the
 * 16-destination client's total rate (a proxy with many lightly used upstreams). Under Zipf the
 * most popular destinations are overloaded and fail: failing must stay cheap too.
 *
 * <p>The aggregate trace is an ordinary {@link Workload} trace; {@link #destinationKeys} assigns
 * each of its connections a {@link Destinations} key, once, before anything is measured.
 */
public enum DestinationWorkload {

    DST2_EVEN(2, 0, 2),
    DST16_EVEN(16, 0, 16),
    DST16_ZIPF(16, 1.0, 16),
    DST1024_EVEN(1024, 0, 16),
    DST1024_ZIPF(1024, 1.0, 16);

    /**
     * The single-pool workload these are compared with: one pool of the same 3976 ports at the same
     * load per pool ({@code ReplayBenchmark}); a run benchmarks these only when it includes that one.
     */
    public static final String SINGLE_POOL_REFERENCE = "q170791-rho0.99";

    /** Each destination's (or, for 1024, each of 16 destinations' worth of) load: the KB client at rho 0.99. */
    public static final double RHO_PER_DESTINATION = 0.99;

    private final int destinations;
    private final double zipfExponent;
    private final int loadInDestinations;

    DestinationWorkload(int destinations, double zipfExponent, int loadInDestinations) {
        this.destinations = destinations;
        this.zipfExponent = zipfExponent;
        this.loadInDestinations = loadInDestinations;
    }

    /** The id used in reports: {@code dst16-zipf}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public int destinations() {
        return destinations;
    }

    /** The Zipf exponent, 0 for round-robin. */
    public double zipfExponent() {
        return zipfExponent;
    }

    /** The aggregate arrivals: the KB client at {@code loadInDestinations x 0.99} of one pool's capacity. */
    public Workload workload() {
        Workload base = Workloads.q170791(RHO_PER_DESTINATION * loadInDestinations);
        return base.named(id(), destinations + " destinations, " + (zipfExponent == 0 ? "round-robin" : "Zipf s=" + zipfExponent)
                + ", total rho " + RHO_PER_DESTINATION * loadInDestinations + " of one pool (3976 ports, 240 s)");
    }

    /** The key of destination {@code index}: 10.x.y.z:443 from 10.0.0.1. */
    public static long key(int index) {
        return Destinations.ipv4(0x0A00_0001, 0x0A00_0000 | (index + 1), 443);
    }

    /** Each connection's destination key, for {@code connections} connections; the same every time. */
    public long[] destinationKeys(int connections) {
        long[] keys = new long[connections];
        SharedStateDiscreteSampler zipf = null;
        if (zipfExponent > 0) {
            UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(0x5EED_D0_57L + ordinal());
            zipf = RejectionInversionZipfSampler.of(rng, destinations, zipfExponent);
        }
        for (int c = 0; c < connections; c++) {
            keys[c] = key(zipf == null ? c % destinations : zipf.sample() - 1);
        }
        return keys;
    }
}
