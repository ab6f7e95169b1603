package dev.portbench.calibration;

/**
 * The kernel's TIME-WAIT lateness as the Linux stack profile reads it
 * ({@code dev/portbench/stack/linux-timewait-lateness.json}): a port comes back at the first
 * point of the grid {@code phaseNanos + k x granularityNanos} ({@code CLOCK_MONOTONIC}) after its
 * close + {@code timeWaitNanos}, all ports of one grid interval together.
 *
 * @param kernel kernel release measured on
 * @param hz CONFIG_HZ (read or inferred, see {@code source})
 * @param timeWaitNanos TCP_TIMEWAIT_LEN
 * @param granularityNanos measured spacing of the expiry batches
 * @param phaseNanos measured batch instants modulo the granularity, {@code CLOCK_MONOTONIC}; valid for the boot it was measured in
 * @param meanLatenessNanos mean of (port back - close - TIME-WAIT) over the probe's sockets
 * @param maxLatenessNanos its maximum
 * @param source how it was measured, HZ's origin included
 * @param command the command that measured it
 * @param calibration the results folder holding the raw probe data
 */
public record LatenessMeasurement(String kernel, int hz, long timeWaitNanos, long granularityNanos, long phaseNanos,
                                  long meanLatenessNanos, long maxLatenessNanos, String source, String command,
                                  String calibration) {
}
