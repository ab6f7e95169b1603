package dev.portbench.gateway;

import dev.portbench.nat.NatCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one search, for both targets: the answer passes, the bracket's upper end fails, both checked
 * by fresh runs, and the bracket is within 1% (or one client); a passing run's fill predicts the answer.
 */
class CapacitySearchTest {

    /** 100 ports, FIN timer 0.5 s; each client opens one connection a second held 10 s: about 10 clients fit. */
    private static final GatewayProfile PROFILE = GatewaySimulatorTest.tiny(100, 0.5, 0.5, 300, 0);

    private static FleetScenario scenario(int clients, double rate) {
        return new FleetScenario(clients, 60, FleetArrival.FIXED, rate, 1, 0, 60, 0, 86_400, List.of(1.0), 10, false,
                CloseKindShare.ALL_FIN, 1, "none", 3, 1);
    }

    private static FleetScenario at(CapacitySearch.Target target, FleetScenario s, double load) {
        return target == CapacitySearch.Target.MAX_CLIENTS ? s.withClients((int) load) : s.withRatePerClient(load);
    }

    @ParameterizedTest
    @EnumSource(CapacitySearch.Target.class)
    void theAnswerPassesAndTheBracketsUpperEndFailsWithinOnePercent(CapacitySearch.Target target) {
        for (FleetScenario start : List.of(scenario(2, 1), scenario(40, 1), scenario(2, 7))) {
            CapacitySearch.Answer a = new CapacitySearch(PROFILE, start, NatCatalog.EXACT, 0).find(target);
            assertTrue(a.load() > 0 && a.failing() > a.load(), target + " from " + start.clients() + " clients: " + a.load()
                    + " .. " + a.failing());
            double tolerance = target == CapacitySearch.Target.MAX_CLIENTS ? Math.max(1, Math.floor(a.failing() / 100))
                    : a.failing() / 100;
            assertTrue(a.failing() - a.load() <= tolerance, "bracket " + a.load() + " .. " + a.failing());
            GatewayResult pass = new GatewaySimulator(PROFILE, at(target, start, a.load()), NatCatalog.EXACT, Long.MAX_VALUE)
                    .run();
            GatewayResult fail = new GatewaySimulator(PROFILE, at(target, start, a.failing()), NatCatalog.EXACT,
                    Long.MAX_VALUE).run();
            assertEquals(0, pass.failedConnects(), "no failed connect at the answer " + a.load());
            assertTrue(fail.failedConnects() > 0, "failures at the bracket's end " + a.failing());
            assertEquals("ADDRESS_POOL_EXHAUSTED", a.bindingLimit());
            assertTrue(a.runs() <= 1 + 2 * 40 + 2 * 2 * 40, "bounded: " + a.runs() + " runs");
        }
    }

    /**
     * A start far below the answer: its run shows the pool 21% full at most (2 clients, each holding a
     * flow of 10.5 s opened every second: 21 of 100 ports), which predicts 2 / 0.21 = 9.5 clients; the pair
     * of probes around it, floor(9.5 x 0.995) = 9 and 10 clients, pass and fail, and so end the search. Bisection took 2 doublings to 8 passing and 16
     * failing, then 4 halvings.
     */
    @Test
    void aPassingRunsFillPredictsTheAnswerAndOnePairOfProbesEndsTheSearch() {
        CapacitySearch.Answer a = new CapacitySearch(PROFILE, scenario(2, 1), NatCatalog.EXACT, 0)
                .find(CapacitySearch.Target.MAX_CLIENTS);
        assertEquals(9, a.load(), "answer");
        assertEquals(10, a.failing(), "failing end");
        int held = a.passing().destinations().get(0).maxLive();
        assertTrue(held > 90 && held <= 100, "9 clients at 10.5 flows each fill the 100 ports: " + held);
        assertEquals(3, a.runs(), "the start, then one pair");
    }
}
