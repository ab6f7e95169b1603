package dev.portbench.workload;

import dev.portbench.allocator.AllocatorConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named workloads of the suite. Every benchmark, simulation and report refers to workloads
 * by these ids; {@link #byId} resolves them.
 *
 * <ul>
 *   <li>{@code q170791-rho0.50 / 0.90 / 0.99 / 1.25}: Windows 95's 1025-5000 and 240 s, fixed-rate
 *       connect-and-close at half, most, nearly all, and 125% of capacity (overload: allocations
 *       fail, and failing must stay cheap).</li>
 *   <li>{@code burst}: all 3976 ports close in one instant and expire together 240 s later.</li>
 *   <li>{@code reclaim-0.25}: Poisson arrivals at rho 0.99 with a quarter of TIME-WAITs ended
 *       early (tcp_tw_reuse, RST), so release order is no longer expiry order.</li>
 *   <li>{@code scale-3976 / 16384 / 28232 / 64512}: rho 0.99 over Windows 95's, Windows Vista+'s,
 *       Linux's default and the whole non-privileged range.</li>
 * </ul>
 */
public final class Workloads {

    /**
     * The headline workload: Windows 95's client at 99% of its capacity, the README's and every
     * report's first number, and the workload the selection policies are benchmarked on.
     */
    public static final String HEADLINE = "q170791-rho0.99";

    /** The seed of every named workload: the same trace on every machine. */
    public static final long SEED = 170_791L;

    private static final long TIME_WAIT = AllocatorConfig.WINDOWS95_TIME_WAIT_NANOS;
    private static final Map<String, Workload> BY_ID = new LinkedHashMap<>();

    static {
        for (double rho : new double[] {0.50, 0.90, 0.99, 1.25}) {
            String id = String.format(java.util.Locale.ROOT, "q170791-rho%.2f", rho);
            add(q170791(rho).named(id, "KB Q170791 client, fixed-rate connect/close at rho " + rho));
        }
        add(new Workload("burst", "all 3976 ports close in one instant and expire together 240 s later",
                1025, 5000, TIME_WAIT, ArrivalProcess.BURST, 1.0, HoldingTime.FIXED, 1_000_000_000L, 0, SEED));
        add(q170791(0.99).withArrivals(ArrivalProcess.POISSON).withReclaimShare(0.25)
                .named("reclaim-0.25", "Poisson arrivals at rho 0.99, 25% of TIME-WAITs ended early after 1-240 s"));
        add(scale(1025, 5000, "Windows 95"));
        add(scale(49152, 65535, "Windows Vista+ dynamic range"));
        add(scale(32768, 60999, "Linux default ip_local_port_range"));
        add(scale(1024, 65535, "all non-privileged ports"));
    }

    private Workloads() {
    }

    /** The KB's client at load {@code rho}: 1025-5000, 240 s, fixed rate, no holding, no reclaim. */
    public static Workload q170791(double rho) {
        return new Workload("q170791", "KB Q170791 client", 1025, 5000, TIME_WAIT, ArrivalProcess.FIXED_RATE, rho,
                HoldingTime.NONE, 0, 0, SEED);
    }

    private static Workload scale(int first, int last, String what) {
        Workload w = q170791(0.99).withArrivals(ArrivalProcess.POISSON).withRange(first, last);
        return w.named("scale-" + w.ports(),
                "Poisson at rho 0.99 over " + w.ports() + " ports: " + what + " (" + first + "-" + last + ")");
    }

    private static void add(Workload w) {
        if (BY_ID.putIfAbsent(w.id(), w) != null) {
            throw new IllegalStateException("duplicate workload id " + w.id());
        }
    }

    /** Every named workload, in catalogue order. */
    public static List<Workload> all() {
        return List.copyOf(BY_ID.values());
    }

    /** Every id, in catalogue order. */
    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    /**
     * The workload named {@code id}.
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static Workload byId(String id) {
        Workload w = BY_ID.get(id);
        if (w == null) {
            throw new IllegalArgumentException("workload: '" + id + "' (expected one of " + ids() + ")");
        }
        return w;
    }
}
