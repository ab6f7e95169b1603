package dev.portbench.calibration;

import java.util.List;
import java.util.function.Function;

/**
 * The calibration suite: scenarios on shrunken port ranges that reach exhaustion early and then
 * run for up to three TIME-WAIT periods (60 s each), so that each recovery, each later outage and
 * each refill from the timer wheel's batches is compared, not only the first failure. It mixes
 * fixed rates and fast loops with Poisson arrivals, exponential holding, uneven destinations, RST
 * closes, {@code tcp_tw_reuse} with the default and a longer {@code tcp_tw_reuse_delay} (6.14+),
 * {@code bind()} with and without {@code IP_BIND_ADDRESS_NO_PORT} and the per-socket
 * {@code IP_LOCAL_PORT_RANGE} (6.3+; connect's step 1 on 6.8+). Fast loops pause
 * {@value #BACKOFF_MICROS} us after a failure, which bounds them to about a thousand failed
 * attempts a second. With the lateness probe (about 75 s) the suite takes about 20 minutes.
 */
public final class CalibrationSuite {

    static final long BACKOFF_MICROS = 1000;
    private static final long MAX_ATTEMPTS = 2_000_000;

    private CalibrationSuite() {
    }

    /** The suite, in run order. */
    public static List<CalibrationScenario> scenarios() {
        return List.of(
                rate("one-dest-25-per-s", "one destination at 1.5 x capacity, three TIME-WAIT periods", 40000, 40999, 1,
                        false, 25, 180),
                new CalibrationScenario("poisson-hold-uneven",
                        "Poisson arrivals, exponential holding (2 s), 3 destinations by address weighted 6:3:1",
                        40000, 40999, 3, true, 30, 180, false, false, 0, BACKOFF_MICROS, MAX_ATTEMPTS,
                        true, 2000, List.of(6.0, 3.0, 1.0), 0, 0, 0, 0, 27),
                new CalibrationScenario("poisson-rst-mix", "Poisson arrivals at 40/s, a third of the closes by RST",
                        40000, 40999, 1, false, 40, 150, false, false, 0, BACKOFF_MICROS, MAX_ATTEMPTS,
                        true, 0, List.of(), 1.0 / 3, 0, 0, 0, 28),
                fast("two-dest-port-fast", "2 destinations by port, fast loop", 40000, 40499, 2, false, 70),
                new CalibrationScenario("bind-two-dest", "bind() before connect, 2 destinations (no sharing)",
                        40000, 40499, 2, false, 20, 90, true, false, 0, BACKOFF_MICROS, MAX_ATTEMPTS),
                new CalibrationScenario("bind-no-port-two-dest",
                        "bind() with IP_BIND_ADDRESS_NO_PORT, 2 destinations (sharing restored)",
                        40000, 40499, 2, false, 20, 70, true, true, 0, BACKOFF_MICROS, MAX_ATTEMPTS),
                new CalibrationScenario("tw-reuse-fast", "tcp_tw_reuse=1, fast loop over 1000 ports",
                        40000, 40999, 1, false, 0, 30, false, false, 1, BACKOFF_MICROS, MAX_ATTEMPTS),
                new CalibrationScenario("tw-reuse-delay-3s", "tcp_tw_reuse=1 with tcp_tw_reuse_delay 3000 ms, fast loop",
                        40000, 40999, 1, false, 0, 30, false, false, 1, BACKOFF_MICROS, MAX_ATTEMPTS,
                        false, 0, List.of(), 0, 3000, 0, 0, 1),
                new CalibrationScenario("socket-range-8-per-s",
                        "IP_LOCAL_PORT_RANGE 40000-40299 inside 40000-40999, one destination at 8/s",
                        40000, 40999, 1, false, 8, 100, false, false, 0, BACKOFF_MICROS, MAX_ATTEMPTS,
                        false, 0, List.of(), 0, 0, 40000, 40299, 1));
    }

    /**
     * A short whole cycle for the integration test (about 6 s): 50 ports, Poisson arrivals at 100/s,
     * each connection held an exponential 400 ms and closed by RST but one in 33 by FIN (whose port
     * then stays in TIME-WAIT): as the held connections and the TIME-WAITs add up the client runs
     * out, recovers as held connections close, and runs out again, so first failure, every outage,
     * recovery and success can be compared without waiting 60 s; every freed port comes from a
     * recorded close, so a model that follows the rules matches outage by outage.
     */
    public static CalibrationScenario quick() {
        return new CalibrationScenario("quick-cycle", "50 ports, Poisson 100/s, held 400 ms, 97% closed by RST", 40000,
                40049, 1, false, 100, 6, false, false, 0, BACKOFF_MICROS, MAX_ATTEMPTS, true, 400, List.of(), 0.97, 0, 0,
                0, 41);
    }

    /** The suite's scenario called {@code id}. */
    public static CalibrationScenario byId(String id) {
        return byId(id, quick(), scenarios(), CalibrationScenario::id, "scenario");
    }

    /**
     * The scenario called {@code id}: {@code quick}, or the one of {@code scenarios} whose
     * {@code idOf} it is; the lookup of both calibration suites (stack and gateway).
     *
     * @throws IllegalArgumentException naming {@code what} was asked for and every id allowed
     */
    static <S> S byId(String id, S quick, List<S> scenarios, Function<S, String> idOf, String what) {
        if (idOf.apply(quick).equals(id)) {
            return quick;
        }
        return scenarios.stream().filter(s -> idOf.apply(s).equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(what + " '" + id + "' (expected one of "
                        + scenarios.stream().map(idOf).toList() + " or " + idOf.apply(quick) + ")"));
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
