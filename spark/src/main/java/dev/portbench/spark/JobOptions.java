package dev.portbench.spark;

import dev.portbench.gateway.GatewayNat;
import dev.portbench.gateway.GatewayProfile;
import dev.portbench.gateway.GatewayProfiles;
import dev.portbench.gateway.SynSchedule;
import dev.portbench.nat.NatCatalog;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link FleetJob} runs, from its command line ({@code --name value} pairs, see {@link #USAGE}).
 * Serializable: the executors get it with each task, the profile as JSON text (a profile file is
 * read once, on the driver).
 *
 * @param inputs the flow table or flow-log files (paths or URIs Spark reads, e.g. {@code s3a://})
 * @param format {@code csv}, {@code json}, {@code parquet} (a flow table) or {@code flow-log} (AWS / Azure / GCP files)
 * @param gatewayColumn the flow table's column naming each flow's gateway (unless {@code subnets})
 * @param subnets client subnets to gateways (instead of a gateway column), or null
 * @param clients the clients of {@code flow-log} input (the addresses that open flows), else empty
 * @param profileId the profile's id, or the file name it was read from
 * @param profileJson the profile file's text, or null for a built-in profile
 * @param allocator the NAT allocator id, or null for the profile's own
 * @param syn the clients' SYN retransmission schedule id
 * @param seed the allocator's seed
 * @param output where the result table goes
 * @param outputFormat {@code csv} or {@code parquet}
 */
public record JobOptions(List<String> inputs, String format, String gatewayColumn, SubnetMap subnets, List<String> clients,
                         String profileId, String profileJson, String allocator, String syn, long seed, String output,
                         String outputFormat) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The options, for a usage message. */
    public static final String USAGE = String.join("\n",
            "portbench fleet gateway job: one gateway simulation per gateway of a fleet's flows",
            "  --input PATH[,PATH...]     flow table (csv, json, parquet) or flow-log files (required)",
            "  --format F                 csv (default), json, parquet, or flow-log (AWS VPC / Azure / GCP files)",
            "  --gateway-column NAME      the table's gateway column (default: gateway)",
            "  --subnets CIDR=GW[,...]    map clients to gateways by subnet instead (longest prefix wins)",
            "  --clients A[,B...]         with --format flow-log: the clients' addresses (required there)",
            "  --profile ID|FILE          gateway profile (default: aws-nat-gateway)",
            "  --allocator ID             NAT allocator (default: the profile's)",
            "  --syn ID                   SYN retransmissions: linux (default), linux-linear4, windows, none, linux:R:L",
            "  --seed N                   allocator seed (default: 1)",
            "  --output PATH              result table, one row per gateway (required)",
            "  --output-format F          csv (default, one file with a header) or parquet");

    private static final List<String> FORMATS = List.of("csv", "json", "parquet", "flow-log");
    private static final List<String> OUTPUT_FORMATS = List.of("csv", "parquet");
    private static final List<String> NAMES = List.of("--input", "--format", "--gateway-column", "--subnets", "--clients",
            "--profile", "--allocator", "--syn", "--seed", "--output", "--output-format");

    public JobOptions {
        inputs = List.copyOf(inputs);
        clients = List.copyOf(clients);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("--input: none (expected at least one path)");
        }
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("--format: '" + format + "' (expected one of " + FORMATS + ")");
        }
        if (!OUTPUT_FORMATS.contains(outputFormat)) {
            throw new IllegalArgumentException("--output-format: '" + outputFormat + "' (expected one of " + OUTPUT_FORMATS + ")");
        }
        if (format.equals("flow-log") && clients.isEmpty()) {
            throw new IllegalArgumentException("--clients: none (expected the clients' addresses with --format flow-log)");
        }
        if (!format.equals("flow-log") && !clients.isEmpty()) {
            throw new IllegalArgumentException("--clients: " + clients + " (expected only with --format flow-log: a flow"
                    + " table names each flow's client)");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output: none (expected a path for the result table)");
        }
        SynSchedule.byId(syn);
        if (allocator != null) {
            NatCatalog.byId(allocator);
        }
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming an unknown option, a missing value or a bad one
     */
    public static JobOptions parse(String... args) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("option '" + name + "' (expected one of " + NAMES + ")");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(name + ": no value (expected " + name + " VALUE)");
            }
            if (v.put(name, args[i + 1]) != null) {
                throw new IllegalArgumentException(name + ": given twice (expected once)");
            }
        }
        String profile = v.getOrDefault("--profile", "aws-nat-gateway");
        String json = null;
        if (!GatewayProfiles.IDS.contains(profile)) {
            Path file = Path.of(profile);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--profile: '" + profile + "' (expected one of " + GatewayProfiles.IDS
                        + " or a profile file)");
            }
            try {
                json = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            GatewayProfiles.parse(json, profile);
        }
        long seed;
        try {
            seed = Long.parseLong(v.getOrDefault("--seed", "1"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed: '" + v.get("--seed") + "' (expected an integer)", e);
        }
        String subnets = v.get("--subnets");
        return new JobOptions(list(v.get("--input")), v.getOrDefault("--format", "csv").toLowerCase(Locale.ROOT),
                v.getOrDefault("--gateway-column", "gateway"), subnets == null ? null : SubnetMap.parse(subnets),
                list(v.get("--clients")), profile, json, v.get("--allocator"), v.getOrDefault("--syn", "linux"), seed,
                v.get("--output"), v.getOrDefault("--output-format", "csv").toLowerCase(Locale.ROOT));
    }

    private static List<String> list(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated != null) {
            for (String s : commaSeparated.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** The profile (parsed again where it is called: on each executor). */
    public GatewayProfile profile() {
        return profileJson == null ? GatewayProfiles.builtIn(profileId) : GatewayProfiles.parse(profileJson, profileId);
    }

    /** The NAT allocator that runs. */
    public NatCatalog allocatorKind() {
        return allocator == null ? GatewayNat.allocatorFor(profile()) : NatCatalog.byId(allocator);
    }
}
