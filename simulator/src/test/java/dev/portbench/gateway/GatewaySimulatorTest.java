package dev.portbench.gateway;

import dev.portbench.nat.NatCatalog;
import dev.portbench.trace.ConnectionEnd;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ConnectionTraceBuilder;
import dev.portbench.trace.ImportStats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hand-computed small cases, run on {@link ReferenceNat} (a plain exact model). */
class GatewaySimulatorTest {

    private static final String DOC = "test case";

    /** One address, ports 1024..1023+ports, shared, exhaustive; the given timers and per-destination limit. */
    static GatewayProfile tiny(int ports, double fin, double rst, double idle, int perDestination) {
        return new GatewayProfile("tiny", "test", new Cited(1, DOC), new Cited(4, DOC), new PortRange(1024, 1023 + ports, DOC),
                new CitedChoice("address-and-port-dependent", DOC), new Cited(perDestination, DOC),
                new CitedChoice("shared", DOC), new Cited(0, DOC), new Cited(0, DOC), null,
                new CitedChoice("exhaustive", DOC), new Cited(0, DOC), new Cited(1, DOC), new Cited(0, DOC),
                new Cited(idle, DOC), new Cited(fin, DOC), new Cited(rst, DOC), null);
    }

    /** One client, one connect per second at t = 0, 1, 2, ..., held {@code hold} seconds. */
    static FleetScenario everySecond(double duration, double hold, CloseKindShare mix, String syn) {
        return new FleetScenario(1, duration, FleetArrival.FIXED, 1, 1, 0, 60, 0, 86_400, List.of(1.0), hold, false, mix,
                1, syn, 7, 1);
    }

    /** Runs on the reference model, and checks the project's exact NAT allocator sees the same. */
    static GatewayResult run(GatewayProfile p, FleetScenario s) {
        GatewayResult reference = new GatewaySimulator(p, s, "reference", ReferenceNat::new, Long.MAX_VALUE).run();
        GatewayResult exact = new GatewaySimulator(p, s, NatCatalog.EXACT, Long.MAX_VALUE).run();
        assertEquals(reference.established(), exact.established(), "exact allocator: established");
        assertEquals(reference.failedConnects(), exact.failedConnects(), "exact allocator: failed");
        assertEquals(reference.droppedSyns(), exact.droppedSyns(), "exact allocator: dropped SYNs");
        assertEquals(reference.bindingLimit(), exact.bindingLimit(), "exact allocator: binding limit");
        return reference;
    }

    @Test
    void tenPortsHeldSixtySecondsServeTheFirstTenConnectsOnly() {
        GatewayResult r = run(tiny(10, 60, 60, 300, 0), everySecond(30, 0, CloseKindShare.ALL_FIN, "none"));
        assertEquals(30, r.connects());
        assertEquals(10, r.established());
        assertEquals(20, r.failedConnects());
        assertEquals(20, r.droppedSyns());
        assertEquals(10.0, r.firstDropSeconds());
        assertEquals(11.0, r.firstFailureSeconds()); // no retransmission: fails when the 1 s timeout ends
        assertEquals(20 / 30.0, r.failedFraction(), 1e-12);
        assertEquals("ADDRESS_POOL_EXHAUSTED", r.bindingLimit());
        assertEquals(10, r.destinations().get(0).maxLive());
    }

    @Test
    void aRetransmissionThatFindsAFreedPortSucceedsLate() {
        // port taken at 0, closed at 0, free at 2.5; connect at 1 dropped, retransmitted at 2 (dropped), at 4 (free)
        GatewayResult r = run(tiny(1, 2.5, 2.5, 300, 0), everySecond(2, 0, CloseKindShare.ALL_FIN, "linux"));
        assertEquals(2, r.connects());
        assertEquals(2, r.established());
        assertEquals(0, r.failedConnects());
        assertEquals(2, r.droppedSyns());
        assertEquals(1, r.latency().delayedConnects());
        assertEquals(3.0, r.latency().maxSeconds());
        assertEquals(3.0, r.latency().p99Seconds());
        assertEquals(0.0, r.latency().p50Seconds());
        assertEquals(-1.0, r.firstFailureSeconds());
    }

    @Test
    void rstCoolDownShorterThanFinFreesPortsSooner() {
        // one port, a connect each second closed at once: RST keeps it 1 s (free for the next), FIN 2 s (every other fails)
        GatewayResult rst = run(tiny(1, 2, 1, 300, 0), everySecond(10, 0, new CloseKindShare(0, 1, 0), "none"));
        assertEquals(0, rst.failedConnects());
        GatewayResult fin = run(tiny(1, 2, 1, 300, 0), everySecond(10, 0, CloseKindShare.ALL_FIN, "none"));
        assertEquals(5, fin.failedConnects());
        GatewayResult idle = run(tiny(1, 1, 1, 3, 0), everySecond(10, 0, new CloseKindShare(0, 0, 1), "none"));
        assertEquals(10 - 4, idle.failedConnects()); // idle 3 s: established at 0, 3, 6, 9
    }

    @Test
    void thePerDestinationLimitBindsBeforeThePorts() {
        GatewayResult r = run(tiny(100, 1000, 1000, 3000, 3), everySecond(10, 500, CloseKindShare.ALL_FIN, "none"));
        assertEquals(3, r.established());
        assertEquals(7, r.failedConnects());
        assertEquals("PER_DESTINATION_LIMIT", r.bindingLimit());
        GatewayResult.DestinationRow d = r.destinations().get(0);
        assertEquals(3, d.limit());
        assertEquals(0.0, d.headroom());
    }

    @Test
    void staticPortsPerHostBindPerClient() {
        GatewayProfile p = tiny(100, 1000, 1000, 3000, 0).withStaticPorts(2, DOC);
        GatewayResult r = run(p, everySecond(5, 500, CloseKindShare.ALL_FIN, "none"));
        assertEquals(2, r.established());
        assertEquals("PER_HOST_LIMIT", r.bindingLimit());
        assertEquals(0.0, r.minClientHeadroom());
    }

    @Test
    void heldConnectionsLongerThanTheIdleTimeoutKeepTheirMapping() {
        // hold 10 s, idle 4 s: keep-alive traffic every 2 s; 2 ports, a connect every 4 s: never more than 2 held
        FleetScenario s = new FleetScenario(1, 40, FleetArrival.FIXED, 0.25, 1, 0, 60, 0, 86_400, List.of(1.0), 7, false,
                CloseKindShare.ALL_FIN, 1, "none", 1, 4);
        GatewayResult r = run(tiny(2, 0.5, 0.5, 4, 0), s);
        assertEquals(10, r.connects());
        assertEquals(0, r.failedConnects());
        assertEquals(2, r.destinations().get(0).maxLive());
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedAnother() {
        FleetScenario s = new FleetScenario(5, 20, FleetArrival.POISSON, 2, 1, 0, 60, 0, 86_400, List.of(3.0, 1.0), 1, true,
                new CloseKindShare(0.5, 0.3, 0.2), 1, "linux", 11, 4);
        GatewayProfile p = tiny(20, 5, 1, 30, 0);
        assertEquals(run(p, s), run(p, s));
        FleetScenario other = new FleetScenario(5, 20, FleetArrival.POISSON, 2, 1, 0, 60, 0, 86_400, List.of(3.0, 1.0), 1,
                true, new CloseKindShare(0.5, 0.3, 0.2), 1, "linux", 12, 4);
        assertNotEquals(run(p, s).connects() + " " + run(p, s).droppedSyns(),
                run(p, other).connects() + " " + run(p, other).droppedSyns());
    }

    @Test
    void badScenariosAreRefusedNamingTheValue() {
        assertThrows(IllegalArgumentException.class, () -> everySecond(-1, 0, CloseKindShare.ALL_FIN, "none"));
        assertThrows(IllegalArgumentException.class, () -> new CloseKindShare(0.5, 0.6, 0));
        assertThrows(IllegalArgumentException.class, () -> everySecond(5, 0, CloseKindShare.ALL_FIN, "beos"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GatewaySimulator(GatewayProfiles.builtIn("azure-lb-outbound"),
                        everySecond(5, 0, CloseKindShare.ALL_FIN, "none").withClients(1001)));
        assertEquals(true, e.getMessage().contains("1001"), e.getMessage());
    }

    private static final long S = 1_000_000_000L;

    private static ConnectionTrace trace(String[] clients, long[] opens, long hold, ConnectionEnd end) {
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        for (int i = 0; i < opens.length; i++) {
            b.add(opens[i], opens[i] + hold, clients[i], "198.51.100.1:443", ConnectionTrace.NO_PORT, end);
        }
        return b.build("test", new ImportStats("test", opens.length, opens.length, 0, 0, 0, 0));
    }

    @Test
    void replayingATraceOfFixedArrivalsGivesTheFleetsAnswer() {
        GatewayProfile p = tiny(10, 60, 60, 300, 0);
        GatewayResult fleet = run(p, everySecond(30, 0, CloseKindShare.ALL_FIN, "none"));
        long[] opens = new long[30];
        String[] clients = new String[30];
        for (int i = 0; i < 30; i++) {
            opens[i] = 5 * S + i * S; // any origin: the replay starts at the first open
            clients[i] = "10.1.1.1";
        }
        GatewayResult replay = GatewaySimulator.replaying(p, trace(clients, opens, 0, ConnectionEnd.CLIENT_CLOSE), "none",
                1, NatCatalog.EXACT).run();
        assertEquals(fleet.connects(), replay.connects());
        assertEquals(fleet.established(), replay.established());
        assertEquals(fleet.failedConnects(), replay.failedConnects());
        assertEquals(fleet.droppedSyns(), replay.droppedSyns());
        assertEquals(fleet.firstDropSeconds(), replay.firstDropSeconds());
        assertEquals(fleet.bindingLimit(), replay.bindingLimit());
        assertEquals(1, replay.scenario().clients());
    }

    @Test
    void aReplayKeepsTheTracesClientsApart() {
        // 2 ports per host: each of two clients holds 3 connections, so each loses one (merged: 4 would fail)
        GatewayProfile p = tiny(100, 1000, 1000, 3000, 0).withStaticPorts(2, DOC);
        String[] clients = {"10.1.1.1", "10.1.1.2", "10.1.1.1", "10.1.1.2", "10.1.1.1", "10.1.1.2"};
        long[] opens = {0, S, 2 * S, 3 * S, 4 * S, 5 * S};
        GatewayResult r = GatewaySimulator.replaying(p, trace(clients, opens, 500 * S, ConnectionEnd.UNFINISHED), "none",
                1, NatCatalog.EXACT).run();
        assertEquals(2, r.scenario().clients());
        assertEquals(4, r.established());
        assertEquals(2, r.failedConnects());
        assertEquals(2, r.clientsWithFailures());
        assertEquals("PER_HOST_LIMIT", r.bindingLimit());
    }

    @Test
    void aReplayHoldsAndEndsEachConnectionAsTheTraceSays() {
        // one port: a reset frees it after the 2 s cool-down, a FIN after 50 s; the second connect comes at 5 s
        GatewayProfile p = tiny(1, 50, 2, 3000, 0);
        String[] clients = {"a", "a"};
        long[] opens = {0, 5 * S};
        GatewayResult reset = GatewaySimulator.replaying(p, trace(clients, opens, S, ConnectionEnd.RESET), "none", 1,
                NatCatalog.EXACT).run();
        GatewayResult fin = GatewaySimulator.replaying(p, trace(clients, opens, S, ConnectionEnd.CLIENT_CLOSE), "none", 1,
                NatCatalog.EXACT).run();
        assertEquals(2, reset.established());
        assertEquals(1, fin.established());
        assertEquals(1, fin.failedConnects());
        assertThrows(IllegalArgumentException.class, () -> GatewaySimulator.replaying(p,
                trace(new String[0], new long[0], 0, ConnectionEnd.RESET), "none", 1, NatCatalog.EXACT));
    }

    @Test
    void theThroughputFloorsNoOpNatEstablishesEveryConnect() {
        FleetScenario s = FleetScenario.steady(50, 10, 20, java.util.Collections.nCopies(16, 1.0), 1);
        GatewayResult r = new GatewaySimulator(GatewayProfiles.builtIn("aws-nat-gateway"), s, "no-op", NoOpNat::new,
                Long.MAX_VALUE).run();
        assertEquals(r.connects(), r.established());
        assertEquals(0, r.droppedSyns());
        assertEquals(10_000, r.connects(), 400, "about 50 x 10 x 20 Poisson arrivals");
    }
}
