package dev.portbench.calibration;

/**
 * One target of the calibration for one scenario: kernel value, model value, their difference
 * (model - kernel) and whether it is within {@code tolerance}. Both NaN (the event never
 * happened in either) counts as met; only one NaN as missed.
 *
 * @param metric what is compared
 * @param unit its unit
 * @param kernel the kernel's value
 * @param model the model's value
 * @param difference model - kernel
 * @param tolerance allowed absolute difference
 * @param met within tolerance
 */
public record MetricCheck(String metric, String unit, double kernel, double model, double difference, double tolerance,
                          boolean met) {

    /** This check, met when {@code none} (nothing to compare, e.g. no outage in either). */
    public MetricCheck orMetWhenNone(boolean none) {
        return none ? new MetricCheck(metric, unit, kernel, model, 0, tolerance, true) : this;
    }

    public static MetricCheck of(String metric, String unit, double kernel, double model, double tolerance) {
        boolean bothNaN = Double.isNaN(kernel) && Double.isNaN(model);
        double diff = model - kernel;
        return new MetricCheck(metric, unit, kernel, model, bothNaN ? 0 : diff, tolerance,
                bothNaN || Math.abs(diff) <= tolerance);
    }
}
