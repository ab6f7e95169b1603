package dev.portbench.workload;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slices of a trace are disjoint, keep time order, and together are the trace. */
class TraceSliceTest {

    @Test
    void threeSlicesTogetherAreTheTrace() {
        Trace trace = TraceGenerator.generate(Workloads.byId("reclaim-0.25"));
        int count = 3;
        List<String> events = new ArrayList<>();
        int total = 0;
        for (int k = 0; k < count; k++) {
            Trace s = trace.slice(k, count);
            total += s.size();
            assertEquals(trace.lapNanos(), s.lapNanos());
            for (int i = 0; i < s.size(); i++) {
                if (i > 0) {
                    assertTrue(s.time(i) >= s.time(i - 1), "time order in slice " + k);
                }
                int connection = Trace.connection(s.op(i)) * count + k;
                assertTrue(Trace.connection(s.op(i)) < s.connections());
                events.add(s.time(i) + "/" + connection + "/" + Trace.kind(s.op(i)));
            }
        }
        assertEquals(trace.size(), total);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            expected.add(trace.time(i) + "/" + Trace.connection(trace.op(i)) + "/" + Trace.kind(trace.op(i)));
        }
        expected.sort(null);
        events.sort(null);
        assertEquals(expected, events);
    }

    @Test
    void badSlicesAreRejected() {
        Trace trace = TraceGenerator.generate(Workloads.byId("burst"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trace.slice(2, 2));
        assertTrue(e.getMessage().contains("slice: 2 of 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trace.slice(0, 0));
    }
}
