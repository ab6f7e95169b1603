package dev.portbench.calibration;

import java.util.List;

/**
 * The raw record of one TIME-WAIT lateness probe (besides its {@code timewait.csv.gz}): when each
 * probe connection was closed by the client ({@code CLOCK_MONOTONIC} ns).
 *
 * @param kernelRelease {@code /proc/sys/kernel/osrelease}
 * @param networkNamespace the child's namespace link
 * @param sysctls sysctls set or read inside it
 * @param connections probe connections made
 * @param spacingNanos time between probe connections
 * @param closeNanos client close instants, in order
 * @param sampleIntervalNanos TIME-WAIT sampling interval
 */
public record LatenessProbeRun(String kernelRelease, String networkNamespace, List<SysctlSetting> sysctls,
                               int connections, long spacingNanos, long[] closeNanos, long sampleIntervalNanos) {
}
