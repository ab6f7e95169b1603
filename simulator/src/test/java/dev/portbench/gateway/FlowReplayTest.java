package dev.portbench.gateway;

import dev.portbench.nat.NatCatalog;
import dev.portbench.trace.ConnectionEnd;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ConnectionTraceBuilder;
import dev.portbench.trace.ImportStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FlowReplay} against {@link GatewaySimulator} (what {@code ./portbench gateway} runs), and its refusals. */
class FlowReplayTest {

    /** {@code ./portbench gateway --profile P --arrival fixed --clients N --rate R --hold H --duration D}. */
    static FleetScenario fixed(int clients, double rate, double hold, double duration, String syn) {
        return new FleetScenario(clients, duration, FleetArrival.FIXED, rate, 1, 0, 60, 0, 86_400, List.of(1.0), hold, false,
                CloseKindShare.ALL_FIN, 1, syn, 1, 12);
    }

    private static void sameAnswer(GatewayProfile p, FleetScenario s) {
        GatewayResult simulated = new GatewaySimulator(p, s).run();
        FlowReplay.Result replayed = new FlowReplay(p, GatewayNat.allocatorFor(p), s.syn(), s.seed())
                .run(FleetFlow.ofFixedScenario("gw", s));
        assertEquals(FlowReplay.Result.of("gw", simulated), replayed, p.id() + " " + s);
    }

    @Test
    void aFixedScenarioReplaysToTheSimulatorsAnswerWhenPortsRunOut() {
        // 64 static ports per VM; each client holds about 4 x 30 = 120 flows: drops, retransmissions, failures
        FleetScenario s = fixed(4, 4, 30, 60, "linux");
        GatewayResult r = new GatewaySimulator(GatewayProfiles.builtIn("gcp-cloud-nat"), s).run();
        assertTrue(r.failedConnects() > 0, "the case must fail some connects: " + r.failedConnects());
        sameAnswer(GatewayProfiles.builtIn("gcp-cloud-nat"), s);
    }

    @Test
    void aFixedScenarioReplaysToTheSimulatorsAnswerOnEveryBuiltInProfile() {
        for (GatewayProfile p : GatewayProfiles.all()) {
            sameAnswer(p, fixed(8, 3, 20, 40, "linux-linear4"));
        }
    }

    @Test
    void aTraceReplaysToTheSameAnswerAsItsRowsWrittenAsFlows() {
        // 3 ports, 3 clients, 3 destinations; every end kind, holds past half the idle timeout (keep-alives), some rows
        // without a port: drops, retransmissions and failures on the same loop by both ways in
        GatewayProfile p = GatewaySimulatorTest.tiny(3, 10, 1, 20, 0);
        ConnectionEnd[] ends = ConnectionEnd.values();
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        long t0 = 3_000_000_000L;
        for (int i = 0; i < 60; i++) {
            long open = t0 + i * 500_000_000L;
            long hold = (i * 7 % 16) * 8_000_000_000L;
            b.add(open, open + hold, "10.0.1." + (i % 3), "198.51.100." + (i % 5 % 3) + ":443",
                    i % 4 == 0 ? ConnectionTrace.NO_PORT : 40_000 + i, ends[i % ends.length]);
        }
        ConnectionTrace trace = b.build("test", new ImportStats("test", 60, 60, 0, 0, 0, 0));
        List<FleetFlow> flows = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            flows.add(new FleetFlow("gw", trace.clients().get(trace.client(i)), trace.localPort(i),
                    trace.destinations().get(trace.destination(i)), trace.open(i), trace.close(i), trace.end(i)));
        }
        GatewayResult simulated = GatewaySimulator.replaying(p, trace, "linux", 1, NatCatalog.EXACT, 5).run();
        assertTrue(simulated.failedConnects() > 0 && simulated.established() > 0,
                "the case must both hold and fail connects: " + simulated);
        FlowReplay.Result replayed = new FlowReplay(p, NatCatalog.EXACT, SynSchedule.LINUX, 5).run(flows);
        assertEquals(FlowReplay.Result.of("gw", simulated), replayed);
    }

    @Test
    void aReplayWithoutPortsTakesTheClientsNextPortAsTheSimulatorDoes() {
        GatewayProfile p = GatewaySimulatorTest.tiny(10, 60, 60, 300, 0);
        FleetScenario s = fixed(2, 1, 5, 30, "none");
        List<FleetFlow> unported = new ArrayList<>();
        for (FleetFlow f : FleetFlow.ofFixedScenario("gw", s)) {
            unported.add(new FleetFlow(f.gateway(), f.client(), -1, f.destination(), f.openNanos(), f.closeNanos(), f.end()));
        }
        FlowReplay replay = new FlowReplay(p, NatCatalog.EXACT, s.syn(), s.seed());
        FlowReplay.Result r = replay.run(unported);
        assertEquals(replay.run(FleetFlow.ofFixedScenario("gw", s)), r);
        assertTrue(r.failedConnects() > 0, "10 ports held 5 s + 60 s FIN timer by 2 connects/s: " + r);
        assertEquals("ADDRESS_POOL_EXHAUSTED", r.bindingLimit());
    }

    @Test
    void timesAreFromTheFirstFlowsOpenAndEndsPickTheTimer() {
        GatewayProfile p = GatewaySimulatorTest.tiny(1, 10, 2, 300, 0);
        long t0 = 1_767_225_600_000_000_000L;
        // an RST frees the only port 2 s after its close at t0 + 0.5; the next flow at t0 + 2 is dropped, retried at + 3 (ok)
        List<FleetFlow> flows = List.of(
                new FleetFlow("gw", "10.0.1.10", 40000, "198.51.100.10:443", t0, t0 + 500_000_000L, ConnectionEnd.RESET),
                new FleetFlow("gw", "10.0.1.11", 40001, "198.51.100.10:443", t0 + 2_000_000_000L, t0 + 2_000_000_000L,
                        ConnectionEnd.CLIENT_CLOSE));
        FlowReplay.Result r = new FlowReplay(p, NatCatalog.EXACT, SynSchedule.LINUX, 1).run(flows);
        assertEquals(2, r.connects());
        assertEquals(2, r.established());
        assertEquals(1, r.droppedSyns());
        assertEquals(2.0, r.firstDropSeconds());
        assertEquals(-1.0, r.firstFailureSeconds());
        assertEquals(2, r.clients());
        assertEquals(0.0, r.destinationHeadroom());
    }

    @Test
    void refusesFlowsOutOfOrderOfAnotherGatewayOrOfUndeclaredClients() {
        FlowReplay replay = new FlowReplay(GatewayProfiles.builtIn("aws-nat-gateway"));
        FleetFlow late = new FleetFlow("gw", "a", 1, "d", 2, 3, ConnectionEnd.CLIENT_CLOSE);
        FleetFlow early = new FleetFlow("gw", "a", 2, "d", 1, 3, ConnectionEnd.CLIENT_CLOSE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> replay.run(List.of(late, early)));
        assertTrue(e.getMessage().contains("sort by open time"), e.getMessage());
        FleetFlow other = new FleetFlow("gw2", "a", 3, "d", 4, 5, ConnectionEnd.CLIENT_CLOSE);
        e = assertThrows(IllegalArgumentException.class, () -> replay.run(List.of(late, other)));
        assertTrue(e.getMessage().contains("gateway 'gw2'"), e.getMessage());
        FleetFlow b = new FleetFlow("gw", "b", 3, "d", 4, 5, ConnectionEnd.CLIENT_CLOSE);
        e = assertThrows(IllegalArgumentException.class, () -> replay.run("gw", 1, 2, List.of(late, b).iterator()));
        assertTrue(e.getMessage().contains("client 'b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> replay.run(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new FleetFlow("gw", "a", 70_000, "d", 1, 2, ConnectionEnd.RESET));
        assertThrows(IllegalArgumentException.class, () -> new FleetFlow("gw", "a", 1, "d", 2, 1, ConnectionEnd.RESET));
        assertThrows(IllegalArgumentException.class, () -> FleetFlow.ofFixedScenario("gw",
                FleetScenario.steady(2, 1, 10, List.of(1.0), 1)));
    }
}
