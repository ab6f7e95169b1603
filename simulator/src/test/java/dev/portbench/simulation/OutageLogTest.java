package dev.portbench.simulation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutageLogTest {

    @Test
    void consecutiveFailuresMakeOneOutageThatASuccessEnds() {
        OutageLog log = new OutageLog(10);
        log.succeeded(5);
        assertEquals(-1, log.firstFailure());
        log.failed(10);
        log.failed(11);
        log.failed(12);
        assertTrue(log.open());
        log.succeeded(20);
        log.succeeded(21);
        log.failed(30);
        log.succeeded(31);
        log.finish(-1, 100);
        assertFalse(log.open());
        assertEquals(10, log.firstFailure());
        assertEquals(List.of(new Outage(10, 20, 3), new Outage(30, 31, 1)), log.kept());
        assertEquals(2, log.count());
        assertEquals(new Outage(10, 20, 3), log.longest());
    }

    @Test
    void anOutageOpenAtTheEndIsCountedAndItsLengthRunsToTheEnd() {
        OutageLog log = new OutageLog(10);
        log.failed(1);
        log.succeeded(3);
        log.failed(90);
        log.finish(-1, 100);
        assertEquals(List.of(new Outage(1, 3, 1), new Outage(90, -1, 1)), log.kept());
        assertEquals(new Outage(90, -1, 1), log.longest(), "10 ns to the end beats 2 ns");
        OutageLog replay = new OutageLog(10);
        replay.failed(90);
        replay.finish(100, 100);
        assertEquals(List.of(new Outage(90, 100, 1)), replay.kept(), "a replay reports its end as the outage's end");
    }

    @Test
    void everyOutageIsCountedButOnlyTheFirstAreKept() {
        OutageLog log = new OutageLog(2);
        for (int i = 0; i < 5; i++) {
            log.failed(10L * i);
            log.succeeded(10L * i + 1 + i);
        }
        log.finish(-1, 100);
        assertEquals(5, log.count());
        assertEquals(List.of(new Outage(0, 1, 1), new Outage(10, 12, 1)), log.kept());
        assertEquals(new Outage(40, 45, 1), log.longest(), "the longest of all, kept or not");
    }

    @Test
    void noFailureNoOutage() {
        OutageLog log = new OutageLog(3);
        log.succeeded(1);
        log.finish(-1, 10);
        assertEquals(0, log.count());
        assertNull(log.longest());
        assertThrows(IllegalArgumentException.class, () -> new OutageLog(-1));
    }
}
