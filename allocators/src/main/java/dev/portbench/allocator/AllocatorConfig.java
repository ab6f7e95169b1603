package dev.portbench.allocator;

import java.time.Duration;
import java.util.Objects;

/**
 * What an allocator is built for: the port range, the TIME-WAIT duration, the wheel tick, the
 * selection policy and the seed of its randomness. Immutable; build it with {@link #builder()}.
 *
 * <p>The defaults are Microsoft KB Q170791's Windows 95 client: ports 1025-5000 (3976 ports),
 * TIME-WAIT 240 s (2 x MSL of 120 s), so at most 3976 / 240 = 16.57 new connections per second.
 * Every value is checked when set; a bad one is rejected with its value and the allowed range.
 */
public final class AllocatorConfig {

    /** The lowest port a range may include. Port 0 means "any port" to a socket API. */
    public static final int MIN_PORT = 1;
    /** The highest port a range may include. */
    public static final int MAX_PORT = 65_535;
    /** Windows 95's first ephemeral port. */
    public static final int WINDOWS95_FIRST_PORT = 1025;
    /** Windows 95's last ephemeral port (MaxUserPort default 5000). */
    public static final int WINDOWS95_LAST_PORT = 5000;
    /** 2 x MSL with Windows 95's MSL of 120 s. */
    public static final long WINDOWS95_TIME_WAIT_NANOS = Duration.ofSeconds(240).toNanos();
    /** The default wheel tick: one second. */
    public static final long DEFAULT_TICK_NANOS = Duration.ofSeconds(1).toNanos();
    /**
     * The longest TIME-WAIT accepted, 2<sup>61</sup> ns (73 years): deadlines must stay well inside
     * the half of the {@code long} range in which wrapped times still compare correctly.
     */
    public static final long MAX_TIME_WAIT_NANOS = 1L << 61;
    /** The most ticks one TIME-WAIT may span, which bounds a wheel's slot array. */
    public static final long MAX_TICKS_PER_TIME_WAIT = 1L << 22;
    /** The seed used when none is given: runs are reproducible unless a caller asks otherwise. */
    public static final long DEFAULT_SEED = 0x5EED_0F_C0FFEEL;

    private final int firstPort;
    private final int lastPort;
    private final long timeWaitNanos;
    private final long tickNanos;
    private final PortSelection selection;
    private final long seed;

    private AllocatorConfig(Builder b) {
        this.firstPort = b.firstPort;
        this.lastPort = b.lastPort;
        this.timeWaitNanos = b.timeWaitNanos;
        this.tickNanos = b.tickNanos;
        this.selection = b.selection;
        this.seed = b.seed;
    }

    /** A builder holding the Windows 95 defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Windows 95 defaults: 1025-5000, 240 s, 1 s tick, each structure's natural policy. */
    public static AllocatorConfig windows95() {
        return builder().build();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.firstPort = firstPort;
        b.lastPort = lastPort;
        b.timeWaitNanos = timeWaitNanos;
        b.tickNanos = tickNanos;
        b.selection = selection;
        b.seed = seed;
        return b;
    }

    public int firstPort() {
        return firstPort;
    }

    public int lastPort() {
        return lastPort;
    }

    public int rangeSize() {
        return lastPort - firstPort + 1;
    }

    public long timeWaitNanos() {
        return timeWaitNanos;
    }

    /** The tick of wheel structures; exact structures ignore it. */
    public long tickNanos() {
        return tickNanos;
    }

    /** The selection policy asked for, or {@code null} for each structure's natural one. */
    public PortSelection selection() {
        return selection;
    }

    /** The seed of every random choice and secret the allocator makes. */
    public long seed() {
        return seed;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AllocatorConfig)) {
            return false;
        }
        AllocatorConfig c = (AllocatorConfig) o;
        return firstPort == c.firstPort && lastPort == c.lastPort && timeWaitNanos == c.timeWaitNanos
                && tickNanos == c.tickNanos && selection == c.selection && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstPort, lastPort, timeWaitNanos, tickNanos, selection, seed);
    }

    @Override
    public String toString() {
        return "AllocatorConfig{ports=" + firstPort + "-" + lastPort + ", timeWait=" + timeWaitNanos
                + "ns, tick=" + tickNanos + "ns, selection=" + selection + ", seed=" + seed + "}";
    }

    /** Collects and checks configuration values; every setter rejects a bad value at once. */
    public static final class Builder {
        private int firstPort = WINDOWS95_FIRST_PORT;
        private int lastPort = WINDOWS95_LAST_PORT;
        private long timeWaitNanos = WINDOWS95_TIME_WAIT_NANOS;
        private long tickNanos = DEFAULT_TICK_NANOS;
        private PortSelection selection;
        private long seed = DEFAULT_SEED;

        private Builder() {
        }

        /**
         * The inclusive port range {@code first..last}, inside 1..65535.
         *
         * @throws IllegalArgumentException if either end is outside 1..65535 or {@code first > last}
         */
        public Builder portRange(int first, int last) {
            Checks.checkPortNumber("firstPort", first);
            Checks.checkPortNumber("lastPort", last);
            if (first > last) {
                throw new IllegalArgumentException("port range: " + first + ".." + last
                        + " (expected: firstPort <= lastPort)");
            }
            this.firstPort = first;
            this.lastPort = last;
            return this;
        }

        /**
         * How long a released port stays unusable, in nanoseconds.
         *
         * @throws IllegalArgumentException unless {@code 0 < nanos <= MAX_TIME_WAIT_NANOS}
         */
        public Builder timeWaitNanos(long nanos) {
            Checks.checkPositive("timeWaitNanos", nanos);
            Checks.checkAtMost("timeWaitNanos", nanos, MAX_TIME_WAIT_NANOS,
                    "longer deadlines could overflow the wrapping clock");
            this.timeWaitNanos = nanos;
            return this;
        }

        /** {@link #timeWaitNanos(long)} from a {@link Duration}. */
        public Builder timeWait(Duration timeWait) {
            Checks.checkNotNull("timeWait", timeWait);
            return timeWaitNanos(saturatedNanos(timeWait));
        }

        /**
         * The tick of wheel structures, in nanoseconds: their expiry is up to one tick late.
         * Checked against the TIME-WAIT by {@link #build()}.
         *
         * @throws IllegalArgumentException unless {@code nanos > 0}
         */
        public Builder tickNanos(long nanos) {
            Checks.checkPositive("tickNanos", nanos);
            this.tickNanos = nanos;
            return this;
        }

        /** {@link #tickNanos(long)} from a {@link Duration}. */
        public Builder tick(Duration tick) {
            Checks.checkNotNull("tick", tick);
            return tickNanos(saturatedNanos(tick));
        }

        /** The selection policy, or {@code null} for the structure's natural one. */
        public Builder selection(PortSelection selection) {
            this.selection = selection;
            return this;
        }

        /** The seed of random choices and secrets; fixed by default so runs repeat. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @throws IllegalArgumentException if the tick is longer than the TIME-WAIT, or so short
         *     that one TIME-WAIT spans more than {@code MAX_TICKS_PER_TIME_WAIT} ticks
         */
        public AllocatorConfig build() {
            if (tickNanos > timeWaitNanos) {
                throw new IllegalArgumentException("tickNanos: " + tickNanos
                        + " (expected: <= timeWaitNanos " + timeWaitNanos + ")");
            }
            long minTick = (timeWaitNanos + MAX_TICKS_PER_TIME_WAIT - 1) / MAX_TICKS_PER_TIME_WAIT;
            if (tickNanos < minTick) {
                throw new IllegalArgumentException("tickNanos: " + tickNanos + " (expected: >= "
                        + minTick + ", so that a TIME-WAIT of " + timeWaitNanos + " ns spans at most "
                        + MAX_TICKS_PER_TIME_WAIT + " ticks)");
            }
            return new AllocatorConfig(this);
        }

        private static long saturatedNanos(Duration d) {
            try {
                return d.toNanos();
            } catch (ArithmeticException tooLong) {
                return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
        }
    }
}
