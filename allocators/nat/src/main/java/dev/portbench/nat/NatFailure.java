package dev.portbench.nat;

/**
 * Why a {@link NatAllocator} answered "no mapping". Each reason is encoded in the negative
 * {@code long} that {@link NatAllocator#map} and {@link NatAllocator#lookup} return instead of an
 * external pair ({@link #result()}), so the hot path allocates nothing; {@link #of(long)} decodes it.
 */
public enum NatFailure {

    /** {@link NatAllocator#lookup}: the flow has no mapping (it never had one, or it expired). */
    NOT_FOUND,

    /**
     * The destination (address, port, protocol) already has the configured most flows on every
     * address the host may use (AWS NAT Gateway: 55,000 per destination per address).
     */
    PER_DESTINATION_LIMIT,

    /**
     * The internal host already holds its most ports ({@link NatConfig#maxPortsPerHost()}; with
     * port blocks, its most blocks and every port in them), as GCP's {@code maxPortsPerVm}.
     */
    PER_HOST_LIMIT,

    /** No usable external (address, port) pair exists for this flow: true exhaustion. */
    ADDRESS_POOL_EXHAUSTED,

    /**
     * A bounded search gave up although a usable pair exists (false exhaustion: netfilter's 248
     * probes, Cilium's 32 retries, VPP's 10 tries, or a VPP worker's own slice running dry).
     */
    SEARCH_GAVE_UP,

    /** Every mapping slot is taken ({@link NatConfig#maxMappings()}): the table was sized too small. */
    MAPPING_TABLE_FULL,

    /** Every internal-host slot is taken ({@link NatConfig#maxHosts()}). */
    HOST_TABLE_FULL;

    private static final NatFailure[] VALUES = values();

    /** The negative {@code long} that stands for this reason: {@code -1 - ordinal()}. */
    public long result() {
        return -1L - ordinal();
    }

    /**
     * The reason a negative result stands for.
     *
     * @throws IllegalArgumentException if {@code result} is an external pair (not negative) or no reason
     */
    public static NatFailure of(long result) {
        long index = -1L - result;
        if (result >= 0 || index >= VALUES.length) {
            throw new IllegalArgumentException("result: " + result + " (expected: a failure, -1.."
                    + (-VALUES.length) + ")");
        }
        return VALUES[(int) index];
    }
}
