package dev.portbench.calibration;

import java.io.IOException;

/**
 * The client side of a calibration run: connects to the scenario's destinations in turn (attempt
 * {@code n} to destination {@code n % destinations}) at its rate or in a fast loop, closes each
 * connection first, and logs every attempt. Runs until the scenario's duration or attempt bound.
 */
interface ConnectClient {

    /** Runs the scenario's client loop and returns its attempts. */
    AttemptLog run(CalibrationScenario scenario) throws IOException, InterruptedException;

    /** Runs the scenario's client loop, records how each connection closed into {@code closes}, returns its attempts. */
    default AttemptLog run(CalibrationScenario scenario, CloseLog closes) throws IOException, InterruptedException {
        return run(scenario);
    }

    /** Nanoseconds to sleep before an attempt due at {@code due}: the fixed-rate schedule. */
    static long dueTime(long start, long attempt, double rate) {
        return start + (long) (attempt * 1e9 / rate);
    }
}
