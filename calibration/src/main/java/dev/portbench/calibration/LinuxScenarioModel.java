package dev.portbench.calibration;

import dev.portbench.allocator.ConnectionAllocatorConfig;
import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.allocator.Destinations;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.stack.LinuxKernelRules;
import dev.portbench.stack.PortSharing;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.stack.TimeWaitLateness;

import java.util.PriorityQueue;

/**
 * The model side of the calibration: the Linux {@link StackProfile} for the kernel's release
 * ({@link LinuxKernelRules}) with one given TIME-WAIT lateness (the measured one), replaying a
 * kernel run on the library's Linux allocator ({@code bind-buckets}: RFC 6056 algorithm 4 with
 * the even-then-odd walk, per-4-tuple sharing, bind blocking, {@code tcp_tw_reuse} on demand,
 * expiry on the lateness grid) with the kernel's own attempt instants, destinations, close
 * instants and close kinds; an attempt the kernel refused but the model accepts is held and closed
 * as the client drew it ({@link ClientDraws}). Per scenario it sets only what the scenario itself
 * configured: the range (the socket's own when set), destinations (loopback), call, {@code tcp_tw_reuse}
 * and {@code tcp_tw_reuse_delay} (where the kernel has the sysctl); TIME-WAIT, sharing, the
 * walk's step and increments and the lateness are the profile's. Time origin: the run's first
 * attempt, so the lateness grid's phase ({@code CLOCK_MONOTONIC}) is shifted by that instant, a
 * change of origin, not a fit. The port choice depends on the allocator's secret, so which port
 * an attempt gets differs from the kernel's; the statistics of the choice (parity, step) do not.
 *
 * <p>The negative controls ({@link Rules}) switch one rule off each. Cost: O(attempts x ports
 * walked + closes log closes); memory O(attempts).
 */
public final class LinuxScenarioModel implements PortModel {

    /**
     * Which rules the model follows; {@link #LINUX} is all of them, the others are negative controls.
     *
     * @param batchExpiry TIME-WAIT ends on the lateness grid (false: exactly 60 s after the close)
     * @param onDemandReuse {@code tcp_tw_reuse} takes a TIME-WAIT 4-tuple back (false: ignored)
     * @param fourTupleSharing a port serves every destination it has no entry for (false: one global pool)
     * @param bindBlocking {@code bind()} before connect takes a port free of every owner (false: a plain connect)
     * @param randomStart the perturbation entry moves by a random increment (false: by the walk, a sequential start)
     */
    public record Rules(boolean batchExpiry, boolean onDemandReuse, boolean fourTupleSharing, boolean bindBlocking,
                        boolean randomStart) {

        /** Every rule. */
        public static final Rules LINUX = new Rules(true, true, true, true, true);

        /** The negative controls, each lacking one rule, by name. */
        public static java.util.Map<String, Rules> controls() {
            java.util.Map<String, Rules> m = new java.util.LinkedHashMap<>();
            m.put("no batch expiry", new Rules(false, true, true, true, true));
            m.put("no on-demand TIME-WAIT reuse", new Rules(true, false, true, true, true));
            m.put("no 4-tuple sharing", new Rules(true, true, false, true, true));
            m.put("no bind blocking", new Rules(true, true, true, false, true));
            m.put("sequential instead of randomised start", new Rules(true, true, true, true, false));
            return m;
        }
    }

    private final StackProfile profile;
    private final Rules rules;
    private final LinuxKernelRules kernel;

    /** The Linux profile for the kernel the lateness was measured on, with every rule. */
    public LinuxScenarioModel(TimeWaitLateness lateness) {
        this(lateness, Rules.LINUX);
    }

    /** The Linux profile for the kernel the lateness was measured on, with {@code rules}. */
    public LinuxScenarioModel(TimeWaitLateness lateness, Rules rules) {
        this(withLateness(StackProfiles.linux(kernelRules(lateness.kernel())), lateness), rules,
                kernelRules(lateness.kernel()));
    }

    /**
     * A model on any profile, for the negative controls: {@code honoursReuse} false ignores the
     * scenario's {@code tcp_tw_reuse} (no on-demand TIME-WAIT reuse), {@code honoursBind} false
     * treats bind-before-connect as a plain connect (no bind blocking); a profile with one global
     * pool shares nothing and an exact lateness expires at 60 s.
     */
    LinuxScenarioModel(StackProfile profile, boolean honoursReuse, boolean honoursBind) {
        this(profile, new Rules(!profile.lateness().isExact(), honoursReuse,
                profile.sharing() == PortSharing.PER_DESTINATION, honoursBind, true), kernelRules(profile.lateness().kernel()));
    }

    LinuxScenarioModel(StackProfile profile, Rules rules, LinuxKernelRules kernel) {
        this.profile = profile;
        this.rules = rules;
        this.kernel = kernel;
    }

    /** The rules of {@code release}, or of the newest modelled kernel when the release names none (an exact lateness). */
    static LinuxKernelRules kernelRules(String release) {
        try {
            return LinuxKernelRules.of(release);
        } catch (IllegalArgumentException e) {
            return LinuxKernelRules.of("6.18");
        }
    }

    /** {@code p} with {@code lateness}. */
    static StackProfile withLateness(StackProfile p, TimeWaitLateness lateness) {
        return new StackProfile(p.id(), p.description(), p.firstPort(), p.lastPort(), p.timeWaitNanos(), p.sharing(),
                p.bindAddressNoPort(), p.timeWaitReuse(), p.reuseDelayNanos(), p.selection(), lateness);
    }

    /** The Linux profile's lateness as its resource holds it. */
    public static TimeWaitLateness profileLateness() {
        return StackProfiles.linuxLateness();
    }

    /** The kernel rules this model follows. */
    public LinuxKernelRules kernel() {
        return kernel;
    }

    @Override
    public boolean[] replay(CalibrationScenario s, long[] times, int[] destinations) {
        int[] ports = replayPorts(s, KernelAttempts.closedAtOnce(times, destinations));
        boolean[] ok = new boolean[ports.length];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = ports[i] >= 0;
        }
        return ok;
    }

    /** The TIME-WAIT reuse delay the kernel applies in {@code s}: its sysctl where it has one, else the profile's. */
    long reuseDelayNanos(CalibrationScenario s) {
        return s.twReuseDelayMillis() > 0 && kernel.twReuseDelaySysctl() ? s.twReuseDelayMillis() * 1_000_000L
                : profile.reuseDelayNanos();
    }

    /** The allocator configuration for {@code s}, times counted from {@code origin}. */
    ConnectionAllocatorConfig config(CalibrationScenario s, long origin) {
        TimeWaitLateness l = rules.batchExpiry() ? shifted(profile.lateness(), origin)
                : TimeWaitLateness.exact(profile.timeWaitNanos(), "negative control: no batch expiry");
        return ConnectionAllocatorConfig.builder()
                .portRange(s.effectiveLow(), s.effectiveHigh())
                .timeWaitNanos(profile.timeWaitNanos())
                .timeWaitReuse(rules.onDemandReuse() ? TimeWaitReuse.fromSysctl(s.twReuse()) : TimeWaitReuse.OFF)
                .reuseDelayNanos(reuseDelayNanos(s) + clockNanos(s, rules))
                .lateness(l.granularityNanos(), l.phaseNanos())
                .connectStep(kernel.connectStep(s.socketRange()))
                .randomIncrements(rules.randomStart() && kernel.randomIncrements())
                .secret(s.seed() * 0x9E3779B97F4A7C15L + 1)
                .seed(s.seed())
                .build();
    }

    /** The 4-tuple key of destination {@code i} of {@code s} as the allocator sees it (loopback addresses). */
    static long destinationKey(CalibrationScenario s, int i) {
        int remote = s.byAddress() ? 0x7F00_0001 + i : 0x7F00_0001;
        int port = s.byAddress() ? CalibrationScenario.SERVER_PORT : CalibrationScenario.SERVER_PORT + i;
        return Destinations.ipv4(0x7F00_0001, remote, port);
    }

    @Override
    public int[] replayPorts(CalibrationScenario s, KernelAttempts k) {
        int n = k.size();
        int[] ports = new int[n];
        if (n == 0) {
            return ports;
        }
        long origin = k.times()[0];
        long unit = clockNanos(s, rules);
        ConnectionPortAllocator a = ConnectionAllocatorType.BIND_BUCKETS.create(config(s, origin));
        boolean bind = s.bindBeforeConnect() && !s.bindAddressNoPort() && rules.bindBlocking();
        boolean everyCallBinds = bind || !rules.fourTupleSharing();
        long[] keys = new long[s.destinations()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = destinationKey(s, i);
        }
        // pending closes: (close instant, attempt index)
        PriorityQueue<long[]> closes = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0])
                : Long.compare(x[1], y[1]));
        ClientDraws draws = new ClientDraws(s);
        for (int i = 0; i < n; i++) {
            draws.next();
            long t = onClock(k.times()[i], unit) - origin;
            while (!closes.isEmpty() && closes.peek()[0] <= t) {
                close(a, closes.poll(), ports, keys, k);
            }
            a.expire(t);
            long key = keys[k.destinations()[i]];
            int port = everyCallBinds ? a.bind(t, key) : a.connect(t, key);
            ports[i] = port;
            if (port != ConnectionPortAllocator.NO_PORT) {
                long closeAt = onClock(k.closeTimes()[i] > k.times()[i] ? k.closeTimes()[i]
                        : k.times()[i] + draws.holdNanos(), unit) - origin;
                boolean reset = k.closeTimes()[i] > k.times()[i] ? k.resets()[i] : draws.reset();
                closes.add(new long[] {Math.max(t, closeAt), reset ? -1 - i : i});
            }
        }
        return ports;
    }

    /**
     * 1 ms when {@code s} lets connects reuse TIME-WAIT, else 0. The kernel decides reuse on its
     * millisecond clock ({@code tcp_clock_ms()}, CLOCK_MONOTONIC in ms): a TIME-WAIT entered at
     * {@code e} ms is reusable once {@code now_ms > e + delay} ({@code time_after32}, strict), so the
     * model runs on that clock (every instant floored to the ms) with a delay of {@code delay + 1 ms}
     * (the allocator reuses at {@code now - released >= delay}). Expiry needs no such change: the
     * timer is armed in jiffies, {@code bucket = first boundary > jiffies(close) + 60 s}, and as the
     * boundaries lie on ticks that is the first boundary after the exact {@code close + 60 s}; on
     * the ms clock it may move by under 1 ms.
     */
    static long clockNanos(CalibrationScenario s, Rules rules) {
        return s.twReuse() != 0 && rules.onDemandReuse() ? 1_000_000L : 0;
    }

    /** {@code t} floored to a multiple of {@code unit} ({@code t} itself when {@code unit} is 0). */
    static long onClock(long t, long unit) {
        return unit == 0 ? t : t - Math.floorMod(t, unit);
    }

    private static void close(ConnectionPortAllocator a, long[] event, int[] ports, long[] keys, KernelAttempts k) {
        boolean reset = event[1] < 0;
        int i = (int) (reset ? -1 - event[1] : event[1]);
        long key = keys[k.destinations()[i]];
        a.release(ports[i], key, event[0]);
        if (reset) {
            a.reclaim(ports[i], key, event[0]);
        }
    }

    /** {@code l} with its grid expressed from {@code origin} (ns of the clock its phase is on). */
    static TimeWaitLateness shifted(TimeWaitLateness l, long origin) {
        if (l.isExact()) {
            return l;
        }
        return new TimeWaitLateness(l.kernel(), l.hz(), l.timeWaitNanos(), l.granularityNanos(),
                Math.floorMod(l.phaseNanos() - origin, l.granularityNanos()), l.meanLatenessNanos(), l.maxLatenessNanos(),
                l.source(), l.command(), l.calibration());
    }

    @Override
    public boolean choosesPorts() {
        return true;
    }

    @Override
    public String description() {
        TimeWaitLateness l = profile.lateness();
        return String.format(java.util.Locale.ROOT, "`%s` stack profile for Linux %s (%s, reuse delay %d ms unless the "
                        + "scenario sets tcp_tw_reuse_delay), allocator `bind-buckets`, TIME-WAIT freed on a grid of %.3f s "
                        + "(phase %.3f s; kernel %s)",
                profile.id(), kernel.version(), profile.sharing(), profile.reuseDelayNanos() / 1_000_000,
                l.granularityNanos() / 1e9, l.phaseNanos() / 1e9, l.kernel());
    }
}
