package dev.portbench.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portbench.gateway.CloseKindShare;
import dev.portbench.gateway.FleetArrival;
import dev.portbench.gateway.FleetFlow;
import dev.portbench.gateway.FleetScenario;
import dev.portbench.gateway.FlowReplay;
import dev.portbench.gateway.GatewayProfile;
import dev.portbench.gateway.GatewayProfiles;
import dev.portbench.gateway.GatewaySimulator;
import dev.portbench.gateway.SynSchedule;
import dev.portbench.trace.ClientFilter;
import dev.portbench.trace.TraceImport;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FleetJob} in Spark's local mode (2 threads) on the committed synthetic flow logs and on
 * scenarios written out as flow tables: each gateway's row must be what the simulator library
 * says for that gateway alone ({@link GatewaySimulator}, as {@code ./portbench gateway} runs it,
 * and {@link FlowReplay} on the gateway's flows).
 */
class FleetJobTest {

    private static final Path FLOW_LOGS = Path.of("..", "traces", "flowlogs");
    private static final List<String> FILES = List.of("synthetic-aws-vpc-v2.log", "synthetic-aws-vpc-v5-nat-gateway.log",
            "synthetic-azure-vnet.json", "synthetic-gcp-vpc.jsonl");
    private static final List<String> CLIENTS = List.of("10.0.1.10", "10.0.1.11", "10.0.1.12");
    private static final Comparator<FleetFlow> ORDER = Comparator.comparingLong(FleetFlow::openNanos)
            .thenComparing(FleetFlow::client).thenComparingInt(FleetFlow::clientPort).thenComparing(FleetFlow::destination)
            .thenComparingLong(FleetFlow::closeNanos);

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("FleetJobTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** {@code ./portbench gateway --arrival fixed --clients N --rate R --hold H --duration D} (one destination, FIN). */
    private static FleetScenario fixed(int clients, double rate, double hold, double duration) {
        return new FleetScenario(clients, duration, FleetArrival.FIXED, rate, 1, 0, 60, 0, 86_400, List.of(1.0), hold, false,
                CloseKindShare.ALL_FIN, 1, "linux", 1, 12);
    }

    private Map<String, FlowReplay.Result> run(String... args) {
        JobOptions o = JobOptions.parse(args);
        FleetJob.write(FleetJob.results(spark, o), o);
        List<Row> rows = o.outputFormat().equals("parquet") ? spark.read().parquet(o.output()).collectAsList()
                : spark.read().schema(FleetJob.RESULTS).option("header", "true").csv(o.output()).collectAsList();
        Map<String, FlowReplay.Result> out = new TreeMap<>();
        for (Row r : rows) {
            out.put(r.getString(0), new FlowReplay.Result(r.getString(0), r.getString(1), r.getString(2), r.getInt(3),
                    r.getInt(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getDouble(9), r.getDouble(10),
                    r.getDouble(11), r.getString(12), r.getDouble(13), r.getDouble(14)));
        }
        return out;
    }

    /** The flows of {@code file}'s named clients, imported by the simulator alone, each flow's gateway by {@code gatewayOf}. */
    private static List<FleetFlow> imported(String file, Function<String, String> gatewayOf) {
        List<FleetFlow> flows = new ArrayList<>();
        for (String c : CLIENTS) {
            flows.addAll(FleetFlow.fromTrace(gatewayOf.apply(c), c,
                    TraceImport.DEFAULTS.withClients(ClientFilter.of(List.of(c))).read(FLOW_LOGS.resolve(file))));
        }
        return flows;
    }

    /** What the library says per gateway: its flows sorted as the job sorts them, replayed alone. */
    private static Map<String, FlowReplay.Result> expected(List<FleetFlow> flows, GatewayProfile p) {
        Map<String, List<FleetFlow>> byGateway = new TreeMap<>();
        for (FleetFlow f : flows) {
            byGateway.computeIfAbsent(f.gateway(), g -> new ArrayList<>()).add(f);
        }
        Map<String, FlowReplay.Result> out = new TreeMap<>();
        FlowReplay replay = new FlowReplay(p);
        byGateway.forEach((g, list) -> {
            list.sort(ORDER);
            out.put(g, replay.run(list));
        });
        return out;
    }

    /** linux-masquerade with two ports (and so at most two probes): the 14 sample connections run it out of ports. */
    private Path twoPortProfile() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode p;
        try (InputStream in = GatewayProfiles.class.getResourceAsStream("profiles/linux-masquerade.json")) {
            p = (ObjectNode) json.readTree(in);
        }
        p.put("id", "two-ports");
        ((ObjectNode) p.get("ports")).put("low", 40000).put("high", 40001);
        ((ObjectNode) p.get("searchAttempts")).put("value", 2);
        Path file = dir.resolve("two-ports.json");
        json.writeValue(file.toFile(), p);
        return file;
    }

    @Test
    void theCommittedFlowLogsGiveEachGatewayTheLibrarysAnswer() throws IOException {
        Path profile = twoPortProfile();
        List<FleetFlow> flows = new ArrayList<>();
        StringBuilder inputs = new StringBuilder();
        for (String f : FILES) {
            flows.addAll(imported(f, c -> f));
            inputs.append(inputs.length() == 0 ? "" : ",").append(FLOW_LOGS.resolve(f).toAbsolutePath());
        }
        Map<String, FlowReplay.Result> want = expected(flows, GatewayProfiles.byIdOrFile(profile.toString()));
        assertEquals(FILES, new ArrayList<>(want.keySet()), "one gateway per committed file");
        assertTrue(want.values().stream().allMatch(r -> r.droppedSyns() > 0), "two ports must drop SYNs: " + want);
        Map<String, FlowReplay.Result> got = run("--input", inputs.toString(), "--format", "flow-log", "--clients",
                String.join(",", CLIENTS), "--profile", profile.toString(), "--output", dir.resolve("out").toString());
        assertEquals(want, got);
    }

    @Test
    void subnetsGiveEachClientItsGateway() {
        String file = "synthetic-aws-vpc-v5-nat-gateway.log";
        Function<String, String> gatewayOf = c -> c.equals("10.0.1.10") ? "nat-a" : "nat-b";
        Map<String, FlowReplay.Result> want = expected(imported(file, gatewayOf), GatewayProfiles.builtIn("aws-nat-gateway"));
        Map<String, FlowReplay.Result> got = run("--input", FLOW_LOGS.resolve(file).toAbsolutePath().toString(), "--format",
                "flow-log", "--clients", String.join(",", CLIENTS), "--subnets", "10.0.1.10/32=nat-a,10.0.1.8/29=nat-b",
                "--output", dir.resolve("out").toString(), "--output-format", "parquet");
        assertEquals(want, got);
        assertEquals(1, got.get("nat-a").clients());
        assertEquals(2, got.get("nat-b").clients());
    }

    @Test
    void scenariosWrittenAsAFlowTableGiveWhatPortbenchGatewaySays() throws IOException {
        GatewayProfile p = GatewayProfiles.builtIn("gcp-cloud-nat");
        Map<String, FleetScenario> scenarios = Map.of("busy", fixed(4, 4, 30, 60), "calm", fixed(2, 1, 30, 60));
        List<String> lines = new ArrayList<>();
        Map<String, FlowReplay.Result> want = new TreeMap<>();
        scenarios.forEach((g, s) -> {
            want.put(g, FlowReplay.Result.of(g, new GatewaySimulator(p, s).run()));
            for (FleetFlow f : FleetFlow.ofFixedScenario(g, s)) {
                lines.add(String.join(",", g, f.client(), Integer.toString(f.clientPort()), f.destination(),
                        BigDecimal.valueOf(f.openNanos(), 9).toPlainString(), BigDecimal.valueOf(f.closeNanos(), 9).toPlainString(),
                        f.end().id()));
            }
        });
        assertTrue(want.get("busy").failedConnects() > 0, "64 ports per VM, 120 flows held per client: " + want);
        assertEquals(0, want.get("calm").failedConnects(), "30 flows held per client: " + want);
        Collections.shuffle(lines, new Random(7)); // the job sorts; the file need not be
        lines.add(0, "gateway,client,local_port,destination,open,close,end");
        Path csv = dir.resolve("flows.csv");
        Files.write(csv, lines);
        assertEquals(want, run("--input", csv.toString(), "--profile", "gcp-cloud-nat", "--output", dir.resolve("o1").toString()));

        // the same table as Parquet and JSON, its gateway column renamed, times as exact decimal seconds
        Column seconds = lit(BigDecimal.valueOf(1_000_000_000L));
        Dataset<Row> table = FleetJob.flows(spark, JobOptions.parse("--input", csv.toString(), "--output", "unused"))
                .withColumnRenamed("gateway", "nat")
                .withColumn("open", col("open_ns").cast(DataTypes.createDecimalType(20, 0)).divide(seconds))
                .withColumn("close", col("close_ns").cast(DataTypes.createDecimalType(20, 0)).divide(seconds))
                .drop("open_ns", "close_ns");
        String parquet = dir.resolve("flows.parquet").toString();
        table.write().mode(SaveMode.Overwrite).parquet(parquet);
        String json = dir.resolve("flows.json").toString();
        table.write().mode(SaveMode.Overwrite).json(json);
        assertEquals(want, run("--input", parquet, "--format", "parquet", "--gateway-column", "nat", "--profile",
                "gcp-cloud-nat", "--output", dir.resolve("o2").toString()));
        assertEquals(want, run("--input", json, "--format", "json", "--gateway-column", "nat", "--profile", "gcp-cloud-nat",
                "--output", dir.resolve("o3").toString()));
    }

    @Test
    void refusesATableWithoutItsColumnsAndBadOptions() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.write(csv, List.of("client,destination,open,close", "10.0.1.10,198.51.100.10:443,1,2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FleetJob.flows(spark, JobOptions.parse("--input", csv.toString(), "--output", "x")));
        assertTrue(e.getMessage().contains("no column 'gateway'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JobOptions.parse("--input", "x", "--format", "avro", "--output", "y"));
        assertTrue(e.getMessage().contains("avro"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JobOptions.parse("--input", "x", "--format", "flow-log", "--output", "y"));
        assertTrue(e.getMessage().contains("--clients"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JobOptions.parse("--input", "x", "--output", "y", "--profile", "nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JobOptions.parse("--inptu", "x"));
        assertTrue(e.getMessage().contains("--inptu"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SubnetMap.parse("10.0.1.1/24=a"));
        assertThrows(IllegalArgumentException.class, () -> SubnetMap.parse("10.0.1.0/33=a"));
        e = assertThrows(IllegalArgumentException.class, () -> SubnetMap.parse("10.0.1.0/24=a").gatewayOf("10.0.2.1"));
        assertTrue(e.getMessage().contains("10.0.2.1"), e.getMessage());
        assertEquals(SynSchedule.LINUX.id(), JobOptions.parse("--input", "x", "--output", "y").syn());
    }
}
