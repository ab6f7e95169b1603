package dev.portbench.gateway;

import dev.portbench.nat.MappingBehaviour;
import dev.portbench.nat.NatConfig;
import dev.portbench.nat.TimerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each built-in profile reproduces the numbers of its public document (FACTS.md "NATs and cloud gateways"). */
class GatewayProfilesTest {

    @Test
    void everyBuiltInLoadsWithItsOwnIdAndCitesEveryParameter() {
        assertEquals(GatewayProfiles.IDS.size(), GatewayProfiles.all().size());
        for (GatewayProfile p : GatewayProfiles.all()) {
            assertTrue(GatewayProfiles.IDS.contains(p.id()));
            for (Cited c : new Cited[] {p.addresses(), p.maxAddresses(), p.perDestinationLimit(), p.idleSeconds(),
                p.finSeconds(), p.rstSeconds(), p.searchAttempts()}) {
                assertTrue(c.source().length() > 10, p.id() + ": " + c);
            }
            assertTrue(p.pooling() != null && p.pooling().source().length() > 10, p.id() + ": names its pooling and its source");
            NatConfig config = GatewayNat.configFor(p, 100, 10_000, 1);
            assertEquals(p.ports().size(), config.rangeSize(), p.id());
            assertEquals(p.poolingKind() == Pooling.PAIRED, config.pairedPooling(), p.id());
        }
    }

    @Test
    void awsAllows55000FlowsPerDestinationPerAddressOnUpTo8Addresses() {
        GatewayProfile aws = GatewayProfiles.builtIn("aws-nat-gateway");
        assertEquals(55_000, aws.perDestinationPerAddress());
        assertEquals(64_512, aws.ports().size());
        assertEquals(8, (int) aws.maxAddresses().value());
        assertEquals(350, aws.idleSeconds().value());
        NatConfig config = GatewayNat.configFor(aws.withAddresses(8, "test"), 10, 1000, 1);
        assertEquals(55_000, config.maxFlowsPerDestination());
        assertEquals(8, config.addressCount());
        assertEquals(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT, config.behaviour());
        assertThrows(IllegalArgumentException.class, () -> aws.withAddresses(9, "test"));
    }

    @Test
    void azureLoadBalancerFollowsThePreallocationTable() {
        GatewayProfile lb = GatewayProfiles.builtIn("azure-lb-outbound");
        int[][] table = {{1, 1024}, {50, 1024}, {51, 512}, {100, 512}, {101, 256}, {200, 256}, {201, 128}, {400, 128},
            {401, 64}, {800, 64}, {801, 32}, {1000, 32}};
        for (int[] row : table) {
            assertEquals(row[1], lb.portsPerHost(row[0]), row[0] + " instances");
            assertEquals(row[1], GatewayNat.configFor(lb, row[0], 1000, 1).maxPortsPerHost(), row[0] + " instances");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lb.portsPerHost(1001));
        assertTrue(e.getMessage().contains("1001"), e.getMessage());
        // 1,000 instances x 32 ports fit in half of one frontend IP's 64,000: the table never overbooks one address
        assertTrue(1000 * 32 <= 64_000);
    }

    @Test
    void gcpGivesEachVm64PortsStaticOr32DoublingDynamic() {
        GatewayProfile gcp = GatewayProfiles.builtIn("gcp-cloud-nat");
        assertEquals(HostAllocation.STATIC, gcp.allocation());
        assertEquals(64, gcp.portsPerHost(1000));
        NatConfig config = GatewayNat.configFor(gcp, 1000, 1000, 1);
        assertEquals(64, config.minPortsPerHost());
        assertEquals(64, config.maxPortsPerHost());
        assertEquals(MappingBehaviour.ENDPOINT_INDEPENDENT, config.behaviour());
        GatewayProfile dynamic = GatewayProfiles.builtIn("gcp-cloud-nat-dynamic");
        assertEquals(32, (int) dynamic.minPortsPerHost().value());
        assertEquals(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT, GatewayNat.configFor(dynamic, 10, 1000, 1).behaviour());
        // a VM of 64,512 / 64 = 1,008 VMs fills one NAT address under static allocation
        assertEquals(1008, gcp.ports().size() / gcp.portsPerHost(1));
    }

    @Test
    void azureNatGatewayTimersAndLimits() {
        GatewayProfile azure = GatewayProfiles.builtIn("azure-nat-gateway");
        assertEquals(50_000, azure.perDestinationPerAddress());
        assertEquals(1_032_192, azure.ports().size() * (int) azure.maxAddresses().value());
        NatConfig config = GatewayNat.configFor(azure, 1, 1000, 1);
        assertEquals(65_000_000_000L, config.timeoutNanos(TimerState.TRANSITORY));
        assertEquals(16_000_000_000L, config.timeoutNanos(TimerState.RST_COOLDOWN));
        assertEquals(240_000_000_000L, config.timeoutNanos(TimerState.ESTABLISHED));
    }

    @Test
    void boundedSearchesPickTheirAllocators() {
        assertEquals("netfilter-6.5", GatewayNat.allocatorFor(GatewayProfiles.builtIn("linux-masquerade")).id());
        assertEquals("cilium", GatewayNat.allocatorFor(GatewayProfiles.builtIn("cilium-bpf-snat")).id());
        assertEquals(32, (int) GatewayProfiles.builtIn("cilium-bpf-snat").searchAttempts().value());
        assertEquals("vpp", GatewayNat.allocatorFor(GatewayProfiles.builtIn("vpp-nat44-ed")).id());
        assertEquals(10, (int) GatewayProfiles.builtIn("vpp-nat44-ed").searchAttempts().value());
        assertEquals("exact", GatewayNat.allocatorFor(GatewayProfiles.builtIn("aws-nat-gateway")).id());
        GatewayProfile cgn = GatewayProfiles.builtIn("cgnat-pba");
        assertEquals(512, GatewayNat.configFor(cgn, 10, 1000, 1).portBlockSize());
    }

    @Test
    void aUserProfileFileIsReadAndBadOnesAreRefusedNamingTheField(@TempDir Path dir) throws IOException {
        String aws = ProfileText.resource("aws-nat-gateway");
        Path mine = dir.resolve("mine.json");
        Files.writeString(mine, aws.replace("\"id\" : \"aws-nat-gateway\"", "\"id\" : \"mine\"")
                .replace("\"id\": \"aws-nat-gateway\"", "\"id\": \"mine\""));
        assertEquals("mine", GatewayProfiles.byIdOrFile(mine.toString()).id());

        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, aws.replaceFirst("\\{", "{\"colour\": 1,"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayProfiles.byIdOrFile(unknown.toString()));
        assertTrue(e.getMessage().contains("colour") && e.getMessage().contains("unknown.json"), e.getMessage());

        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> GatewayProfiles.parse(aws.replace("\"low\": 1024", "\"low\": 70000"), "x"));
        assertTrue(range.getMessage().contains("70000") && range.getMessage().contains("ports"), range.getMessage());

        IllegalArgumentException addresses = assertThrows(IllegalArgumentException.class,
                () -> GatewayProfiles.parse(aws.replaceFirst("\"value\": 1,", "\"value\": 9,"), "x"));
        assertTrue(addresses.getMessage().contains("addresses: 9.0"), addresses.getMessage());

        IllegalArgumentException noSource = assertThrows(IllegalArgumentException.class,
                () -> GatewayProfiles.parse(aws.replaceAll("\"source\": \"[^\"]*\"", "\"source\": \"\""), "x"));
        assertTrue(noSource.getMessage().contains("source"), noSource.getMessage());

        assertThrows(IllegalArgumentException.class, () -> GatewayProfiles.byIdOrFile("no-such-profile"));
    }

    @Test
    void poolingIsAProfileFieldThatReachesTheNat() {
        String aws = ProfileText.resource("aws-nat-gateway");
        GatewayProfile arbitrary = GatewayProfiles.parse(aws.replace("\"value\": \"paired\"", "\"value\": \"arbitrary\""), "x");
        assertEquals(Pooling.ARBITRARY, arbitrary.poolingKind());
        assertEquals(false, GatewayNat.configFor(arbitrary, 10, 1000, 1).pairedPooling());
        assertEquals(Pooling.PAIRED, GatewayProfiles.builtIn("cgnat-pba").poolingKind());
        assertTrue(GatewayProfiles.builtIn("cgnat-pba").pooling().source().contains("RFC 6888"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewayProfiles.parse(
                aws.replace("\"value\": \"paired\"", "\"value\": \"random\""), "x"));
        assertTrue(e.getMessage().contains("pooling") && e.getMessage().contains("'random'"), e.getMessage());
        GatewayProfile absent = GatewaySimulatorTest.tiny(10, 1, 1, 10, 0);
        assertEquals(Pooling.PAIRED, absent.poolingKind(), "a file without the field is paired, RFC 4787's recommendation");
    }
}
