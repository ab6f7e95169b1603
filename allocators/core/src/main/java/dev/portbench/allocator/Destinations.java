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
}
