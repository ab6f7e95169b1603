package dev.portbench.calibration;

import java.util.List;
import java.util.Map;

/**
 * What the client namespace of one {@code linux-masquerade} run recorded ({@code client-run.json}).
 *
 * @param sysctls what it wrote in its own namespace: {@code tcp_syn_retries},
 *                {@code tcp_syn_linear_timeouts} (when the kernel has it), {@code ip_local_port_range}
 * @param tcpCounters the namespace's TCP counters that changed over the run ({@code TcpExt.TCPSynRetrans}:
 *                    SYN retransmissions)
 * @param attempts attempts made
 * @param outcomes count per outcome
 */
public record MasqueradeClientRun(List<SysctlSetting> sysctls, Map<String, Long> tcpCounters, int attempts,
                                  Map<String, Long> outcomes) {
}
