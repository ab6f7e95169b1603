package dev.portbench.calibration;

import java.util.Map;

/**
 * What the host side saw while a scenario ran in its namespace: the host's TIME-WAIT count
 * (highest, sampled every second) and the host's watched sysctls before and after.
 *
 * @param hostTimeWaitMax highest host TIME-WAIT count during the scenario
 * @param sysctlsBefore host sysctls before
 * @param sysctlsAfter host sysctls after (must equal {@code sysctlsBefore})
 */
public record HostObservation(int hostTimeWaitMax, Map<String, String> sysctlsBefore, Map<String, String> sysctlsAfter) {
}
