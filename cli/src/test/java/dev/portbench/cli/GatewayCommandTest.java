package dev.portbench.cli;

import dev.portbench.gateway.GatewayProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayCommandTest {

    /** One address (4 at most), ports 1024-1033, FIN kept 5 s: hand-computable. */
    static Path tinyProfile(Path dir) throws IOException {
        String cite = "\"source\": \"test\"";
        String json = "{\"id\": \"tiny\", \"summary\": \"ten ports\", \"addresses\": {\"value\": 1, " + cite + "},"
                + "\"maxAddresses\": {\"value\": 4, " + cite + "}, \"ports\": {\"low\": 1024, \"high\": 1033, " + cite + "},"
                + "\"mapping\": {\"value\": \"address-and-port-dependent\", " + cite + "},"
                + "\"perDestinationLimit\": {\"value\": 0, " + cite + "}, \"hostAllocation\": {\"value\": \"shared\", " + cite + "},"
                + "\"minPortsPerHost\": {\"value\": 0, " + cite + "}, \"maxPortsPerHost\": {\"value\": 0, " + cite + "},"
                + "\"search\": {\"value\": \"exhaustive\", " + cite + "}, \"searchAttempts\": {\"value\": 0, " + cite + "},"
                + "\"workers\": {\"value\": 1, " + cite + "}, \"blockSize\": {\"value\": 0, " + cite + "},"
                + "\"idleSeconds\": {\"value\": 300, " + cite + "}, \"finSeconds\": {\"value\": 5, " + cite + "},"
                + "\"rstSeconds\": {\"value\": 5, " + cite + "}}";
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void listPrintsEveryBuiltInProfile() {
        CliRun r = CliRun.of("gateway", "--list");
        assertEquals(0, r.status(), r.err());
        for (String id : GatewayProfiles.IDS) {
            assertTrue(r.out().contains(id), id);
        }
        assertTrue(r.out().contains("55000"), r.out());
    }

    @Test
    void tenPortsHeldFiveSecondsServeTwoConnectsPerSecondOfFour(@TempDir Path dir) throws IOException {
        String tiny = tinyProfile(dir).toString();
        // 4 connects/s need 20 ports held 5 s: in every 5 s, 10 connects get the ports the previous 10 freed, 10 fail
        CliRun r = CliRun.of("gateway", "--profile", tiny, "--clients", "2", "--rate", "2", "--arrival", "fixed", "--hold", "0",
                "--duration", "30", "--syn", "none", "--json", dir.resolve("r.json").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("connects 120, established 60, failed after every retransmission 60"), r.out());
        assertTrue(r.out().contains("binding limit: ADDRESS_POOL_EXHAUSTED"), r.out());
        assertTrue(Files.readString(dir.resolve("r.json")).contains("\"failedConnects\" : 60"));
    }

    @Test
    void findsTheLargestFleetAndRateTheTenPortsCarry(@TempDir Path dir) throws IOException {
        String tiny = tinyProfile(dir).toString();
        CliRun clients = CliRun.of("gateway", "--profile", tiny, "--clients", "1", "--rate", "1", "--arrival", "fixed",
                "--hold", "0", "--duration", "30", "--syn", "none", "--find", "max-clients");
        assertEquals(0, clients.status(), clients.err());
        assertTrue(clients.out().startsWith("max clients: 2 (fails at 3,"), clients.out());
        assertTrue(clients.out().contains("binding limit ADDRESS_POOL_EXHAUSTED"), clients.out());
        CliRun rate = CliRun.of("gateway", "--profile", tiny, "--clients", "1", "--rate", "1", "--arrival", "fixed",
                "--hold", "0", "--duration", "30", "--syn", "none", "--find", "max-rate");
        assertEquals(0, rate.status(), rate.err());
        // 10 ports, each flow held 5 s by the FIN timer: 2 connects/s fill them exactly, and the answer brackets that
        Matcher m = Pattern.compile("^max rate per client \\(requests/s\\): ([0-9.]+) \\(fails at ([0-9.]+), within 1%")
                .matcher(rate.out());
        assertTrue(m.find(), rate.out());
        double passing = Double.parseDouble(m.group(1));
        double failing = Double.parseDouble(m.group(2));
        assertTrue(passing <= 2 && 2 < failing && failing - passing <= failing / 100, rate.out());
    }

    @Test
    void whatIfMoreAddressesHalvesTheFailures(@TempDir Path dir) throws IOException {
        // 2 clients, 1 connect/s in all, 10 ports held 60 s (hold 55 + FIN 5): 20 of 30 fail. With 2 addresses each
        // client is paired to its own (RFC 4787 paired pooling, the NAT allocators' default): 10 ports each, 10 fail
        CliRun r = CliRun.of("gateway", "--profile", tinyProfile(dir).toString(), "--clients", "2", "--rate", "0.5",
                "--arrival", "fixed", "--hold", "55", "--duration", "30", "--syn", "none", "--what-if", "addresses=2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("failed connects 20 -> 10, gain 10"), r.out());
    }

    @Test
    void badOptionsAreRefused(@TempDir Path dir) throws IOException {
        CliRun.rejects("--clients: has no effect here", "gateway", "--scenario", "x.json", "--clients", "5");
        CliRun.rejects("--max-failed-fraction: has no effect here", "gateway", "--max-failed-fraction", "0.1");
        CliRun.rejects("--burst: has no effect here", "gateway", "--burst", "2:1:10");
        CliRun.rejects("profile: 'nope'", "gateway", "--profile", "nope");
        CliRun.rejects("what-if: 'more'", "gateway", "--profile", tinyProfile(dir).toString(), "--what-if", "more");
        CliRun.rejects("clients: 0", "gateway", "--clients", "0");
    }

    @Test
    void aFlowLogIsReplayedThroughTheGatewayWithItsClientsApart(@TempDir Path dir) throws IOException {
        Path log = Path.of("..", "traces", "flowlogs", "synthetic-aws-vpc-v2.log");
        dev.portbench.trace.ConnectionTrace t = dev.portbench.trace.TraceImport.DEFAULTS.read(log);
        assertTrue(t.clients().size() > 1, "the sample holds several clients: " + t.clients());
        CliRun r = CliRun.of("gateway", "--profile", "aws-nat-gateway", "--trace", log.toString(), "--syn", "none",
                "--json", dir.resolve("r.json").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(": " + t.clients().size() + " clients,"), r.out());
        assertTrue(r.out().contains("connects " + t.size() + ", established " + t.size()), r.out());
        assertTrue(Files.readString(dir.resolve("r.json")).contains("\"clients\" : " + t.clients().size()));
        CliRun.rejects("--clients: has no effect here (expected no --trace", "gateway", "--trace", log.toString(),
                "--clients", "3");
        CliRun.rejects("--find: has no effect here (expected no --trace", "gateway", "--trace", log.toString(),
                "--find", "max-clients");
        CliRun.rejects("--skip-bad: has no effect here (expected --trace FILE", "gateway", "--skip-bad");
    }
}
