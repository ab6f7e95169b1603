package dev.portbench.calibration;

import java.util.List;
import java.util.Map;

/**
 * One scenario of a calibration, kernel beside model.
 *
 * @param scenario what ran
 * @param client {@code java} or {@code c}
 * @param outcomes the kernel's count per outcome (OK, EADDRNOTAVAIL, EADDRINUSE, ...)
 * @param timeWaitMax highest TIME-WAIT count in the namespace
 * @param sameTupleReuses successful connects whose 4-tuple (destination, local port) had connected
 *     less than TIME-WAIT before: tcp_tw_reuse at work, or a TIME-WAIT that ended early
 * @param hostTimeWaitMax highest TIME-WAIT count the host saw meanwhile (shows the namespace's are private)
 * @param kernel the kernel's metrics
 * @param model the model's metrics on the same attempt instants and destinations
 * @param checks the targets: first failure, success fraction, recovery
 * @param tcpCounters the namespace's TCP counters that changed (resets, TIME-WAIT events)
 * @param kernelRelease the kernel the scenario ran on ({@code kernel-run.json})
 * @param outageMatch kernel and model outages per destination, one by one (null in summaries written before it)
 * @param kernelPorts the kernel's port choice (null in summaries written before it)
 * @param modelPorts the model's port choice (null in summaries written before it)
 */
public record ScenarioComparison(CalibrationScenario scenario, String client, Map<String, Long> outcomes, int timeWaitMax,
                                 int sameTupleReuses, int hostTimeWaitMax, OutcomeMetrics kernel, OutcomeMetrics model,
                                 List<MetricCheck> checks, Map<String, Long> tcpCounters, String kernelRelease,
                                 OutageMatch outageMatch, PortChoice kernelPorts, PortChoice modelPorts) {

    /** True when every check is met. */
    public boolean allMet() {
        return checks.stream().allMatch(MetricCheck::met);
    }
}
