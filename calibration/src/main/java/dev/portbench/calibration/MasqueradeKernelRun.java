package dev.portbench.calibration;

import java.util.List;
import java.util.Map;

/**
 * What the NAT namespace of one {@code linux-masquerade} run recorded ({@code nat-run.json}),
 * besides the client's attempts ({@code attempts.csv.gz}, {@link MasqueradeAttempts}) and the
 * conntrack table once every attempt had resolved ({@code conntrack.txt.gz}).
 *
 * @param scenario the scenario run
 * @param kernelRelease {@code /proc/sys/kernel/osrelease}
 * @param natNamespace the NAT process's {@code /proc/self/ns/net} link (differs from the host's)
 * @param clientNamespace the client's
 * @param serverNamespace the server's
 * @param sysctls what the NAT namespace wrote or read, in that namespace only
 * @param ruleset {@code nft list ruleset} of the NAT namespace
 * @param conntrack changes of {@code /proc/net/stat/nf_conntrack} (summed over CPUs) from the client's
 *                  start until every attempt had resolved: {@code insert_failed} and {@code drop}
 *                  count the SYNs the NAT found no tuple for
 * @param conntrackEntries TCP entries in the table at that moment
 */
public record MasqueradeKernelRun(MasqueradeScenario scenario, String kernelRelease, String natNamespace,
                                  String clientNamespace, String serverNamespace, List<SysctlSetting> sysctls,
                                  String ruleset, Map<String, Long> conntrack, long conntrackEntries) {
}
