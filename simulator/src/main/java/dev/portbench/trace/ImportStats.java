package dev.portbench.trace;

/**
 * What an import read and what it left out, so that a reader can tell a whole import from a
 * filtered one: records (lines or packets) read, connections kept, and records skipped by reason.
 *
 * @param format the format read ({@code csv}, {@code zeek}, {@code pcap}, {@code pcapng}, {@code aws-vpc},
 *     {@code azure-vnet}, {@code gcp-vpc})
 * @param records lines (CSV, Zeek, AWS), packets (captures) or flow records (Azure tuples, GCP entries) read
 * @param connections connections kept
 * @param notOurClient connections opened by an address that is not one of the chosen clients
 * @param notTcp records that are not TCP (other protocols, non-IP frames)
 * @param undecodable packets whose headers could not be decoded (cut short by the snap length, unknown
 *     encapsulation), or flow-log records that hold no flow (AWS {@code NODATA} / {@code SKIPDATA})
 * @param beforeCapture TCP packets of connections whose SYN was not in the capture
 * @param malformed records skipped as malformed under {@code --skip-bad} (without it a malformed record is an error)
 */
public record ImportStats(String format, long records, long connections, long notOurClient, long notTcp,
                          long undecodable, long beforeCapture, long malformed) {

    /** Stats of an import that skipped no malformed record. */
    public ImportStats(String format, long records, long connections, long notOurClient, long notTcp,
                       long undecodable, long beforeCapture) {
        this(format, records, connections, notOurClient, notTcp, undecodable, beforeCapture, 0);
    }

    /** One line for logs and reports. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s: %,d %s read, %,d connections kept; skipped: %,d opened by other clients, %,d not TCP, "
                        + "%,d undecodable, %,d of connections opened before the capture, %,d malformed",
                format, records, unit(), connections, notOurClient, notTcp, undecodable, beforeCapture, malformed);
    }

    private String unit() {
        if (format.startsWith("pcap")) {
            return "packets";
        }
        return format.equals("azure-vnet") || format.equals("gcp-vpc") ? "flow records" : "lines";
    }
}
