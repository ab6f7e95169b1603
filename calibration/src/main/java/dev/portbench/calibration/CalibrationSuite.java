package dev.portbench.calibration;

import java.util.List;

/**
 * The calibration suite: scenarios of at most about 100 s each on shrunken port ranges, so that
 * each reaches exhaustion early and, after TIME-WAIT's 60 s, the kernel's recovery. Fast loops
 * pause {@value #BACKOFF_MICROS} us after a failure, which bounds them to about a thousand failed
 * attempts a second. Together with the lateness probe (about 75 s) the suite takes about 15
 * minutes.
 */
public final class CalibrationSuite {

    static final long BACKOFF_MICROS = 1000;
    private static final long MAX_ATTEMPTS = 2_000_000;

    private CalibrationSuite() {
    }

    /** The suite, in run order. */
    public static List<CalibrationScenario> scenarios() {
        return List.of(
                rate("one-dest-25-per-s", "one destination at 1.5 x capacity", 40000, 40999, 1, false, 25, 100),
                rate("one-dest-50-per-s", "one destination at 3 x capacity", 40000, 40999, 1, false, 50, 90),
                fast("two-dest-port-fast", "2 destinations by port, fast loop", 40000, 40499, 2, false, 75),
                fast("four-dest-address-fast", "4 destinations by address, fast loop", 40000, 40499, 4, true, 75),
                rate("two-dest-address-rate", "2 destinations by address at 1.8 x one range's capacity",
                        40000, 40499, 2, true, 30, 90),
                rate("four-dest-port-rate", "4 destinations by port at 1.8 x one range's capacity",
                        40000, 40249, 4, false, 30, 90),
                new CalibrationScenario("bind-two-dest", "bind() before connect, 2 destinations (no sharing)",
                        40000, 40499, 2, false, 20, 90, true, false, 0, BACKOFF_MICROS, MAX_ATTEMPTS),
                new CalibrationScenario("bind-no-port-two-dest",
                        "bind() with IP_BIND_ADDRESS_NO_PORT, 2 destinations (sharing restored)",
                        40000, 40499, 2, false, 20, 90, true, true, 0, BACKOFF_MICROS, MAX_ATTEMPTS),
                new CalibrationScenario("tw-reuse-fast", "tcp_tw_reuse=1, fast loop over 1000 ports",
                        40000, 40999, 1, false, 0, 30, false, false, 1, BACKOFF_MICROS, MAX_ATTEMPTS));
    }

    /** A short scenario (a few seconds) that exhausts 50 ports: the integration test's. */
    public static CalibrationScenario quick() {
        return rate("quick-exhaustion", "one destination, 50 ports at 100/s: fails from 0.5 s", 40000, 40049, 1, false,
                100, 3);
    }

    /** The suite's scenario called {@code id}. */
    public static CalibrationScenario byId(String id) {
        if (quick().id().equals(id)) {
            return quick();
        }
        return scenarios().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("scenario '" + id + "' (expected one of "
                        + scenarios().stream().map(CalibrationScenario::id).toList() + " or " + quick().id() + ")"));
    }

    private static CalibrationScenario rate(String id, String description, int low, int high, int destinations,
                                            boolean byAddress, double rate, double seconds) {
        return new CalibrationScenario(id, description, low, high, destinations, byAddress, rate, seconds, false, false,
                0, BACKOFF_MICROS, MAX_ATTEMPTS);
    }

    private static CalibrationScenario fast(String id, String description, int low, int high, int destinations,
                                            boolean byAddress, double seconds) {
        return new CalibrationScenario(id, description, low, high, destinations, byAddress, 0, seconds, false, false,
                0, BACKOFF_MICROS, MAX_ATTEMPTS);
    }
}
