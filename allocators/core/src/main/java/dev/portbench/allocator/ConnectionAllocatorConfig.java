package dev.portbench.allocator;

import dev.portbench.allocator.structure.Checks;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ConnectionPortAllocator} is built for: the port range, the TIME-WAIT, the
 * {@code tcp_tw_reuse} mode and delay, the lateness of TIME-WAIT expiry (a timer wheel's
 * granularity and phase), the hash secret and the seed. Immutable; build it with {@link #builder()}.
 *
 * <p>The defaults are Linux's: ports 32768-60999, TIME-WAIT 60 s ({@code TCP_TIMEWAIT_LEN}),
 * {@code tcp_tw_reuse = 2} (loopback only) with a 1000 ms delay, exact expiry (granularity 0), a
 * 2<sup>16</sup>-entry perturbation table. Every value is checked when set; a bad one is rejected
 * with its value and the allowed range.
 */
public final class ConnectionAllocatorConfig {

    /** Linux's default first ephemeral port. */
    public static final int LINUX_FIRST_PORT = 32_768;
    /** Linux's default last ephemeral port. */
    public static final int LINUX_LAST_PORT = 60_999;
    /** Linux's {@code TCP_TIMEWAIT_LEN}. */
    public static final long LINUX_TIME_WAIT_NANOS = Duration.ofSeconds(60).toNanos();
    /** Linux's default {@code tcp_tw_reuse_delay}: 1000 ms. */
    public static final long LINUX_REUSE_DELAY_NANOS = Duration.ofMillis(1000).toNanos();

    private final int firstPort;
    private final int lastPort;
    private final long timeWaitNanos;
    private final TimeWaitReuse timeWaitReuse;
    private final long reuseDelayNanos;
    private final long latenessGranularityNanos;
    private final long latenessPhaseNanos;
    private final int hashTableSize;
    private final Long secret;
    private final long seed;

    private ConnectionAllocatorConfig(Builder b) {
        this.firstPort = b.firstPort;
        this.lastPort = b.lastPort;
        this.timeWaitNanos = b.timeWaitNanos;
        this.timeWaitReuse = b.timeWaitReuse;
        this.reuseDelayNanos = b.reuseDelayNanos;
        this.latenessGranularityNanos = b.latenessGranularityNanos;
        this.latenessPhaseNanos = b.latenessPhaseNanos;
        this.hashTableSize = b.hashTableSize;
        this.secret = b.secret;
        this.seed = b.seed;
    }

    /** A builder holding the Linux defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.firstPort = firstPort;
        b.lastPort = lastPort;
        b.timeWaitNanos = timeWaitNanos;
        b.timeWaitReuse = timeWaitReuse;
        b.reuseDelayNanos = reuseDelayNanos;
        b.latenessGranularityNanos = latenessGranularityNanos;
        b.latenessPhaseNanos = latenessPhaseNanos;
        b.hashTableSize = hashTableSize;
        b.secret = secret;
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

    public TimeWaitReuse timeWaitReuse() {
        return timeWaitReuse;
    }

    /** How old a TIME-WAIT entry's last activity must be before a connect may reuse it. */
    public long reuseDelayNanos() {
        return reuseDelayNanos;
    }

    /**
     * The granularity of TIME-WAIT expiry, 0 for exact: an entry due at {@code d} is freed at the
     * first instant {@code phase + k * granularity} strictly after {@code d}, as a timer in a level
     * of Linux's timer wheel fires at the next bucket boundary (never early, at most one
     * granularity late).
     */
    public long latenessGranularityNanos() {
        return latenessGranularityNanos;
    }

    /** Where the expiry boundaries lie: at {@code phase + k * granularity}, times as the allocator's callers count them. */
    public long latenessPhaseNanos() {
        return latenessPhaseNanos;
    }

    /** The size of the RFC 6056 algorithm 4 perturbation table (Linux: 2^16 since 2022). */
    public int hashTableSize() {
        return hashTableSize;
    }

    /** The secret of the destination hash, or {@code null} if none was given. */
    public Long secret() {
        return secret;
    }

    /** The seed of every random choice. */
    public long seed() {
        return seed;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectionAllocatorConfig)) {
            return false;
        }
        ConnectionAllocatorConfig c = (ConnectionAllocatorConfig) o;
        return firstPort == c.firstPort && lastPort == c.lastPort && timeWaitNanos == c.timeWaitNanos
                && timeWaitReuse == c.timeWaitReuse && reuseDelayNanos == c.reuseDelayNanos
                && latenessGranularityNanos == c.latenessGranularityNanos
                && latenessPhaseNanos == c.latenessPhaseNanos && hashTableSize == c.hashTableSize
                && Objects.equals(secret, c.secret) && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstPort, lastPort, timeWaitNanos, timeWaitReuse, reuseDelayNanos,
                latenessGranularityNanos, latenessPhaseNanos, hashTableSize, secret, seed);
    }

    @Override
    public String toString() {
        return "ConnectionAllocatorConfig{ports=" + firstPort + "-" + lastPort + ", timeWait=" + timeWaitNanos
                + "ns, tcp_tw_reuse=" + timeWaitReuse.sysctl() + ", reuseDelay=" + reuseDelayNanos
                + "ns, granularity=" + latenessGranularityNanos + "ns, phase=" + latenessPhaseNanos
                + "ns, hashTableSize=" + hashTableSize + ", secret=" + (secret == null ? "none" : "set")
                + ", seed=" + seed + "}";
    }

    /** Collects and checks configuration values; every setter rejects a bad value at once. */
    public static final class Builder {
        private int firstPort = LINUX_FIRST_PORT;
        private int lastPort = LINUX_LAST_PORT;
        private long timeWaitNanos = LINUX_TIME_WAIT_NANOS;
        private TimeWaitReuse timeWaitReuse = TimeWaitReuse.LOOPBACK_ONLY;
        private long reuseDelayNanos = LINUX_REUSE_DELAY_NANOS;
        private long latenessGranularityNanos;
        private long latenessPhaseNanos;
        private int hashTableSize = AllocatorConfig.DEFAULT_HASH_TABLE_SIZE;
        private Long secret;
        private long seed = AllocatorConfig.DEFAULT_SEED;

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
         * How long a closed connection's entry stays in TIME-WAIT, in nanoseconds.
         *
         * @throws IllegalArgumentException unless {@code 0 < nanos <= 2^61}
         */
        public Builder timeWaitNanos(long nanos) {
            Checks.checkPositive("timeWaitNanos", nanos);
            Checks.checkAtMost("timeWaitNanos", nanos, AllocatorConfig.MAX_TIME_WAIT_NANOS,
                    "longer deadlines could overflow the wrapping clock");
            this.timeWaitNanos = nanos;
            return this;
        }

        /** {@link #timeWaitNanos(long)} from a {@link Duration}. */
        public Builder timeWait(Duration timeWait) {
            Checks.checkNotNull("timeWait", timeWait);
            // the Duration's own nanos (saturated only past the long range), so a refusal names the
            // value given; a negative one used to be reported as -1
            long nanos;
            try {
                nanos = timeWait.toNanos();
            } catch (ArithmeticException tooLong) {
                nanos = timeWait.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return timeWaitNanos(nanos);
        }

        /** The {@code tcp_tw_reuse} mode. */
        public Builder timeWaitReuse(TimeWaitReuse mode) {
            this.timeWaitReuse = Checks.checkNotNull("timeWaitReuse", mode);
            return this;
        }

        /**
         * How old a TIME-WAIT entry must be before a connect may reuse it, in nanoseconds.
         *
         * @throws IllegalArgumentException unless {@code 0 <= nanos <= 2^61}
         */
        public Builder reuseDelayNanos(long nanos) {
            if (nanos < 0 || nanos > AllocatorConfig.MAX_TIME_WAIT_NANOS) {
                throw new IllegalArgumentException("reuseDelayNanos: " + nanos + " (expected: 0.."
                        + AllocatorConfig.MAX_TIME_WAIT_NANOS + ")");
            }
            this.reuseDelayNanos = nanos;
            return this;
        }

        /**
         * TIME-WAIT expiry at the boundaries {@code phase + k * granularity} (granularity 0: exact).
         *
         * @throws IllegalArgumentException unless {@code 0 <= granularity <= 2^61}
         */
        public Builder lateness(long granularityNanos, long phaseNanos) {
            if (granularityNanos < 0 || granularityNanos > AllocatorConfig.MAX_TIME_WAIT_NANOS) {
                throw new IllegalArgumentException("latenessGranularityNanos: " + granularityNanos + " (expected: 0.."
                        + AllocatorConfig.MAX_TIME_WAIT_NANOS + ", 0 for exact expiry)");
            }
            this.latenessGranularityNanos = granularityNanos;
            this.latenessPhaseNanos = phaseNanos;
            return this;
        }

        /**
         * The perturbation table size of the Linux-modelled structure.
         *
         * @throws IllegalArgumentException unless a power of two in 1..2^24
         */
        public Builder hashTableSize(int size) {
            if (size <= 0 || Integer.bitCount(size) != 1 || size > AllocatorConfig.MAX_HASH_TABLE_SIZE) {
                throw new IllegalArgumentException("hashTableSize: " + size + " (expected: a power of two in 1.."
                        + AllocatorConfig.MAX_HASH_TABLE_SIZE + ")");
            }
            this.hashTableSize = size;
            return this;
        }

        /** The secret of the destination hash; a stack draws it from a random source at boot. */
        public Builder secret(long key) {
            this.secret = key;
            return this;
        }

        /** The seed of random choices; fixed by default so runs repeat. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @throws IllegalArgumentException if TIME-WAIT plus one granularity could overflow the clock
         */
        public ConnectionAllocatorConfig build() {
            if (latenessGranularityNanos > AllocatorConfig.MAX_TIME_WAIT_NANOS - timeWaitNanos) {
                throw new IllegalArgumentException("latenessGranularityNanos: " + latenessGranularityNanos
                        + " (expected: at most " + (AllocatorConfig.MAX_TIME_WAIT_NANOS - timeWaitNanos)
                        + " so that TIME-WAIT plus lateness stays within 2^61 ns)");
            }
            return new ConnectionAllocatorConfig(this);
        }
    }
}
