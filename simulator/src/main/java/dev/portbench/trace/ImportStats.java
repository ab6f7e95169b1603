package dev.portbench.trace;

/**
 * What an import read and what it left out, so that a reader can tell a whole import from a
 * filtered one: records (lines or packets) read, connections kept, and records skipped by reason.
 *
 * @param format the format read ({@code csv}, {@code zeek}, {@code pcap}, {@code pcapng})
 * @param records lines (CSV, Zeek) or packets (captures) read
 * @param connections connections kept
 * @param notOurClient connections opened by an address that is not one of the chosen clients
 * @param notTcp records that are not TCP (other protocols, non-IP frames)
 * @param undecodable packets whose headers could not be decoded (cut short by the snap length, unknown encapsulation)
 * @param beforeCapture TCP packets of connections whose SYN was not in the capture
 */
public record ImportStats(String format, long records, long connections, long notOurClient, long notTcp,
                          long undecodable, long beforeCapture) {

    /** One line for logs and reports. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s: %,d %s read, %,d connections kept; skipped: %,d opened by other clients, %,d not TCP, "
                        + "%,d undecodable, %,d of connections opened before the capture",
                format, records, format.startsWith("pcap") ? "packets" : "lines", connections, notOurClient, notTcp,
                undecodable, beforeCapture);
    }
}
