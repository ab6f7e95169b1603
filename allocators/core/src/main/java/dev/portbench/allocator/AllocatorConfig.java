package dev.portbench.allocator;

import dev.portbench.allocator.structure.Checks;

import java.time.Duration;
import java.util.Objects;

/**
 * What an allocator is built for: the port range, the TIME-WAIT duration, the wheel tick, the
 * selection policy and the seed of its randomness. Immutable; build it with {@link #builder()}.
 *
 * <p>The defaults are Microsoft KB Q170791's Windows 95 client: ports 1025-5000 (3976 ports),
 * TIME-WAIT 240 s (2 x MSL of 120 s), so at most 3976 / 240 = 16.57 new connections per second.
 * Every value is checked when set; a bad one is rejected with its value and the allowed range
 * ({@link IllegalArgumentException}); a {@code null} {@link Duration} with a
 * {@link NullPointerException} naming the parameter.
 */
public final class AllocatorConfig extends RangeConfig {

    /** The lowest port a range may include. Port 0 means "any port" to a socket API. */
    public static final int MIN_PORT = Checks.MIN_PORT;
    /** The highest port a range may include. */
    public static final int MAX_PORT = Checks.MAX_PORT;
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
    /** RANDOM_PICK's default limit of tries: VPP's NAT gives up after 10. */
    public static final int DEFAULT_MAX_TRIES = 10;
    /** DOUBLE_HASH's default table size: Linux's since 2022 (256 before). */
    public static final int DEFAULT_HASH_TABLE_SIZE = 1 << 16;
    /** The largest DOUBLE_HASH table accepted. */
    public static final int MAX_HASH_TABLE_SIZE = 1 << 24;
    /** RANDOM_INCREMENTS' default largest step: RFC 6056 suggests N = 500. */
    public static final int DEFAULT_RANDOM_INCREMENT = 500;
    /** The seed used when none is given: runs are reproducible unless a caller asks otherwise. */
    public static final long DEFAULT_SEED = 0x5EED_0F_C0FFEEL;
    /**
     * The thread-safe allocators' default tolerance for {@code now} values that reach them out of
     * order from different threads: 1 ms (see {@link #clockSkewToleranceNanos()}).
     */
    public static final long DEFAULT_CLOCK_SKEW_TOLERANCE_NANOS = 1_000_000L;
    /** The largest clock-skew tolerance accepted, 2<sup>61</sup> ns: in effect, unlimited. */
    public static final long MAX_CLOCK_SKEW_TOLERANCE_NANOS = 1L << 61;
    /** The most shards a sharded allocator takes. */
    public static final int MAX_SHARDS = 1 << 10;

    private final long tickNanos;
    private final PortSelection selection;
    private final int maxTries;
    private final int randomIncrement;
    private final long clockSkewToleranceNanos;
    private final int expiryQuota;
    private final int shards;

    private AllocatorConfig(Builder b) {
        super(b);
        this.tickNanos = b.tickNanos;
        this.selection = b.selection;
        this.maxTries = b.maxTries;
        this.randomIncrement = b.randomIncrement;
        this.clockSkewToleranceNanos = b.clockSkewToleranceNanos;
        this.expiryQuota = b.expiryQuota;
        this.shards = b.shards;
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
        Builder b = copyRangeTo(new Builder());
        b.tickNanos = tickNanos;
        b.selection = selection;
        b.maxTries = maxTries;
        b.randomIncrement = randomIncrement;
        b.clockSkewToleranceNanos = clockSkewToleranceNanos;
        b.expiryQuota = expiryQuota;
        b.shards = shards;
        return b;
    }

    /** The tick of wheel structures; exact structures ignore it. */
    public long tickNanos() {
        return tickNanos;
    }

    /** The selection policy asked for, or {@code null} for each structure's natural one. */
    public PortSelection selection() {
        return selection;
    }

    /** RANDOM_PICK's limit of tries per allocation (default {@value #DEFAULT_MAX_TRIES}, as VPP). */
    public int maxTries() {
        return maxTries;
    }

    /** RANDOM_INCREMENTS' largest step N (default {@value #DEFAULT_RANDOM_INCREMENT}, RFC 6056's suggestion). */
    public int randomIncrement() {
        return randomIncrement;
    }

    /**
     * How far behind the allocator's clock a thread-safe allocator accepts a call's {@code now}
     * (default {@value #DEFAULT_CLOCK_SKEW_TOLERANCE_NANOS} ns): threads that read one clock and
     * then race to the allocator arrive slightly out of order. Such a call acts at the
     * allocator's clock, so a TIME-WAIT never ends early and is late by at most the skew; a call
     * further behind is rejected as time going backwards. Single-owner allocators ignore it.
     */
    public long clockSkewToleranceNanos() {
        return clockSkewToleranceNanos;
    }

    /**
     * How many shards a sharded allocator splits the range into, or 0 (the default) for
     * {@code Structures.defaultShards}: the processors rounded up to a power of two. Set it to the
     * number of workers (event loops) rounded up to a power of two, each taking its own
     * {@link ShardedAllocator#worker worker view}. Other allocators ignore it.
     */
    public int shards() {
        return shards;
    }

    /**
     * The most ports one call may free from TIME-WAIT (bounded bulk expiry), or 0 for no bound.
     * Only {@link AllocatorType#RING} and the thread-safe allocators built on it
     * ({@code locked-ring}, {@code sharded-ring}: a bound per shard) take a bound; the others
     * reject one when built.
     */
    public int expiryQuota() {
        return expiryQuota;
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
        return sameRange(c) && tickNanos == c.tickNanos && selection == c.selection
                && maxTries == c.maxTries && randomIncrement == c.randomIncrement
                && clockSkewToleranceNanos == c.clockSkewToleranceNanos
                && expiryQuota == c.expiryQuota && shards == c.shards;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rangeHash(), tickNanos, selection, maxTries, randomIncrement, clockSkewToleranceNanos,
                expiryQuota, shards);
    }

    @Override
    public String toString() {
        return "AllocatorConfig{ports=" + firstPort() + "-" + lastPort() + ", timeWait=" + timeWaitNanos()
                + "ns, tick=" + tickNanos + "ns, selection=" + selection + ", seed=" + seed() + ", maxTries=" + maxTries
                + ", hashTableSize=" + hashTableSize() + ", randomIncrement=" + randomIncrement
                + ", secret=" + (secret() == null ? "none" : "set") + ", clockSkewTolerance=" + clockSkewToleranceNanos
                + "ns" + (expiryQuota == 0 ? "" : ", expiryQuota=" + expiryQuota)
                + (shards == 0 ? "" : ", shards=" + shards) + "}";
    }

    /** Collects and checks configuration values; every setter rejects a bad value at once. */
    public static final class Builder extends RangeConfig.Builder<Builder> {
        private long tickNanos = DEFAULT_TICK_NANOS;
        private PortSelection selection;
        private int maxTries = DEFAULT_MAX_TRIES;
        private int randomIncrement = DEFAULT_RANDOM_INCREMENT;
        private long clockSkewToleranceNanos = DEFAULT_CLOCK_SKEW_TOLERANCE_NANOS;
        private int expiryQuota;
        private int shards;

        private Builder() {
            super(WINDOWS95_FIRST_PORT, WINDOWS95_LAST_PORT, WINDOWS95_TIME_WAIT_NANOS);
        }

        @Override
        protected Builder self() {
            return this;
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

        /**
         * {@link #tickNanos(long)} from a {@link Duration}.
         *
         * @throws NullPointerException if {@code tick} is null
         */
        public Builder tick(Duration tick) {
            Checks.checkNotNull("tick", tick);
            return tickNanos(saturatedNanos(tick));
        }

        /** The selection policy, or {@code null} for the structure's natural one. */
        public Builder selection(PortSelection selection) {
            this.selection = selection;
            return this;
        }

        /**
         * RANDOM_PICK's limit of tries per allocation.
         *
         * @throws IllegalArgumentException unless {@code tries > 0}
         */
        public Builder maxTries(int tries) {
            Checks.checkPositive("maxTries", tries);
            this.maxTries = tries;
            return this;
        }

        /**
         * RANDOM_INCREMENTS' largest step.
         *
         * @throws IllegalArgumentException unless {@code n > 0}
         */
        public Builder randomIncrement(int n) {
            Checks.checkPositive("randomIncrement", n);
            this.randomIncrement = n;
            return this;
        }

        /**
         * The thread-safe allocators' tolerance for {@code now} values arriving out of order from
         * different threads; 0 demands one global order of times.
         *
         * @throws IllegalArgumentException unless {@code 0 <= nanos <= MAX_CLOCK_SKEW_TOLERANCE_NANOS}
         */
        public Builder clockSkewToleranceNanos(long nanos) {
            if (nanos < 0 || nanos > MAX_CLOCK_SKEW_TOLERANCE_NANOS) {
                throw new IllegalArgumentException("clockSkewToleranceNanos: " + nanos + " (expected: 0.."
                        + MAX_CLOCK_SKEW_TOLERANCE_NANOS + ")");
            }
            this.clockSkewToleranceNanos = nanos;
            return this;
        }

        /**
         * Bounded bulk expiry: at most {@code quota} ports freed from TIME-WAIT per call, the rest
         * by later calls or on demand by an allocation that finds no other free port; 0 (the
         * default) for no bound. See {@link AllocatorType#RING} for the lateness it adds.
         *
         * @throws IllegalArgumentException unless {@code quota >= 0}
         */
        public Builder expiryQuota(int quota) {
            if (quota < 0) {
                throw new IllegalArgumentException("expiryQuota: " + quota + " (expected: >= 0, 0 for no bound)");
            }
            this.expiryQuota = quota;
            return this;
        }

        /**
         * The shard count of a sharded allocator: a power of two up to {@value #MAX_SHARDS} (and
         * at most the range size, checked when one is built), or 0 for the default.
         *
         * @throws IllegalArgumentException unless {@code shards} is 0 or a power of two up to {@value #MAX_SHARDS}
         */
        public Builder shards(int shards) {
            // shards < 0 first: Integer.MIN_VALUE has one bit set, so bitCount alone took it for a power of two
            if (shards != 0 && (shards < 0 || Integer.bitCount(shards) != 1 || shards > MAX_SHARDS)) {
                throw new IllegalArgumentException("shards: " + shards + " (expected: 0 for the default, or a power of "
                        + "two from 1 to " + MAX_SHARDS + ")");
            }
            this.shards = shards;
            return this;
        }

        /**
         * @throws IllegalArgumentException if a hash-based selection has no secret, if the tick is longer than the TIME-WAIT, or so short
         *     that one TIME-WAIT spans more than {@code MAX_TICKS_PER_TIME_WAIT} ticks
         */
        public AllocatorConfig build() {
            if (selection != null && selection.needsSecret() && currentSecret() == null) {
                throw new IllegalArgumentException("secret: missing (expected: a secret key for selection " + selection
                        + "; set one with secret(long), drawn from a random source)");
            }
            if (tickNanos > currentTimeWaitNanos()) {
                throw new IllegalArgumentException("tickNanos: " + tickNanos
                        + " (expected: <= timeWaitNanos " + currentTimeWaitNanos() + ")");
            }
            long minTick = (currentTimeWaitNanos() + MAX_TICKS_PER_TIME_WAIT - 1) / MAX_TICKS_PER_TIME_WAIT;
            if (tickNanos < minTick) {
                throw new IllegalArgumentException("tickNanos: " + tickNanos + " (expected: >= "
                        + minTick + ", so that a TIME-WAIT of " + currentTimeWaitNanos() + " ns spans at most "
                        + MAX_TICKS_PER_TIME_WAIT + " ticks)");
            }
            return new AllocatorConfig(this);
        }
    }
}
