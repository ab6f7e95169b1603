package dev.portbench.runfolder;

import java.util.List;

/**
 * {@code stacks.json} of a run folder: what {@code StacksStudy} found, written and read by {@link RunFiles}.
 *
 * @param schema the file's format version, {@value #SCHEMA}
 * @param clients each client and how every stack serves it
 * @param events simulated events in all
 * @param wallSeconds real time the study took (the only machine-dependent number)
 */
public record StacksFile(int schema, List<Client> clients, long events, double wallSeconds) {

    /** The format version this portbench writes and reads. */
    public static final int SCHEMA = 1;

    /**
     * One client, the same for every stack.
     *
     * @param label short name
     * @param description the client in one line
     * @param durationSeconds virtual time of each run
     * @param rows one per stack (and variant)
     */
    public record Client(String label, String description, double durationSeconds, List<Row> rows) {
    }

    /**
     * One stack serving the client.
     *
     * @param stack the stack profile's id
     * @param variant what differs from the profile's defaults, empty if nothing
     * @param call how the client asked for ports
     * @param firstPort first port
     * @param lastPort last port
     * @param timeWaitSeconds TIME-WAIT
     * @param sharing the profile's sharing rule
     * @param latenessMaxSeconds how late TIME-WAIT may end (0: exact)
     * @param capacityPerSecond closed-form capacity
     * @param firstFailureSeconds how long the client lasts; null if it never failed
     * @param sustainedPerSecond successful connects per second in the second half
     * @param steadySuccess success fraction in the second half
     * @param successFraction success fraction overall
     * @param outages runs of consecutive failures
     * @param recoverySeconds how long the first outage lasted; null if none or never over
     */
    public record Row(String stack, String variant, String call, int firstPort, int lastPort, double timeWaitSeconds,
                      String sharing, double latenessMaxSeconds, double capacityPerSecond, Double firstFailureSeconds,
                      double sustainedPerSecond, double steadySuccess, double successFraction, long outages,
                      Double recoverySeconds) {
    }
}
