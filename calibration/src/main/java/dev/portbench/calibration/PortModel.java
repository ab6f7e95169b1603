package dev.portbench.calibration;

/**
 * A model of the kernel's port allocation that replays a scenario's recorded attempts: the same
 * instants ({@code CLOCK_MONOTONIC} ns) to the same destinations, so that kernel and model differ
 * only in which attempts get a port.
 */
public interface PortModel {

    /** Whether each attempt gets a port in the model. */
    boolean[] replay(CalibrationScenario scenario, long[] times, int[] destinations);

    /** One line naming the model and its profile, for the report. */
    String description();
}
