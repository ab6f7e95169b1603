package dev.portbench.trace;

import java.util.Arrays;
import java.util.Locale;

/**
 * The trace formats {@link TraceImport} reads, by the id {@code --format} takes. {@link #AUTO}
 * tells them apart by content (magic numbers, header lines, the JSON keys of the first record).
 */
public enum TraceFormat {
    /** Told from the content. */
    AUTO,
    /** The suite's CSV ({@link CsvTraceFormat}). */
    CSV,
    /** Zeek {@code conn.log} ({@link ZeekConnLogFormat}). */
    ZEEK,
    /** Classic pcap ({@link PcapFormat}). */
    PCAP,
    /** pcapng ({@link PcapngFormat}). */
    PCAPNG,
    /** AWS VPC Flow Logs, text ({@link AwsFlowLogFormat}). */
    AWS_VPC,
    /** Azure virtual-network flow logs, JSON ({@link AzureFlowLogFormat}). */
    AZURE_VNET,
    /** GCP VPC Flow Logs, JSON log entries ({@link GcpFlowLogFormat}). */
    GCP_VPC;

    private final String id = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** {@code auto}, {@code csv}, {@code zeek}, {@code pcap}, {@code pcapng}, {@code aws-vpc}, {@code azure-vnet}, {@code gcp-vpc}. */
    public String id() {
        return id;
    }

    /** Whether it is a cloud flow log (aggregated records, merged into connections by {@link FlowRecordMerger}). */
    public boolean isFlowLog() {
        return this == AWS_VPC || this == AZURE_VNET || this == GCP_VPC;
    }

    /**
     * The format named {@code id}.
     *
     * @throws IllegalArgumentException naming the id and the allowed ones
     */
    public static TraceFormat fromId(String id) {
        for (TraceFormat f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("format '" + id + "' (expected one of "
                + Arrays.stream(values()).map(TraceFormat::id).toList() + ")");
    }
}
