package dev.portbench.trace;

import io.pkts.packet.IPPacket;
import io.pkts.packet.Packet;
import io.pkts.packet.TCPPacket;
import io.pkts.protocol.Protocol;

/**
 * Hands the TCP header of one captured frame to a {@link TcpConnectionTracker}, decoding the
 * frame's link, IP and TCP headers with pkts.io. Steps down one layer at a time and stops at
 * anything that is not Ethernet / Linux cooked / IPv4 / IPv6 / TCP, so no application decoder is
 * ever asked for. Counts what it cannot use. Not thread-safe.
 */
final class PacketDecoder {

    /** Link types pkts decodes (pcap LINKTYPE_ values). */
    static final int ETHERNET = 1;
    static final int RAW_IPV4 = 101;
    static final int LINUX_SLL = 113;

    private final TcpConnectionTracker tracker;
    long notTcp;
    long undecodable;

    PacketDecoder(TcpConnectionTracker tracker) {
        this.tracker = tracker;
    }

    private static final int TCP = 6;

    /**
     * The IPv4 header's protocol field (byte 9), read from the frame below the IP packet because
     * pkts.io has no accessor for it and throws when asked to decode protocols it does not know.
     */
    private static int ipv4Protocol(IPPacket ip) throws java.io.IOException {
        return ip.getParentPacket().getPayload().getUnsignedByte(9);
    }

    /** Whether frames of {@code linkType} can be decoded. */
    static boolean supports(int linkType) {
        return linkType == ETHERNET || linkType == LINUX_SLL || linkType == RAW_IPV4;
    }

    static String supportedLinkTypes() {
        return "1 (Ethernet), 113 (Linux cooked) or 101 (raw IPv4)";
    }

    /** Decodes {@code frame} (a pkts pcap packet) seen at {@code time} nanoseconds. */
    void decode(long time, Packet frame) {
        TCPPacket tcp;
        IPPacket ip;
        try {
            Packet p = frame.getNextPacket();
            if (p != null && (p.getProtocol() == Protocol.ETHERNET_II || p.getProtocol() == Protocol.SLL)) {
                p = p.getNextPacket();
            }
            if (p == null || p.getProtocol() != Protocol.IPv4 && p.getProtocol() != Protocol.IPv6) {
                notTcp++;
                return;
            }
            ip = (IPPacket) p;
            if (p.getProtocol() == Protocol.IPv4 && (ip.getFragmentOffset() != 0 || ipv4Protocol(ip) != TCP)) {
                notTcp++; // another protocol (pkts.io throws on ICMP, IGMP...), or a later fragment without a TCP header
                return;
            }
            Packet t = ip.getNextPacket();
            if (t == null || t.getProtocol() != Protocol.TCP) {
                notTcp++;
                return;
            }
            tcp = (TCPPacket) t;
        } catch (Exception e) {
            undecodable++;
            return;
        }
        tracker.segment(time, ip.getRawSourceIP(), tcp.getSourcePort(), ip.getRawDestinationIP(),
                tcp.getDestinationPort(), tcp.isSYN(), tcp.isACK(), tcp.isFIN(), tcp.isRST());
    }
}
