package dev.portbench.trace;

/**
 * Hands the TCP header of one captured frame to a {@link TcpConnectionTracker}: steps through the
 * link header, IPv4 / IPv6 and the start of TCP (ports and flags only) of the bytes as captured,
 * and stops at anything else, so no application decoder is ever involved. Counts what it cannot use.
 *
 * <p>Link types (tcpdump.org "Link-layer header types"): 0 BSD loopback (a 4-byte address family
 * in the capturing host's byte order: 2 is IPv4; 24, 28, 30 are IPv6 on NetBSD / OpenBSD, FreeBSD,
 * macOS), 1 Ethernet (with up to two 802.1Q / 802.1ad tags), 101 raw IP, 113 Linux cooked v1
 * ({@code tcpdump -i any} before libpcap 1.10), 228 raw IPv4, 229 raw IPv6, 276 Linux cooked v2
 * ({@code tcpdump -i any} since libpcap 1.10). Any other link type is refused by the container
 * readers before the first packet ({@link #supports}).
 *
 * <p>Linux BIG TCP and TSO captures: an IPv4 total length of 0 means "use the captured length"
 * (the kernel's marking of packets over 64 KB); an IPv6 jumbogram (payload length 0 and a
 * hop-by-hop header with the jumbo payload option, RFC 2675) is walked like any extension header;
 * frames may be any size the container allows, since only their first bytes are read.
 *
 * <p>Cost: a few array reads per frame; allocates nothing (two address buffers are reused, which
 * the tracker copies). Not thread-safe.
 */
final class PacketDecoder {

    /** BSD loopback (DLT_NULL). */
    static final int NULL = 0;
    static final int ETHERNET = 1;
    static final int RAW = 101;
    static final int LINUX_SLL = 113;
    static final int RAW_IPV4 = 228;
    static final int RAW_IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    private static final int TCP = 6;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;

    private final TcpConnectionTracker tracker;
    private final byte[] v4src = new byte[4];
    private final byte[] v4dst = new byte[4];
    private final byte[] v6src = new byte[16];
    private final byte[] v6dst = new byte[16];
    long notTcp;
    long undecodable;

    PacketDecoder(TcpConnectionTracker tracker) {
        this.tracker = tracker;
    }

    /** Whether frames of {@code linkType} (the 16-bit link type, without FCS bits) can be decoded. */
    static boolean supports(int linkType) {
        return linkType == NULL || linkType == ETHERNET || linkType == RAW || linkType == LINUX_SLL
                || linkType == RAW_IPV4 || linkType == RAW_IPV6 || linkType == LINUX_SLL2;
    }

    static String supportedLinkTypes() {
        return "0 (BSD loopback), 1 (Ethernet), 101 (raw IP), 113 (Linux cooked), 228 (raw IPv4), 229 (raw IPv6) "
                + "or 276 (Linux cooked v2)";
    }

    /** Decodes the frame {@code b[off, off + len)} of link type {@code linkType}, seen at {@code time} ns. */
    void decode(long time, byte[] b, int off, int len, int linkType) {
        int end = off + len;
        int ip;
        int etherType;
        switch (linkType) {
            case ETHERNET -> {
                int p = off + 12;
                etherType = u16(b, p, end);
                while (etherType == 0x8100 || etherType == 0x88A8) {
                    p += 4;
                    etherType = u16(b, p, end);
                }
                ip = p + 2;
            }
            case LINUX_SLL -> {
                etherType = u16(b, off + 14, end);
                ip = off + 16;
            }
            case LINUX_SLL2 -> {
                etherType = u16(b, off, end);
                ip = off + 20;
            }
            case NULL -> {
                if (len < 4) {
                    undecodable++;
                    return;
                }
                int family = (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
                if ((family & 0xFFFF0000) != 0) {
                    family = Integer.reverseBytes(family);
                }
                etherType = family == 2 ? ETHERTYPE_IPV4 : family == 24 || family == 28 || family == 30 ? ETHERTYPE_IPV6 : 0;
                ip = off + 4;
            }
            case RAW_IPV4 -> {
                etherType = ETHERTYPE_IPV4;
                ip = off;
            }
            case RAW_IPV6 -> {
                etherType = ETHERTYPE_IPV6;
                ip = off;
            }
            default -> { // RAW: the version nibble says
                etherType = len < 1 ? -1 : (b[off] & 0xF0) == 0x40 ? ETHERTYPE_IPV4 : (b[off] & 0xF0) == 0x60 ? ETHERTYPE_IPV6 : 0;
                ip = off;
            }
        }
        if (etherType < 0) {
            undecodable++;
        } else if (etherType == ETHERTYPE_IPV4) {
            ipv4(time, b, ip, end);
        } else if (etherType == ETHERTYPE_IPV6) {
            ipv6(time, b, ip, end);
        } else {
            notTcp++;
        }
    }

    /** The big-endian 16-bit value at {@code p}, or -1 if it is past {@code end}. */
    private static int u16(byte[] b, int p, int end) {
        return p + 2 > end ? -1 : (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF;
    }

    private void ipv4(long time, byte[] b, int ip, int end) {
        if (ip + 20 > end || (b[ip] & 0xF0) != 0x40) {
            undecodable++;
            return;
        }
        int headerLength = (b[ip] & 0x0F) * 4;
        int totalLength = u16(b, ip + 2, end);
        int fragmentOffset = u16(b, ip + 6, end) & 0x1FFF;
        if (headerLength < 20 || totalLength != 0 && totalLength < headerLength) {
            undecodable++; // total length 0: BIG TCP / TSO, the captured length stands
            return;
        }
        if ((b[ip + 9] & 0xFF) != TCP || fragmentOffset != 0) {
            notTcp++; // another protocol, or a later fragment without a TCP header
            return;
        }
        System.arraycopy(b, ip + 12, v4src, 0, 4);
        System.arraycopy(b, ip + 16, v4dst, 0, 4);
        tcp(time, b, ip + headerLength, end, v4src, v4dst);
    }

    private void ipv6(long time, byte[] b, int ip, int end) {
        if (ip + 40 > end || (b[ip] & 0xF0) != 0x60) {
            undecodable++;
            return;
        }
        int next = b[ip + 6] & 0xFF;
        int p = ip + 40;
        for (int hops = 0; next != TCP; hops++) {
            if (hops == 8 || p + 8 > end) {
                undecodable++;
                return;
            }
            switch (next) {
                case 0, 43, 60 -> { // hop-by-hop (the jumbo payload option lives here), routing, destination options
                    next = b[p] & 0xFF;
                    p += ((b[p + 1] & 0xFF) + 1) * 8;
                }
                case 44 -> { // fragment
                    if ((u16(b, p + 2, end) & 0xFFF8) != 0) {
                        notTcp++;
                        return;
                    }
                    next = b[p] & 0xFF;
                    p += 8;
                }
                default -> {
                    notTcp++;
                    return;
                }
            }
        }
        System.arraycopy(b, ip + 8, v6src, 0, 16);
        System.arraycopy(b, ip + 24, v6dst, 0, 16);
        tcp(time, b, p, end, v6src, v6dst);
    }

    private void tcp(long time, byte[] b, int t, int end, byte[] src, byte[] dst) {
        if (t + 14 > end) {
            undecodable++; // cut short by the snap length
            return;
        }
        int flags = b[t + 13] & 0xFF;
        tracker.segment(time, src, u16(b, t, end), dst, u16(b, t + 2, end), (flags & 0x02) != 0, (flags & 0x10) != 0,
                (flags & 0x01) != 0, (flags & 0x04) != 0);
    }
}
