package dev.portbench.calibration;

import java.util.List;
import java.util.Map;

/**
 * What the namespace child recorded about one scenario besides its per-attempt file
 * ({@code attempts.csv.gz}) and TIME-WAIT series ({@code timewait.csv.gz}).
 *
 * @param scenario the scenario run
 * @param kernelRelease {@code /proc/sys/kernel/osrelease}
 * @param networkNamespace the child's {@code /proc/self/ns/net} link (differs from the host's)
 * @param client {@code java} or {@code c}
 * @param sysctls every sysctl the child wrote or read, inside its namespace only
 * @param timeWaitBefore TIME-WAIT count of the fresh namespace before the first connect (0)
 * @param startNanos {@code CLOCK_MONOTONIC} when the client started
 * @param endNanos when it ended
 * @param attempts attempts made
 * @param outcomes count per outcome
 * @param served connections the server accepted, drained and closed
 * @param sampleIntervalNanos TIME-WAIT sampling interval
 * @param tcpCounters the namespace's TCP counters that changed during the run ({@link TcpCounters})
 */
public record KernelRun(CalibrationScenario scenario, String kernelRelease, String networkNamespace, String client,
                        List<SysctlSetting> sysctls, int timeWaitBefore, long startNanos, long endNanos, int attempts,
                        Map<String, Long> outcomes, long served, long sampleIntervalNanos,
                        Map<String, Long> tcpCounters) {
}
