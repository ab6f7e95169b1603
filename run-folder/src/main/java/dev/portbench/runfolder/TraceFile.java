package dev.portbench.runfolder;

import java.util.List;
import java.util.Map;

/**
 * {@code trace.json}: an imported trace as {@code ./portbench run --trace} (and
 * {@code ./portbench simulate --trace --out}) writes it: where it came from, how it is replayed in
 * the benchmarks, what it holds, and when it fails on each stack. Written and read by
 * {@link RunFiles}; every count is exact, only {@code Study.wallSeconds} depends on the machine.
 *
 * @param schema the format version, {@value #SCHEMA}
 * @param workload the benchmarks' workload id ({@code trace:NAME}); null when written by {@code simulate}
 * @param file the trace file's name
 * @param clients the client addresses kept (empty: every client)
 * @param replay how the benchmarks replay it; null when written by {@code simulate}
 * @param summary what the trace holds
 * @param study when and how often it fails on each stack
 */
public record TraceFile(int schema, String workload, String file, List<String> clients, Replay replay, Summary summary,
                        Study study) {

    /** The format version this portbench writes and reads. */
    public static final int SCHEMA = 1;

    /**
     * The synthetic client of the benchmark replay.
     *
     * @param firstPort first port
     * @param lastPort last port, inclusive
     * @param timeWaitNanos TIME-WAIT after an active close
     * @param speed time compression (1: as recorded)
     */
    public record Replay(int firstPort, int lastPort, long timeWaitNanos, double speed) {
    }

    /**
     * What the import read and what it left out.
     *
     * @param format {@code csv}, {@code zeek}, {@code pcap} or {@code pcapng}
     * @param records lines or packets read
     * @param connections connections kept
     * @param notOurClient connections opened by other clients
     * @param notTcp records that are not TCP
     * @param undecodable packets that could not be decoded
     * @param beforeCapture TCP packets of connections whose SYN was not captured
     */
    public record Stats(String format, long records, long connections, long notOurClient, long notTcp, long undecodable,
                        long beforeCapture) {
    }

    /**
     * What the trace holds (see {@code TraceSummary}).
     *
     * @param source the file or workload it came from
     * @param stats what the import read and skipped
     * @param connections connections
     * @param durationSeconds first open to last close
     * @param meanRatePerSecond connections / the span of opens
     * @param rateWindowSeconds width of the windows of {@code ratePerWindow}
     * @param ratePerWindow connections opened per second, per window
     * @param peakRatePerSecond the busiest window's rate
     * @param destinations distinct destinations
     * @param topDestinations the 10 busiest destinations and their counts, busiest first
     * @param holdingSeconds holding-time p50, p90, p99, max and mean
     * @param peakConcurrency most connections open at once
     * @param ends connections per way of ending
     * @param localPortsSeen connections with a recorded local port
     * @param localPortMin lowest local port seen, or -1
     * @param localPortMax highest local port seen, or -1
     */
    public record Summary(String source, Stats stats, long connections, double durationSeconds, double meanRatePerSecond,
                          double rateWindowSeconds, List<Double> ratePerWindow, double peakRatePerSecond, int destinations,
                          Map<String, Long> topDestinations, Map<String, Double> holdingSeconds, int peakConcurrency,
                          Map<String, Long> ends, long localPortsSeen, int localPortMin, int localPortMax) {
    }

    /**
     * The trace replayed on every stack profile (and on the custom rules, when given).
     *
     * @param speed the replay speed
     * @param model the stack model in words
     * @param profiles one row per stack
     * @param wallSeconds real time the study took
     */
    public record Study(double speed, String model, List<Row> profiles, double wallSeconds) {
    }

    /**
     * One stack replaying the trace.
     *
     * @param profile the stack profile's id, {@code (custom)} for the command line's rules
     * @param allocator the stack's allocator
     * @param note the profile in one line
     * @param firstPort first port
     * @param lastPort last port
     * @param timeWaitSeconds TIME-WAIT
     * @param speed replay speed
     * @param connections connections replayed
     * @param failures failed connects
     * @param successFraction succeeded / connections
     * @param firstFailureSeconds replay time of the first failure; null if none
     * @param peakInUse most ports connected at once
     * @param peakBusy most ports connected or in TIME-WAIT at once
     * @param peakBusyShare peakBusy / ports
     * @param outages runs of consecutive failures
     * @param firstOutages the first few of them
     * @param windowSeconds width of the windows of {@code windowFailures}
     * @param windowFailures failures per window
     * @param headroomSpeedup the largest speed-up with no failure (null if it fails as recorded)
     */
    public record Row(String profile, String allocator, String note, int firstPort, int lastPort, double timeWaitSeconds,
                      double speed, long connections, long failures, double successFraction, Double firstFailureSeconds,
                      int peakInUse, int peakBusy, double peakBusyShare, long outages, List<Outage> firstOutages,
                      double windowSeconds, List<Long> windowFailures, Double headroomSpeedup) {
    }

    /**
     * A run of consecutive failed connects.
     *
     * @param startSeconds replay time of its first failure
     * @param endSeconds replay time it ended
     * @param failedConnects failures in it
     */
    public record Outage(double startSeconds, double endSeconds, long failedConnects) {
    }
}
