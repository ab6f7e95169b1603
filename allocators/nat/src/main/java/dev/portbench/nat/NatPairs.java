package dev.portbench.nat;

/**
 * The primitive encodings of the NAT API. An external pair is one non-negative {@code long}:
 * the IPv4 address as an unsigned 32-bit number in bits 16..47 and the port in bits 0..15. A
 * negative {@code long} is a {@link NatFailure} ({@link NatFailure#of}). IPv4 addresses are
 * {@code int}s in network order read as a number ({@code 203.0.113.1 = 0xCB007101}).
 */
public final class NatPairs {

    /** IP protocol number of TCP. */
    public static final int TCP = 6;
    /** IP protocol number of UDP. */
    public static final int UDP = 17;

    private NatPairs() {
    }

    /** The pair of {@code address} and {@code port} (port 0..65535). */
    public static long pair(int address, int port) {
        return (Integer.toUnsignedLong(address) << 16) | (port & 0xFFFF);
    }

    /** Whether a result of {@link NatAllocator#map} or {@link NatAllocator#lookup} is a pair. */
    public static boolean isPair(long result) {
        return result >= 0;
    }

    /** The external address of a pair. */
    public static int address(long pair) {
        return (int) (pair >>> 16);
    }

    /** The external port of a pair. */
    public static int port(long pair) {
        return (int) (pair & 0xFFFF);
    }

    /** An IPv4 address from its four octets, e.g. {@code ipv4(203, 0, 113, 1)}. */
    public static int ipv4(int a, int b, int c, int d) {
        for (int octet : new int[] {a, b, c, d}) {
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("octet: " + octet + " (expected: 0..255)");
            }
        }
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /** Dotted-quad text of an address, for messages. */
    public static String toText(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }

    /** {@code address:port} text of a pair, or the failure's name for a negative result. */
    public static String toText(long result) {
        return result < 0 ? NatFailure.of(result).name() : toText(address(result)) + ":" + port(result);
    }
}
