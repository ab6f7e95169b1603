package dev.portbench.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portbench.allocator.PortSelection;
import dev.portbench.allocator.Registry;
import dev.portbench.allocator.TimeWaitReuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * The known stacks (facts from the project's FACTS.md, each with its source):
 *
 * <ul>
 *   <li>{@link #windows95()}: Microsoft KB Q170791. Ports 1025-5000 (MaxUserPort 5000, 3976
 *       ports), TIME-WAIT 2 x MSL = 240 s, one global pool handed out by a sequential counter, no
 *       TIME-WAIT reuse. Capacity 16.57 connections/s.</li>
 *   <li>{@link #windows()}: Windows Vista and later. Dynamic range 49152-65535 (16384 ports),
 *       TcpTimedWaitDelay default 240 s (30-300 s allowed), one global pool (a connect does not
 *       share ports between destinations unless the application sets {@code SO_REUSE_UNICASTPORT}),
 *       sequential as XP/2003 (later versions' order is not in our sources).</li>
 *   <li>{@link #linux()}: {@code net.ipv4.ip_local_port_range} 32768-60999 (28232 ports),
 *       {@code TCP_TIMEWAIT_LEN} 60 s, per-4-tuple sharing ({@code __inet_hash_connect()} checks the
 *       4-tuple in the established hash), {@code IP_BIND_ADDRESS_NO_PORT} since 4.2,
 *       {@code tcp_tw_reuse = 2} (loopback only) with {@code tcp_tw_reuse_delay} 1000 ms, RFC 6056
 *       algorithm 4 (double hash, even ports first for connect), TIME-WAIT freed on the kernel timer
 *       wheel: the lateness is read from {@code linux-timewait-lateness.json} (see {@link #linuxLateness()}).</li>
 *   <li>{@link #freebsd()}: {@code net.inet.ip.portrange.first/last} 10000-65535 (55536 ports), MSL
 *       30 s so TIME-WAIT 60 s, per-4-tuple sharing for connect ({@code in_pcb_lport_dest()} in
 *       sys/netinet/in_pcb.c, FreeBSD 13+, looks the foreign address up), no {@code tcp_tw_reuse},
 *       random start then linear probe (RFC 6056 algorithm 1). TIME-WAIT lateness not modelled (exact).</li>
 * </ul>
 */
public final class StackProfiles {

    /** The resource holding Linux's TIME-WAIT lateness, measured or computed. */
    public static final String LINUX_LATENESS_RESOURCE = "linux-timewait-lateness.json";

    private static final long MINUTES_4 = Duration.ofSeconds(240).toNanos();
    private static final long SECONDS_60 = Duration.ofSeconds(60).toNanos();
    private static final long MILLIS_1000 = Duration.ofMillis(1000).toNanos();

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StackProfiles() {
    }

    public static StackProfile windows95() {
        return new StackProfile("windows95", "Windows 95 (KB Q170791): 1025-5000, 240 s, one global pool, sequential",
                1025, 5000, MINUTES_4, PortSharing.GLOBAL_POOL, false, TimeWaitReuse.OFF, 0,
                PortSelection.SEQUENTIAL, TimeWaitLateness.exact(MINUTES_4, "not modelled: exact expiry"));
    }

    public static StackProfile windows() {
        return new StackProfile("windows", "Windows Vista+: 49152-65535, TcpTimedWaitDelay 240 s, one global pool "
                + "(no SO_REUSE_UNICASTPORT)", 49152, 65535, MINUTES_4, PortSharing.GLOBAL_POOL, false,
                TimeWaitReuse.OFF, 0, PortSelection.SEQUENTIAL,
                TimeWaitLateness.exact(MINUTES_4, "not modelled: exact expiry"));
    }

    public static StackProfile linux() {
        return new StackProfile("linux", "Linux: 32768-60999, 60 s, per 4-tuple, tcp_tw_reuse 2 (1000 ms), "
                + "RFC 6056 algorithm 4 even-then-odd, TIME-WAIT on the timer wheel", 32768, 60999, SECONDS_60,
                PortSharing.PER_DESTINATION, true, TimeWaitReuse.LOOPBACK_ONLY, MILLIS_1000,
                PortSelection.DOUBLE_HASH, linuxLateness());
    }

    /**
     * The Linux profile as a given release has it ({@link LinuxKernelRules}): the same defaults, with
     * {@code IP_BIND_ADDRESS_NO_PORT} only from 4.2 and the release named in the description; the
     * rules the profile's fields cannot hold (the walk's step with a socket range, random
     * increments, the reuse-delay sysctl) are the rules object's, which the calibration model reads.
     */
    public static StackProfile linux(LinuxKernelRules rules) {
        StackProfile p = linux();
        return new StackProfile(p.id(), p.description() + "; rules of Linux " + rules.version(), p.firstPort(),
                p.lastPort(), p.timeWaitNanos(), p.sharing(), rules.bindAddressNoPort(), p.timeWaitReuse(),
                p.reuseDelayNanos(), p.selection(), p.lateness());
    }

    public static StackProfile freebsd() {
        return new StackProfile("freebsd", "FreeBSD 13+: 10000-65535, 60 s (MSL 30 s), per 4-tuple for connect, "
                + "no tcp_tw_reuse, RFC 6056 algorithm 1", 10000, 65535, SECONDS_60, PortSharing.PER_DESTINATION,
                false, TimeWaitReuse.OFF, 0, PortSelection.RANDOM_START,
                TimeWaitLateness.exact(SECONDS_60, "not modelled: exact expiry"));
    }

    /** Every known profile, in the order above. */
    public static List<StackProfile> all() {
        return List.of(windows95(), windows(), linux(), freebsd());
    }

    public static List<String> ids() {
        return Registry.ids(all(), StackProfile::id);
    }

    /**
     * The profile named {@code id}, ignoring case.
     *
     * @throws IllegalArgumentException naming the known ids otherwise
     */
    public static StackProfile fromId(String id) {
        return Registry.byId("stack", all(), StackProfile::id, id);
    }

    /**
     * Linux's TIME-WAIT lateness from {@value #LINUX_LATENESS_RESOURCE} beside this class: measured
     * by the kernel calibration when it has run, else the value computed from kernel/time/timer.c.
     *
     * @throws UncheckedIOException if the resource is missing or not a valid lateness
     */
    public static TimeWaitLateness linuxLateness() {
        try (InputStream in = StackProfiles.class.getResourceAsStream(LINUX_LATENESS_RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + LINUX_LATENESS_RESOURCE);
            }
            return JSON.readValue(in, TimeWaitLateness.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LINUX_LATENESS_RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
