package dev.portbench.calibration;

import dev.portbench.stack.TimeWaitLateness;
import java.util.List;

/**
 * A calibration's {@code summary.json}: the kernel, the measured TIME-WAIT lateness that feeds the
 * Linux profile, and every scenario kernel beside model.
 *
 * @param kernel kernel release
 * @param hz CONFIG_HZ used
 * @param hzSource where HZ came from (config file, or inferred from the batch spacing)
 * @param measuredGranularityNanos batch spacing as the probe measured it (the lateness uses the wheel's
 *     exact spacing when this agrees with it within 1%)
 * @param predictedGranularityNanos batch spacing the timer wheel predicts for 60 s at {@code hz}
 * @param lateness the measurement written to the Linux profile
 * @param latenessBatches expiry batches the probe saw
 * @param minLatenessNanos smallest lateness of a probe socket
 * @param gridResidualNanos largest distance of a batch from the fitted grid
 * @param model the model and profile used for every scenario
 * @param targets the targets, in words
 * @param scenarios each scenario
 */
public record CalibrationSummary(String kernel, int hz, String hzSource, long measuredGranularityNanos,
                                 long predictedGranularityNanos,
                                 TimeWaitLateness lateness, int latenessBatches, long minLatenessNanos,
                                 long gridResidualNanos, String model, String targets,
                                 List<ScenarioComparison> scenarios) {

    /** Targets of the issue: first failure within 0.1 s, success fraction within 0.5 points, recovery within the granularity. */
    public static final double FIRST_FAILURE_TOLERANCE_SECONDS = 0.1;
    public static final double SUCCESS_TOLERANCE = 0.005;
}
