package dev.portbench.allocator;

/**
 * Whether a connect may take over a TIME-WAIT entry of the same 4-tuple, as Linux's
 * {@code net.ipv4.tcp_tw_reuse} (0, 1, 2) decides in {@code tcp_twsk_unique()}: on demand, at
 * connect time, for the same destination only, and only once the entry's last activity is at
 * least the reuse delay old ({@code tcp_tw_reuse_delay}, 1000 ms by default).
 */
public enum TimeWaitReuse {

    /** {@code tcp_tw_reuse = 0}: never. */
    OFF(0),
    /** {@code tcp_tw_reuse = 1}: for every destination. */
    ON(1),
    /** {@code tcp_tw_reuse = 2}, Linux's default since 5.7: for loopback destinations only. */
    LOOPBACK_ONLY(2);

    private final int sysctl;

    TimeWaitReuse(int sysctl) {
        this.sysctl = sysctl;
    }

    /** The value of Linux's sysctl for this mode. */
    public int sysctl() {
        return sysctl;
    }

    /** Whether a connect to {@code destination} (a {@link Destinations} key) may reuse a TIME-WAIT entry. */
    public boolean allows(long destination) {
        return this == ON || (this == LOOPBACK_ONLY && Destinations.isLoopback(destination));
    }

    /**
     * The mode of the sysctl value {@code value}.
     *
     * @throws IllegalArgumentException unless {@code value} is 0, 1 or 2
     */
    public static TimeWaitReuse fromSysctl(int value) {
        for (TimeWaitReuse r : values()) {
            if (r.sysctl == value) {
                return r;
            }
        }
        throw new IllegalArgumentException("tcp_tw_reuse: " + value + " (expected: 0 off, 1 on, 2 loopback only)");
    }
}
