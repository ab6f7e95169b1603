package dev.portbench.spark;

import dev.portbench.gateway.FleetFlow;
import dev.portbench.gateway.FlowReplay;
import dev.portbench.gateway.SynSchedule;
import dev.portbench.trace.ConnectionEnd;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One task of {@link FleetJob}: its partition holds whole gateways, each a run of rows sorted by
 * open time; every run is replayed ({@link FlowReplay}) as it streams by, and gives one result row.
 * Memory: one gateway's live flows at a time. Serializable with its options and the clients and
 * flows counted per gateway.
 */
final class GatewayReplays implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final JobOptions options;
    private final Map<String, long[]> sizes;

    GatewayReplays(JobOptions options, Map<String, long[]> sizes) {
        this.options = options;
        this.sizes = sizes;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        FlowReplay replay = new FlowReplay(options.profile(), options.allocatorKind(), SynSchedule.byId(options.syn()),
                options.seed());
        Flows flows = new Flows(rows);
        List<Row> out = new ArrayList<>();
        while (flows.nextGateway()) {
            String gateway = flows.gateway;
            long[] size = sizes.get(gateway);
            if (size == null) {
                throw new IllegalStateException("gateway '" + gateway + "' was not counted");
            }
            FlowReplay.Result r = replay.run(gateway, (int) size[0], size[1], flows);
            out.add(RowFactory.create(r.gateway(), r.profile(), r.allocator(), r.clients(), r.destinations(), r.connects(),
                    r.established(), r.failedConnects(), r.droppedSyns(), r.firstDropSeconds(), r.firstFailureSeconds(),
                    r.failedFraction(), r.bindingLimit(), r.destinationHeadroom(), r.clientHeadroom()));
        }
        return out.iterator();
    }

    /** The partition's rows as flows, one gateway's run at a time. */
    private static final class Flows implements Iterator<FleetFlow> {
        private final Iterator<Row> rows;
        private Row pending;
        private String gateway;

        Flows(Iterator<Row> rows) {
            this.rows = rows;
        }

        /** Skips what is left of the current gateway; whether another one follows. */
        boolean nextGateway() {
            while (hasNext()) {
                next();
            }
            if (pending == null && rows.hasNext()) {
                pending = rows.next();
            }
            if (pending == null) {
                return false;
            }
            gateway = pending.getString(0);
            if (gateway == null) {
                throw new IllegalArgumentException("a flow of client '" + pending.getString(1) + "' opened at "
                        + pending.get(4) + " ns has no gateway (expected every flow to name one)");
            }
            return true;
        }

        @Override
        public boolean hasNext() {
            if (gateway == null) {
                return false;
            }
            if (pending == null && rows.hasNext()) {
                pending = rows.next();
            }
            return pending != null && gateway.equals(pending.getString(0));
        }

        @Override
        public FleetFlow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = pending;
            pending = null;
            if (r.isNullAt(4) || r.isNullAt(5)) {
                throw new IllegalArgumentException("gateway '" + gateway + "': a flow of client '" + r.getString(1)
                        + "' has no " + (r.isNullAt(4) ? "open" : "close") + " time (expected seconds)");
            }
            return new FleetFlow(gateway, r.getString(1), r.getInt(2), r.getString(3), r.getLong(4), r.getLong(5),
                    ConnectionEnd.fromId(r.getString(6)));
        }
    }
}
