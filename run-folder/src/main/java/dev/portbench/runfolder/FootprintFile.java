package dev.portbench.runfolder;

import java.util.List;

/**
 * {@code footprint.json}: each allocator's retained size measured by JOL in the JVM the benchmarks
 * fork, with every port of the range in TIME-WAIT.
 *
 * @param schema the format version, {@value #SCHEMA}
 * @param state what state the allocators were measured in
 * @param tool "JOL" and its version
 * @param layout JOL's description of the VM's object layout
 * @param entries one per allocator and range
 * @param jvm the JVM measured in
 */
public record FootprintFile(int schema, String state, String tool, List<String> layout, List<Entry> entries,
                            JvmDescription jvm) {

    public static final int SCHEMA = 1;

    /**
     * @param allocator the allocator's id
     * @param firstPort the range's first port
     * @param lastPort the range's last port
     * @param ports ports in the range
     * @param bytes retained bytes, every port in TIME-WAIT
     * @param objects objects retained
     * @param bytesPerPort bytes / ports, to two decimals
     * @param maxLatenessNanos the allocator's documented expiry lateness
     * @param peerBaseline whether it is a peer baseline rather than a contender
     */
    public record Entry(String allocator, int firstPort, int lastPort, int ports, long bytes, long objects,
                        double bytesPerPort, long maxLatenessNanos, boolean peerBaseline) {
    }
}
