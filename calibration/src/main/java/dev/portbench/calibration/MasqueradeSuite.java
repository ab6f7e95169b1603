package dev.portbench.calibration;

import java.util.List;

/**
 * The {@code linux-masquerade} check's scenarios ({@link MasqueradeScenario}): small NAT ranges so
 * that each fills in seconds; the client's SYNs are retried twice (1 s, then 2 s: a failing connect
 * ends after 7 s). Each runs in about 10 to 25 s, the suite in about 2 minutes.
 */
public final class MasqueradeSuite {

    private MasqueradeSuite() {
    }

    /** The suite, in run order. */
    public static List<MasqueradeScenario> scenarios() {
        return List.of(
                new MasqueradeScenario("held-small-range", "16 NAT ports, 1 destination: 24 connections held",
                        40000, 40015, 1, 24, 50, 0, 1, 0, "fin", 2, 0, 0, 0),
                new MasqueradeScenario("held-four-destinations",
                        "16 NAT ports, 4 destinations: 72 connections held (18 per destination)",
                        40000, 40015, 4, 72, 50, 0, 1, 0, "fin", 2, 0, 0, 0),
                new MasqueradeScenario("churn-fin", "16 NAT ports, 1 destination: 200 connections opened and closed by FIN"
                        + " at 20/s (conntrack TIME_WAIT 120 s)", 40000, 40015, 1, 0, 1, 200, 20, 50, "fin", 2, 0, 0, 0),
                new MasqueradeScenario("churn-rst", "16 NAT ports, 1 destination: 200 connections opened and reset at 20/s"
                        + " (conntrack CLOSE 10 s)", 40000, 40015, 1, 0, 1, 200, 20, 50, "rst", 2, 0, 0, 0),
                new MasqueradeScenario("large-range-near-full",
                        "1000 NAT ports, 980 held, then 200 opened and closed by FIN at 20/s",
                        40000, 40999, 1, 980, 200, 200, 20, 50, "fin", 2, 0, 0, 0));
    }

    /** About 5 s: 4 NAT ports, 6 connections held, SYNs retried once (fail after 3 s): the integration test's. */
    public static MasqueradeScenario quick() {
        return new MasqueradeScenario("quick-held", "4 NAT ports, 1 destination: 6 connections held",
                40000, 40003, 1, 6, 20, 0, 1, 0, "fin", 1, 0, 0, 0);
    }

    /** The suite's scenario called {@code id}, or {@link #quick}. */
    public static MasqueradeScenario byId(String id) {
        return CalibrationSuite.byId(id, quick(), scenarios(), MasqueradeScenario::id, "gateway scenario");
    }
}
