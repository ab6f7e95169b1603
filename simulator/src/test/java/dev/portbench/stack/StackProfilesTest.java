package dev.portbench.stack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack profiles' arithmetic (ports, capacity) against the sources' numbers computed by hand,
 * the lateness record's limits at their boundaries, the socket calls' spellings and the kernel
 * rules' description per release.
 */
class StackProfilesTest {

    @Test
    void portsAndCapacityAreTheSourcesNumbers() {
        StackProfile w95 = StackProfiles.windows95();
        assertEquals(5000 - 1025 + 1, w95.ports());
        assertEquals(3976, w95.ports(), "KB Q170791: 1025-5000");
        // one global pool: the destinations do not count; 3976 / 240 s
        assertEquals(3976 / 240.0, w95.capacityPerSecond(1), 1e-12);
        assertEquals(3976 / 240.0, w95.capacityPerSecond(7), 1e-12);
        StackProfile linux = StackProfiles.linux();
        assertEquals(28232, linux.ports(), "32768-60999");
        // per 4-tuple: 3 destinations x 28232 ports / 60 s
        assertEquals(3 * 28232 / 60.0, linux.capacityPerSecond(3), 1e-9);
        assertEquals(55536, StackProfiles.freebsd().ports(), "10000-65535");
        assertEquals(16384, StackProfiles.windows().ports(), "49152-65535");
    }

    @Test
    void profilesAreFoundByTheirIdsInOrder() {
        assertEquals(List.of("windows95", "windows", "linux", "freebsd"), StackProfiles.ids());
        assertEquals(StackProfiles.freebsd(), StackProfiles.fromId("freebsd"));
        assertEquals(StackProfiles.linux().id(), StackProfiles.fromId("LINUX").id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackProfiles.fromId("os2"));
        assertTrue(e.getMessage().contains("'os2'") && e.getMessage().contains("windows95"), e.getMessage());
    }

    @Test
    void latenessLimitsHoldAtTheirBoundaries() {
        TimeWaitLateness tick = TimeWaitLateness.tick(60_000_000_000L, 2_048_000_000L);
        assertEquals(2_048_000_000L, tick.granularityNanos());
        assertEquals(1_024_000_000L, tick.meanLatenessNanos(), "a uniform lateness over one tick: half a tick");
        assertEquals(2_048_000_000L, tick.maxLatenessNanos());
        assertFalse(tick.isExact());
        assertTrue(TimeWaitLateness.exact(1, "exact").isExact());
        assertTrue(TimeWaitLateness.tick(1, 0).isExact());
        // boundaries: 1 ns of TIME-WAIT, hz 0, mean == max are allowed; 0 ns and -1 are not
        assertEquals(1, new TimeWaitLateness("k", 0, 1, 0, 0, 5, 5, "s", "", "").timeWaitNanos());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new TimeWaitLateness("k", 0, 0, 0, 0, 0, 0, "s", "", ""));
        assertTrue(zero.getMessage().contains("timeWaitNanos: 0"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TimeWaitLateness("k", -1, 1, 0, 0, 0, 0, "s", "", ""));
        assertThrows(IllegalArgumentException.class, () -> new TimeWaitLateness("k", 0, 1, -1, 0, 0, 0, "s", "", ""));
        assertThrows(IllegalArgumentException.class, () -> new TimeWaitLateness("k", 0, 1, 0, 0, -1, 0, "s", "", ""));
        assertThrows(IllegalArgumentException.class, () -> new TimeWaitLateness("k", 0, 1, 0, 0, 6, 5, "s", "", ""));
    }

    @Test
    void socketCallsRoundTripTheirSpellings() {
        assertEquals(List.of("connect", "bind", "bind-no-port"), SocketCall.ids());
        for (SocketCall c : SocketCall.values()) {
            assertSame(c, SocketCall.fromId(c.id()));
        }
        assertThrows(IllegalArgumentException.class, () -> SocketCall.fromId("listen"));
    }

    @Test
    void theRulesDescribeWhatEachReleaseHas() {
        List<String> old = LinuxKernelRules.of("5.17").describe();
        assertEquals(List.of(
                "Linux 5.17: TIME-WAIT timer per socket on the timer wheel (4.1+)",
                "IP_BIND_ADDRESS_NO_PORT yes (4.2)",
                "perturbation table 256, increment = walked + step (sequential start) (5.18)",
                "IP_LOCAL_PORT_RANGE no (6.3); with it connect - (6.8)",
                "tcp_tw_reuse_delay fixed 1000 ms (6.14)"), old);
        List<String> v67 = LinuxKernelRules.of("6.7").describe();
        assertEquals("perturbation table 65536, random increments (randomised start) (5.18)", v67.get(2));
        assertEquals("IP_LOCAL_PORT_RANGE yes (6.3); with it connect prefers even ports (6.8)", v67.get(3));
        List<String> v614 = LinuxKernelRules.of("6.14").describe();
        assertEquals("IP_LOCAL_PORT_RANGE yes (6.3); with it connect walks every port, step 1 (6.8)", v614.get(3));
        assertEquals("tcp_tw_reuse_delay sysctl (6.14)", v614.get(4));
        assertEquals("IP_BIND_ADDRESS_NO_PORT no (4.2)", LinuxKernelRules.of("4.1").describe().get(1));
        assertFalse(LinuxKernelRules.of("6.0").bhash2());
        assertTrue(LinuxKernelRules.of("6.1").bhash2());
    }
}
