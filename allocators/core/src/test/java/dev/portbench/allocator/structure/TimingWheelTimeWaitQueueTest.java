package dev.portbench.allocator.structure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wheel's own promises: never early, less than one tick late, bounded slots, a full revolution on a jump. */
class TimingWheelTimeWaitQueueTest {

    private static final long TICK = 1_000;
    private static final long TIME_WAIT = 240_000;

    @Test
    void slotsCoverOneTimeWait() {
        assertEquals(256, new TimingWheelTimeWaitQueue(10, TIME_WAIT, TICK).slots());
        assertEquals(64, new TimingWheelTimeWaitQueue(10, 10, 10).slots(), "at least one bitmap word");
        assertEquals(1 << 23, new TimingWheelTimeWaitQueue(10, 1L << 22, 1).slots());
    }

    @Test
    void aDeadlineInsideATickIsFreedAtTheNextTickBoundaryNeverBefore() {
        TimingWheelTimeWaitQueue wheel = new TimingWheelTimeWaitQueue(4, TIME_WAIT, TICK);
        CollectingExpiredPortSink sink = new CollectingExpiredPortSink();
        wheel.add(0, 5_500);
        assertEquals(6_000, wheel.nextExpiry());
        assertEquals(0, wheel.expire(5_500, sink), "at the deadline, inside its tick: late, not early");
        assertEquals(0, wheel.expire(5_999, sink));
        assertEquals(1, wheel.expire(6_000, sink), "at the boundary: less than one tick late");
        assertEquals(List.of(0), sink.offsets);
    }

    @Test
    void aDeadlineOnABoundaryIsExact() {
        TimingWheelTimeWaitQueue wheel = new TimingWheelTimeWaitQueue(4, TIME_WAIT, TICK);
        CollectingExpiredPortSink sink = new CollectingExpiredPortSink();
        wheel.add(1, 7_000);
        assertEquals(0, wheel.expire(6_999, sink));
        assertEquals(1, wheel.expire(7_000, sink));
    }

    @Test
    void aJumpOfManyRevolutionsFreesEverythingInOnePass() {
        int ports = 1000;
        TimingWheelTimeWaitQueue wheel = new TimingWheelTimeWaitQueue(ports, TIME_WAIT, TICK);
        CollectingExpiredPortSink sink = new CollectingExpiredPortSink();
        for (int o = 0; o < ports; o++) {
            wheel.add(o, TIME_WAIT + o * 237L);
        }
        assertEquals(ports, wheel.expire(1_000 * TIME_WAIT, sink));
        assertEquals(ports, sink.offsets.size());
        // The wheel is usable afterwards, at the new time.
        wheel.add(5, 1_000 * TIME_WAIT + TIME_WAIT);
        assertEquals(1_001 * TIME_WAIT, wheel.nextExpiry());
    }

    @Test
    void removeFromTheMiddleOfASlot() {
        TimingWheelTimeWaitQueue wheel = new TimingWheelTimeWaitQueue(4, TIME_WAIT, TICK);
        CollectingExpiredPortSink sink = new CollectingExpiredPortSink();
        wheel.add(0, 2_100);
        wheel.add(1, 2_200);
        wheel.add(2, 2_300);
        wheel.remove(1);
        wheel.remove(2);
        wheel.remove(0);
        wheel.add(3, 2_400);
        assertEquals(3_000, wheel.nextExpiry());
        assertEquals(1, wheel.expire(3_000, sink));
        assertEquals(List.of(3), sink.offsets);
        assertEquals(TICK, wheel.maxLatenessNanos());
    }
}
