package dev.portbench.calibration;

import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.simulation.Scenario;
import dev.portbench.simulation.ScenarioResult;
import dev.portbench.simulation.ScenarioSimulator;
import dev.portbench.stack.SocketCall;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.stack.TimeWaitLateness;

/**
 * The model side of the calibration: the Linux {@link StackProfile} with one given TIME-WAIT
 * lateness (the measured one), replaying a kernel run through {@link ScenarioSimulator} with the
 * kernel's own attempt instants and destinations. Per scenario it sets only what the scenario
 * itself configured: port range, destinations (loopback), call ({@code connect}, {@code bind},
 * {@code bind} with {@code IP_BIND_ADDRESS_NO_PORT}) and the {@code tcp_tw_reuse} mode; the reuse
 * delay, TIME-WAIT, sharing and lateness are the profile's. Time origin: the model counts from
 * the run's first attempt, so the lateness grid's phase ({@code CLOCK_MONOTONIC}) is shifted by
 * that instant, a change of origin, not a fit. Cost: one simulation, O(attempts).
 */
public final class LinuxScenarioModel implements PortModel {

    private final StackProfile profile;
    private final boolean honoursReuse;
    private final boolean honoursBind;

    public LinuxScenarioModel(TimeWaitLateness lateness) {
        this(withLateness(StackProfiles.linux(), lateness), true, true);
    }

    /**
     * A model on any profile, for the negative controls: {@code honoursReuse} false ignores the
     * scenario's {@code tcp_tw_reuse} (no on-demand TIME-WAIT reuse), {@code honoursBind} false
     * treats bind-before-connect as a plain connect (no bind blocking).
     */
    LinuxScenarioModel(StackProfile profile, boolean honoursReuse, boolean honoursBind) {
        this.profile = profile;
        this.honoursReuse = honoursReuse;
        this.honoursBind = honoursBind;
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

    @Override
    public boolean[] replay(CalibrationScenario s, long[] times, int[] destinations) {
        if (times.length == 0) {
            return new boolean[0];
        }
        long origin = times[0];
        long[] relative = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            relative[i] = times[i] - origin;
        }
        long duration = relative[relative.length - 1] + 1;
        Scenario scenario = Scenario.builder(profile)
                .name(s.id())
                .portRange(s.rangeLow(), s.rangeHigh())
                .attemptTimes(relative)
                .durationNanos(duration)
                .destinationPerAttempt(s.destinations(), destinations)
                .call(!s.bindBeforeConnect() || !honoursBind ? SocketCall.CONNECT
                        : s.bindAddressNoPort() ? SocketCall.BIND_ADDRESS_NO_PORT : SocketCall.BIND)
                .timeWaitReuse(honoursReuse ? TimeWaitReuse.fromSysctl(s.twReuse()) : TimeWaitReuse.OFF,
                        profile.reuseDelayNanos())
                .loopback(true)
                .lateness(shifted(profile.lateness(), origin))
                .windowNanos(Math.min(1_000_000_000L, duration))
                .recordOutcomes(true)
                .build();
        ScenarioResult r = ScenarioSimulator.run(scenario);
        int[] ports = r.outcomes();
        boolean[] ok = new boolean[times.length];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = ports[i] >= 0;
        }
        return ok;
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
    public String description() {
        TimeWaitLateness l = profile.lateness();
        return String.format(java.util.Locale.ROOT, "`%s` stack profile (%s, reuse delay %d ms), allocator `%s`, "
                        + "TIME-WAIT freed on a grid of %.3f s (phase %.3f s; kernel %s)",
                profile.id(), profile.sharing(), profile.reuseDelayNanos() / 1_000_000,
                Scenario.builder(profile).fixedRate(1).durationNanos(1_000_000_000L).build().allocator().name(),
                l.granularityNanos() / 1e9,
                l.phaseNanos() / 1e9, l.kernel());
    }
}
