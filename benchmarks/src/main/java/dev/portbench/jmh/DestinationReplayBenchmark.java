package dev.portbench.jmh;

import dev.portbench.allocator.ConnectionAllocatorConfig;
import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.workload.TraceReplayer;
import dev.portbench.workload.DestinationWorkload;
import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceGenerator;
import dev.portbench.workload.Workload;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The cost of one event of a destination-aware workload ({@link DestinationWorkload}: 2, 16 or 1024
 * destinations, round-robin or Zipf) on each destination-aware allocator
 * ({@link ConnectionAllocatorType}), nanoseconds per event, as {@link ReplayBenchmark} measures the
 * single-pool allocators: run both in one JMH invocation to compare them (the report and the
 * issue's target put {@code ReplayBenchmark} on {@code q170791-rho0.99}, one pool of the same 3976
 * ports at the same load per pool, beside these). The parameters are enums: JMH runs every
 * constant unless {@code -p connectionAllocator=...} or {@code -p destinations=...} narrow them.
 */
public class DestinationReplayBenchmark extends TraceEventBenchmark {

    @Param
    ConnectionAllocatorType connectionAllocator;

    @Param
    DestinationWorkload destinations;

    @Setup(Level.Trial)
    public void setUp() {
        replayer = warmedReplayer(connectionAllocator, destinations);
    }

    /** A replayer of {@code workload} on a new allocator of {@code type} (exact expiry, tcp_tw_reuse off), after one lap. */
    static TraceReplayer warmedReplayer(ConnectionAllocatorType type, DestinationWorkload workload) {
        Workload w = workload.workload();
        Trace trace = TraceGenerator.generate(w);
        ConnectionPortAllocator allocator = type.create(ConnectionAllocatorConfig.builder()
                .portRange(w.firstPort(), w.lastPort()).timeWaitNanos(w.timeWaitNanos())
                .timeWaitReuse(TimeWaitReuse.OFF).secret(w.seed()).seed(w.seed()).build());
        TraceReplayer r = TraceReplayer.forConnections(trace, workload.destinationKeys(trace.connections()),
                allocator, ReplayStates.START_TIME);
        r.run(trace.size());
        return r;
    }

    /** As {@code ReplayStates.check}: every open connection holds one entry, and the run did work. */
    @Override
    void check(TraceReplayer r) {
        ConnectionPortAllocator a = r.connectionAllocator();
        if (a.inUseCount() != r.openConnections()) {
            throw new IllegalStateException(a.name() + ": " + a.inUseCount() + " connections in use (expected "
                    + r.openConnections() + ")");
        }
        if (a.busyPortCount() > a.rangeSize()) {
            throw new IllegalStateException(a.name() + ": " + a.busyPortCount() + " busy ports in a range of " + a.rangeSize());
        }
        ReplayStates.checkOpened(r, a.name());
    }
}
