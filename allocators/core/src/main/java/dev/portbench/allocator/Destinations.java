package dev.portbench.allocator;

/**
 * Builds the 64-bit destination keys that {@link PortAllocator#allocate(long, long)} takes.
 *
 * <p>A key stands for the (local address, remote address, remote port) triple that RFC 6056's
 * hash-based algorithms feed to their keyed hash. Keys are plain {@code long}s so that
 * allocation allocates nothing; the policies mix them with their own secret, so the key itself
 * needs no secrecy.
 */
public final class Destinations {

    private Destinations() {
    }

    /**
     * The key of an IPv4 destination: the remote address in the high 32 bits, the remote port in
     * the next 16, and the local address folded to 16 bits in the lowest. Distinct
     * (remote address, remote port) pairs from one local address give distinct keys.
     *
     * @param localAddress the local IPv4 address, as an int in network order
     * @param remoteAddress the remote IPv4 address, as an int in network order
     * @param remotePort the remote port, 0..65535
     * @throws IllegalArgumentException if {@code remotePort} is outside 0..65535
     */
    public static long ipv4(int localAddress, int remoteAddress, int remotePort) {
        if (remotePort < 0 || remotePort > 0xFFFF) {
            throw new IllegalArgumentException("remotePort: " + remotePort + " (expected: 0..65535)");
        }
        long localFolded = (localAddress ^ (localAddress >>> 16)) & 0xFFFFL;
        return ((remoteAddress & 0xFFFF_FFFFL) << 32) | ((long) remotePort << 16) | localFolded;
    }

    /** The remote IPv4 address of a key built by {@link #ipv4}, as an int in network order. */
    public static int remoteAddress(long destination) {
        return (int) (destination >>> 32);
    }

    /** The remote port of a key built by {@link #ipv4}. */
    public static int remotePort(long destination) {
        return (int) (destination >>> 16) & 0xFFFF;
    }

    /** Whether the key's remote address is in 127.0.0.0/8, where Linux's {@code tcp_tw_reuse = 2} applies. */
    public static boolean isLoopback(long destination) {
        return (destination >>> 56) == 127;
    }

    /**
     * {@code destination} if it names a real peer: a remote address other than 0.0.0.0 and a
     * remote port other than 0, as a connect needs.
     *
     * @throws IllegalArgumentException naming the key otherwise
     */
    public static long checkConnectable(long destination) {
        if (remoteAddress(destination) == 0 || remotePort(destination) == 0) {
            throw new IllegalArgumentException("destination: 0x" + Long.toHexString(destination)
                    + " (expected: a key from Destinations.ipv4 with a remote address other than 0.0.0.0"
                    + " and a remote port other than 0)");
        }
        return destination;
    }
}
