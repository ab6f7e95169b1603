package dev.portbench.trace;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.simulation.RecordedTraceSimulator;
import dev.portbench.stack.StackProfiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed real captures (traces/README.md), imported whole. The expected counts are facts
 * about the files found with tcpdump, not with this code (the commands are in traces/README.md).
 */
class RealTracesTest {

    static final Path TRACES = Path.of("..", "traces");

    @Test
    void zabbixServerHour() {
        ConnectionTrace t = TraceImport.DEFAULTS.withClients(ClientFilter.parse("10.64.88.105"))
                .read(TRACES.resolve("pathspider-real.pcap.gz"));
        // tcpdump: 5608 SYNs without ACK sent by 10.64.88.105, 3602 to 10.151.119.2.10050, 2006 to 10.64.88.7.10050
        assertEquals(5608, t.size());
        assertEquals(2, t.destinations().size());
        TraceSummary s = TraceSummary.of(t);
        assertEquals(3602L, s.topDestinations().get("10.151.119.2:10050"));
        assertEquals(2006L, s.topDestinations().get("10.64.88.7:10050"));
        assertEquals(62_781, t.stats().records(), "tcpdump: 62781 packets");
        assertEquals(60_873 + 1_908, t.stats().records() - t.stats().undecodable(), "every packet decoded");
        // the agents close first: the Zabbix server's ports never wait in TIME-WAIT
        assertEquals(5608L, s.ends().get("server-close"));
        assertTrue(s.durationSeconds() > 3590 && s.durationSeconds() < 3600, "about an hour: " + s.durationSeconds());
    }

    @Test
    void loopbackCalibrationCapture() {
        ConnectionTrace t = TraceImport.DEFAULTS.withClients(ClientFilter.parse("127.0.0.1"))
                .read(TRACES.resolve("loopback-calibration.pcap.gz"));
        // LoopbackClient connected 2500 times, alternating two server ports; the client closed first
        assertEquals(2500, t.size());
        TraceSummary s = TraceSummary.of(t);
        assertEquals(1250L, s.topDestinations().get("127.0.0.1:8080"));
        assertEquals(1250L, s.topDestinations().get("127.0.0.1:8081"));
        assertEquals(2500L, s.ends().get("client-close"));
        assertTrue(s.localPortMin() >= 40000 && s.localPortMax() <= 40999, "the namespace's range 40000-40999");
        // one pool of the namespace's 1000 ports with 60 s TIME-WAIT cannot hold what the kernel did:
        // Linux shared ports across the two destinations and reused loopback TIME-WAITs (tcp_tw_reuse=2)
        RecordedTraceSimulator.Result r = RecordedTraceSimulator.run(AllocatorCatalog.fromId("fifo"), t,
                new ReplaySettings(40000, 40999, 60_000_000_000L, 1.0));
        assertEquals(1500, r.failures(), "every connection after the first 1000 in the 25 s trace");
        // with Linux's rules (per-destination sharing, tcp_tw_reuse 2 for loopback peers) the model agrees with the kernel
        RecordedTraceSimulator.Result linux = RecordedTraceSimulator.run(StackProfiles.linux(), t,
                new ReplaySettings(40000, 40999, 60_000_000_000L, 1.0));
        assertEquals(0, linux.failures(), "the kernel connected all 2500");
        // and a bind()-style stack with the same range fails like the single pool
        RecordedTraceSimulator.Result windows = RecordedTraceSimulator.run(StackProfiles.windows(), t,
                new ReplaySettings(40000, 40999, 60_000_000_000L, 1.0));
        assertEquals(1500, windows.failures());
    }
}
