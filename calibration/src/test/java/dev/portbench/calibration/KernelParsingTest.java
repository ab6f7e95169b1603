package dev.portbench.calibration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of what the kernel and the clients write: sockstat, kernel config, errno names, attempt files. */
class KernelParsingTest {

    private static final String SOCKSTAT = "sockets: used 10\n"
            + "TCP: inuse 1 orphan 0 tw 1234 alloc 1 mem 5\n"
            + "UDP: inuse 0 mem 0\n";

    @Test
    void sockstatGivesTheTimeWaitCount() {
        assertEquals(1234, TimeWaitSeries.parseSockstat(SOCKSTAT));
        assertEquals(0, TimeWaitSeries.parseSockstat("TCP: inuse 0 orphan 0 tw 0 alloc 1 mem 5\n"));
    }

    @Test
    void badSockstatIsRejectedWithTheReason() {
        IllegalArgumentException noTcp = assertThrows(IllegalArgumentException.class,
                () -> TimeWaitSeries.parseSockstat("sockets: used 3\n"));
        assertTrue(noTcp.getMessage().contains("TCP:"), noTcp.getMessage());
        IllegalArgumentException noTw = assertThrows(IllegalArgumentException.class,
                () -> TimeWaitSeries.parseSockstat("TCP: inuse 1 orphan 0\n"));
        assertTrue(noTw.getMessage().contains("no tw"), noTw.getMessage());
        IllegalArgumentException badTw = assertThrows(IllegalArgumentException.class,
                () -> TimeWaitSeries.parseSockstat("TCP: inuse 1 tw x\n"));
        assertTrue(badTw.getMessage().contains("'x'"), badTw.getMessage());
    }

    @Test
    void tcpCountersAreReadFromTheirHeaderAndValueLines() {
        String netstat = "TcpExt: SyncookiesSent TW PAWSTimewait\nTcpExt: 0 2011 5\nIpExt: InNoRoutes\nIpExt: 0\n";
        String snmp = "Ip: Forwarding\nIp: 1\nTcp: RtoAlgorithm MaxConn ActiveOpens OutRsts\nTcp: 1 -1 2011 11\n";
        Map<String, Long> before = new java.util.LinkedHashMap<>();
        TcpCounters.parse(snmp, "Tcp", before);
        TcpCounters.parse(netstat, "TcpExt", before);
        assertEquals(11L, before.get("Tcp.OutRsts"));
        assertEquals(5L, before.get("TcpExt.PAWSTimewait"));
        Map<String, Long> after = new java.util.LinkedHashMap<>(before);
        after.put("Tcp.OutRsts", 13L);
        after.put("Tcp.MaxConn", -2L);
        assertEquals(Map.of("Tcp.OutRsts", 2L), TcpCounters.changes(before, after));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TcpCounters.parse("Tcp: A B\nTcp: 1\n", "Tcp", new java.util.HashMap<>()));
        assertTrue(e.getMessage().contains("2 names but 1 values"), e.getMessage());
    }

    @Test
    void kernelConfigGivesHz() {
        assertEquals(250, KernelInfo.parseHz("CONFIG_NO_HZ=y\nCONFIG_HZ_250=y\nCONFIG_HZ=250\n"));
        assertEquals(0, KernelInfo.parseHz("# CONFIG_HZ is not set\n"));
        assertThrows(IllegalArgumentException.class, () -> KernelInfo.parseHz("CONFIG_HZ=fast\n"));
    }

    @Test
    void jdkMessagesMapToErrnoNames() {
        assertEquals("EADDRNOTAVAIL", JavaConnectClient.errnoName("Cannot assign requested address"));
        assertEquals("EADDRINUSE", JavaConnectClient.errnoName("Address already in use"));
        assertEquals("ECONNREFUSED", JavaConnectClient.errnoName("Connection refused"));
        assertEquals("ETIMEDOUT", JavaConnectClient.errnoName("Connect timed out"));
        assertEquals("EOTHER", JavaConnectClient.errnoName(null));
    }

    @Test
    void attemptLogRoundTripsThroughItsGzipCsv(@TempDir Path tmp) {
        AttemptLog log = new AttemptLog();
        for (int i = 0; i < 3000; i++) {
            log.add(1_000_000L * i, i % 3, i % 7 == 0 ? "EADDRNOTAVAIL" : AttemptLog.OK, i % 7 == 0 ? 0 : 40000 + i % 500);
        }
        Path f = tmp.resolve("attempts.csv.gz");
        log.write(f);
        AttemptLog back = AttemptLog.read(f);
        assertArrayEquals(log.times(), back.times());
        assertArrayEquals(log.destinations(), back.destinations());
        assertArrayEquals(log.successes(), back.successes());
        assertEquals(log.outcomeCounts(), back.outcomeCounts());
        assertEquals(log.port(1), back.port(1));
        assertEquals(Map.of("EADDRNOTAVAIL", 429L, "OK", 2571L), back.outcomeCounts());
    }

    @Test
    void badAttemptsAreRejectedAndLeaveTheLogAsItWas() throws IOException {
        AttemptLog log = new AttemptLog();
        log.readRows(new StringReader("100,0,OK,40000\n"), AttemptLog.COLUMNS, "test");
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class, () -> log.add(99, 0, "OK", 1));
        assertTrue(backwards.getMessage().contains("99"), backwards.getMessage());
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> log.readRows(new StringReader("x,0,OK,1\n"), AttemptLog.COLUMNS, "the C client's output"));
        assertTrue(notANumber.getMessage().startsWith("the C client's output"), notANumber.getMessage());
        assertThrows(IllegalArgumentException.class, () -> log.add(200, 0, "OK", 70000));
        assertEquals(1, log.size());
        assertFalse(log.outcomeCounts().containsKey("x"));
    }

    @Test
    void aFileWithTheWrongHeaderIsRejected(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bad.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(f))) {
            out.write("when,where,what,port\n1,0,OK,40000\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttemptLog.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void scenariosCheckTheirSettings() {
        CalibrationScenario ok = CalibrationSuite.quick();
        assertEquals(50, ok.rangeSize());
        assertEquals("127.0.0.1:5001", ok.destination(0));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new CalibrationScenario("x",
                "", 100, 40000, 0, false, -1, 500, false, true, 3, 0, 0));
        for (String part : new String[] {"range 100..40000", "destinations 0", "rate -1.0", "duration 500.0",
                "IP_BIND_ADDRESS_NO_PORT", "tcp_tw_reuse 3", "max attempts 0"}) {
            assertTrue(bad.getMessage().contains(part), part + " in " + bad.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> CalibrationSuite.byId("nope"));
        IllegalArgumentException workload = assertThrows(IllegalArgumentException.class, () -> new CalibrationScenario(
                "y", "", 40000, 40999, 2, false, 0, 10, true, true, 0, 0, 10, true, -1, java.util.List.of(1.0), 2, -5,
                39000, 40100, 1));
        for (String part : new String[] {"Poisson arrivals with rate 0.0", "mean holding time -1.0", "destination weights [1.0]",
                "reset fraction 2.0", "tcp_tw_reuse_delay -5", "IP_LOCAL_PORT_RANGE 39000..40100", "with the C client"}) {
            assertTrue(workload.getMessage().contains(part), part + " in " + workload.getMessage());
        }
    }

    @Test
    void theSuiteCoversTheIssuesCasesWithinTheTimeLimit() {
        var suite = CalibrationSuite.scenarios();
        assertTrue(suite.size() >= 8, "at least 8 scenarios");
        double seconds = suite.stream().mapToDouble(CalibrationScenario::durationSeconds).sum();
        assertTrue(seconds + 75 <= 22 * 60, "the suite and the probe within about 20 minutes: " + seconds + " s");
        assertTrue(suite.stream().filter(s -> s.durationSeconds() >= 3 * 60).count() >= 2,
                "at least two scenarios span three TIME-WAIT periods");
        assertTrue(suite.stream().anyMatch(s -> s.poisson() && s.holdMeanMillis() > 0 && !s.destinationWeights().isEmpty()),
                "Poisson arrivals with holding and uneven destinations");
        assertTrue(suite.stream().anyMatch(s -> s.resetFraction() > 0), "RST closes");
        assertTrue(suite.stream().anyMatch(s -> s.twReuseDelayMillis() > 0 && s.requiredKernel().equals("6.14")),
                "tcp_tw_reuse_delay, needing 6.14");
        assertTrue(suite.stream().anyMatch(s -> s.socketRange() && s.requiredKernel().equals("6.3")),
                "IP_LOCAL_PORT_RANGE, needing 6.3");
        assertTrue(suite.stream().anyMatch(s -> s.destinations() == 2 && s.fastLoop()));
        assertTrue(suite.stream().anyMatch(s -> s.destinations() >= 2 && s.byAddress()));
        assertTrue(suite.stream().anyMatch(s -> s.destinations() >= 2 && !s.byAddress()));
        assertTrue(suite.stream().anyMatch(s -> s.bindBeforeConnect() && !s.bindAddressNoPort() && s.destinations() == 2));
        assertTrue(suite.stream().anyMatch(s -> s.bindAddressNoPort() && s.destinations() == 2));
        assertTrue(suite.stream().anyMatch(s -> s.twReuse() == 1 && s.fastLoop() && s.rangeSize() == 1000));
        assertTrue(suite.stream().filter(s -> s.twReuse() != 1).allMatch(s -> s.twReuse() == 0),
                "without reuse means tcp_tw_reuse=0: the default 2 would reuse on loopback");
    }
}
