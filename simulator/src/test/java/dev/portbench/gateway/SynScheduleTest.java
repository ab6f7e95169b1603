package dev.portbench.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SynScheduleTest {

    @Test
    void linuxClassicGivesUpAfter127Seconds() {
        assertEquals(127_000_000_000L, SynSchedule.LINUX.giveUpNanos());
        assertEquals(64_000_000_000L, SynSchedule.LINUX.timeoutNanos(6));
    }

    @Test
    void linearTimeoutsStayAtTheInitialOneThenDouble() {
        long[] expected = {1, 1, 1, 1, 1, 2, 4};
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j] * 1_000_000_000L, SynSchedule.LINUX_LINEAR.timeoutNanos(j), "timeout " + j);
        }
        assertEquals(11_000_000_000L, SynSchedule.LINUX_LINEAR.giveUpNanos());
        assertEquals(SynSchedule.LINUX_LINEAR.giveUpNanos(), SynSchedule.byId("linux:6:4").giveUpNanos());
    }

    @Test
    void windowsGivesUpAfter21Seconds() {
        assertEquals(21_000_000_000L, SynSchedule.WINDOWS.giveUpNanos());
    }

    @Test
    void badSchedulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SynSchedule.byId("solaris"));
        assertThrows(IllegalArgumentException.class, () -> SynSchedule.byId("linux:x:1"));
        assertThrows(IllegalArgumentException.class, () -> SynSchedule.byId("linux:3:9"));
        assertThrows(IllegalArgumentException.class, () -> SynSchedule.LINUX.timeoutNanos(7));
    }
}
