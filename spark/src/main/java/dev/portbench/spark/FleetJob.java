package dev.portbench.spark;

import dev.portbench.gateway.FleetFlow;
import dev.portbench.trace.ClientFilter;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.TraceImport;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

/**
 * The gateway simulation of a whole fleet on Apache Spark: reads the fleet's flows (a flow table
 * in CSV, JSON or Parquet, or AWS / Azure / GCP flow-log files), gives each flow its gateway (a
 * column, or the client's subnet: {@link SubnetMap}), sends each gateway's flows to one task,
 * sorted by open time, replays them there through the gateway profile with the simulator's
 * {@link dev.portbench.gateway.FlowReplay} (the library {@code ./portbench gateway} runs on), and
 * writes one row per gateway: first failure, failed fraction, binding limit, headroom
 * ({@link #RESULTS}).
 *
 * <h2>The flow table</h2>
 * One row per connection, columns by name (others are ignored): {@code gateway} (or the column
 * {@code --gateway-column} names; not needed with {@code --subnets}), {@code client},
 * {@code local_port} (optional), {@code destination}, {@code open} and {@code close} (seconds,
 * any origin, up to 9 decimals, or Parquet timestamps), {@code end} (optional: {@code client-close}
 * (default), {@code server-close}, {@code reset}, {@code unfinished}). Within a gateway, flows are
 * replayed in order of open time, ties broken by client, port, destination and close time, so the
 * answer does not depend on how the input is split.
 *
 * <h2>Cost</h2>
 * Two passes over the input (the clients and flows per gateway, then the replay), one shuffle of
 * the flows by gateway and a sort within each task; a task's memory is its gateway's live flows,
 * not its flow count (the replay streams), plus Spark's sort buffer (which spills). One gateway is
 * one task: a fleet of one huge gateway runs on one core. {@code flow-log} input imports each
 * file whole on one task, once per client named.
 */
public final class FleetJob {

    /** The normalized flows: what every input becomes before the replay. */
    public static final StructType FLOWS = new StructType(new StructField[] {
        DataTypes.createStructField("gateway", DataTypes.StringType, true),
        DataTypes.createStructField("client", DataTypes.StringType, true),
        DataTypes.createStructField("local_port", DataTypes.IntegerType, false),
        DataTypes.createStructField("destination", DataTypes.StringType, true),
        DataTypes.createStructField("open_ns", DataTypes.LongType, true),
        DataTypes.createStructField("close_ns", DataTypes.LongType, true),
        DataTypes.createStructField("end", DataTypes.StringType, true)});

    /** The result table: one row per gateway ({@link dev.portbench.gateway.FlowReplay.Result}'s fields). */
    public static final StructType RESULTS = new StructType(new StructField[] {
        DataTypes.createStructField("gateway", DataTypes.StringType, false),
        DataTypes.createStructField("profile", DataTypes.StringType, false),
        DataTypes.createStructField("allocator", DataTypes.StringType, false),
        DataTypes.createStructField("clients", DataTypes.IntegerType, false),
        DataTypes.createStructField("destinations", DataTypes.IntegerType, false),
        DataTypes.createStructField("connects", DataTypes.LongType, false),
        DataTypes.createStructField("established", DataTypes.LongType, false),
        DataTypes.createStructField("failed_connects", DataTypes.LongType, false),
        DataTypes.createStructField("dropped_syns", DataTypes.LongType, false),
        DataTypes.createStructField("first_drop_seconds", DataTypes.DoubleType, false),
        DataTypes.createStructField("first_failure_seconds", DataTypes.DoubleType, false),
        DataTypes.createStructField("failed_fraction", DataTypes.DoubleType, false),
        DataTypes.createStructField("binding_limit", DataTypes.StringType, false),
        DataTypes.createStructField("destination_headroom", DataTypes.DoubleType, false),
        DataTypes.createStructField("client_headroom", DataTypes.DoubleType, false)});

    private static final List<String> REQUIRED = List.of("client", "destination", "open", "close");
    private static final BigDecimal NANOS_PER_SECOND = new BigDecimal(1_000_000_000L);

    private FleetJob() {
    }

    /** {@code spark-submit --class dev.portbench.spark.FleetJob portbench-spark.jar --input ... --output ...}. */
    public static void main(String[] args) {
        JobOptions options;
        try {
            options = JobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(JobOptions.USAGE);
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("portbench fleet gateways").getOrCreate();
        try {
            write(results(spark, options), options);
        } finally {
            spark.stop();
        }
    }

    /** One row per gateway ({@link #RESULTS}), ordered by gateway. */
    public static Dataset<Row> results(SparkSession spark, JobOptions options) {
        Dataset<Row> flows = flows(spark, options);
        Map<String, long[]> sizes = new HashMap<>();
        for (Row r : flows.groupBy("gateway").agg(countDistinct("client"), count(lit(1))).collectAsList()) {
            sizes.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
        }
        int partitions = Math.max(1, Math.min(sizes.size(), spark.sparkContext().defaultParallelism()));
        return flows.repartition(partitions, col("gateway"))
                .sortWithinPartitions("gateway", "open_ns", "client", "local_port", "destination", "close_ns")
                .mapPartitions(new GatewayReplays(options, sizes), Encoders.row(RESULTS))
                .orderBy("gateway");
    }

    /** Writes the result table where {@code options} say: one CSV file with a header, or Parquet. */
    public static void write(Dataset<Row> results, JobOptions options) {
        if (options.outputFormat().equals("parquet")) {
            results.coalesce(1).write().mode(SaveMode.Overwrite).parquet(options.output());
        } else {
            results.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true").csv(options.output());
        }
    }

    /** Every input as {@link #FLOWS}. */
    public static Dataset<Row> flows(SparkSession spark, JobOptions options) {
        if (options.format().equals("flow-log")) {
            return flowLogs(spark, options);
        }
        String[] paths = options.inputs().toArray(String[]::new);
        Dataset<Row> raw = switch (options.format()) {
            case "csv" -> spark.read().option("header", "true").csv(paths);
            case "json" -> spark.read().option("prefersDecimal", "true").json(paths); // exact seconds, not doubles
            case "parquet" -> spark.read().parquet(paths);
            default -> throw new IllegalStateException(options.format());
        };
        List<String> columns = Arrays.asList(raw.columns());
        List<String> required = new ArrayList<>(REQUIRED);
        if (options.subnets() == null) {
            required.add(0, options.gatewayColumn());
        }
        for (String c : required) {
            if (!columns.contains(c)) {
                throw new IllegalArgumentException(String.join(",", options.inputs()) + ": no column '" + c
                        + "' (expected " + required + (options.subnets() == null ? ", or --subnets for the gateway" : "")
                        + "; found " + columns + ")");
            }
        }
        Column gateway;
        if (options.subnets() == null) {
            gateway = col(options.gatewayColumn()).cast(DataTypes.StringType);
        } else {
            SubnetMap subnets = options.subnets();
            UserDefinedFunction of = org.apache.spark.sql.functions.udf(
                    (UDF1<String, String>) client -> client == null ? null : subnets.gatewayOf(client), DataTypes.StringType);
            gateway = of.apply(col("client").cast(DataTypes.StringType));
        }
        Column port = columns.contains("local_port")
                ? coalesce(col("local_port").cast(DataTypes.IntegerType), lit(ConnectionTrace.NO_PORT)) : lit(ConnectionTrace.NO_PORT);
        Column end = columns.contains("end") ? coalesce(col("end").cast(DataTypes.StringType), lit("client-close"))
                : lit("client-close");
        return raw.select(gateway.as("gateway"), col("client").cast(DataTypes.StringType).as("client"), port.as("local_port"),
                col("destination").cast(DataTypes.StringType).as("destination"), nanos(raw, "open").as("open_ns"),
                nanos(raw, "close").as("close_ns"), end.as("end"));
    }

    /** Seconds (any number, or a decimal string) or a timestamp, as exact nanoseconds. */
    private static Column nanos(Dataset<Row> raw, String column) {
        DataType type = raw.schema().apply(column).dataType();
        if (type instanceof TimestampType) {
            return unix_micros(col(column)).multiply(1000L);
        }
        return col(column).cast(DataTypes.createDecimalType(20, 9)).multiply(lit(NANOS_PER_SECOND)).cast(DataTypes.LongType);
    }

    /** AWS VPC, Azure or GCP flow-log files through the simulator's importers, one file per task. */
    private static Dataset<Row> flowLogs(SparkSession spark, JobOptions options) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> clients = options.clients();
        SubnetMap subnets = options.subnets();
        JavaRDD<Row> rows = sc.binaryFiles(String.join(",", options.inputs())).flatMap(file -> {
            String path = file._1();
            String name = path.substring(path.lastIndexOf('/') + 1);
            byte[] bytes = file._2().toArray();
            List<Row> out = new ArrayList<>();
            for (String client : clients) {
                ConnectionTrace trace;
                try {
                    trace = TraceImport.DEFAULTS.withClients(ClientFilter.of(List.of(client)))
                            .read(new ByteArrayInputStream(bytes), path);
                } catch (IOException e) {
                    throw new UncheckedIOException(path + ": " + e.getMessage(), e);
                }
                String gateway = subnets == null ? name : subnets.gatewayOf(client);
                for (FleetFlow f : FleetFlow.fromTrace(gateway, client, trace)) {
                    out.add(RowFactory.create(f.gateway(), f.client(), f.clientPort(), f.destination(), f.openNanos(),
                            f.closeNanos(), f.end().id()));
                }
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, FLOWS);
    }
}
