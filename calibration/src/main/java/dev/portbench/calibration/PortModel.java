package dev.portbench.calibration;

/**
 * A model of the kernel's port allocation that replays a scenario's recorded attempts: the same
 * instants ({@code CLOCK_MONOTONIC} ns) to the same destinations, closed when the kernel's closed,
 * so that kernel and model differ only in which attempts get a port, and which port.
 */
public interface PortModel {

    /** Whether each attempt gets a port in the model, every connection closed at its attempt's instant. */
    boolean[] replay(CalibrationScenario scenario, long[] times, int[] destinations);

    /**
     * The port each attempt gets in the model, or -1 when none; the default takes
     * {@link #replay}'s outcomes and reports port 0 for a success (a model without port choice).
     */
    default int[] replayPorts(CalibrationScenario scenario, KernelAttempts attempts) {
        boolean[] ok = replay(scenario, attempts.times(), attempts.destinations());
        int[] ports = new int[ok.length];
        for (int i = 0; i < ok.length; i++) {
            ports[i] = ok[i] ? 0 : -1;
        }
        return ports;
    }

    /** Whether {@link #replayPorts} reports real port choices (else the port-choice checks are not made). */
    default boolean choosesPorts() {
        return false;
    }

    /** One line naming the model and its profile, for the report. */
    String description();
}
