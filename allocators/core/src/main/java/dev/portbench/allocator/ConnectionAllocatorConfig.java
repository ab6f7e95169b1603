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
public final class ConnectionAllocatorConfig extends RangeConfig {

    /** Linux's default first ephemeral port. */
    public static final int LINUX_FIRST_PORT = 32_768;
    /** Linux's default last ephemeral port. */
    public static final int LINUX_LAST_PORT = 60_999;
    /** Linux's {@code TCP_TIMEWAIT_LEN}. */
    public static final long LINUX_TIME_WAIT_NANOS = Duration.ofSeconds(60).toNanos();
    /** Linux's default {@code tcp_tw_reuse_delay}: 1000 ms. */
    public static final long LINUX_REUSE_DELAY_NANOS = Duration.ofMillis(1000).toNanos();

    private final TimeWaitReuse timeWaitReuse;
    private final long reuseDelayNanos;
    private final long latenessGranularityNanos;
    private final long latenessPhaseNanos;
    private final int connectStep;
    private final boolean randomIncrements;

    private ConnectionAllocatorConfig(Builder b) {
        super(b);
        this.timeWaitReuse = b.timeWaitReuse;
        this.reuseDelayNanos = b.reuseDelayNanos;
        this.latenessGranularityNanos = b.latenessGranularityNanos;
        this.latenessPhaseNanos = b.latenessPhaseNanos;
        this.connectStep = b.connectStep;
        this.randomIncrements = b.randomIncrements;
    }

    /** A builder holding the Linux defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = copyRangeTo(new Builder());
        b.timeWaitReuse = timeWaitReuse;
        b.reuseDelayNanos = reuseDelayNanos;
        b.latenessGranularityNanos = latenessGranularityNanos;
        b.latenessPhaseNanos = latenessPhaseNanos;
        b.connectStep = connectStep;
        b.randomIncrements = randomIncrements;
        return b;
    }

    /**
     * The step of Linux's connect walk ({@code bind-buckets}): 2 (even offsets first, then odd: the
     * default), or 1 (every offset in one pass: Linux 6.8+ when the socket set {@code IP_LOCAL_PORT_RANGE}).
     */
    public int connectStep() {
        return connectStep;
    }

    /**
     * Whether a connect moves its perturbation entry by {@code max(walked, random(8) * step) + step}
     * (Linux since 2022, the default) or by {@code walked + step} only (before: an exact,
     * sequential start per destination). Used by {@code bind-buckets}.
     */
    public boolean randomIncrements() {
        return randomIncrements;
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

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectionAllocatorConfig)) {
            return false;
        }
        ConnectionAllocatorConfig c = (ConnectionAllocatorConfig) o;
        return sameRange(c) && timeWaitReuse == c.timeWaitReuse && reuseDelayNanos == c.reuseDelayNanos
                && latenessGranularityNanos == c.latenessGranularityNanos
                && latenessPhaseNanos == c.latenessPhaseNanos && connectStep == c.connectStep
                && randomIncrements == c.randomIncrements;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rangeHash(), timeWaitReuse, reuseDelayNanos, latenessGranularityNanos, latenessPhaseNanos,
                connectStep, randomIncrements);
    }

    @Override
    public String toString() {
        return "ConnectionAllocatorConfig{ports=" + firstPort() + "-" + lastPort() + ", timeWait=" + timeWaitNanos()
                + "ns, tcp_tw_reuse=" + timeWaitReuse.sysctl() + ", reuseDelay=" + reuseDelayNanos
                + "ns, granularity=" + latenessGranularityNanos + "ns, phase=" + latenessPhaseNanos
                + "ns, connectStep=" + connectStep + ", randomIncrements=" + randomIncrements
                + ", hashTableSize=" + hashTableSize() + ", secret=" + (secret() == null ? "none" : "set")
                + ", seed=" + seed() + "}";
    }

    /** Collects and checks configuration values; every setter rejects a bad value at once. */
    public static final class Builder extends RangeConfig.Builder<Builder> {
        private TimeWaitReuse timeWaitReuse = TimeWaitReuse.LOOPBACK_ONLY;
        private long reuseDelayNanos = LINUX_REUSE_DELAY_NANOS;
        private long latenessGranularityNanos;
        private long latenessPhaseNanos;
        private int connectStep = 2;
        private boolean randomIncrements = true;

        private Builder() {
            super(LINUX_FIRST_PORT, LINUX_LAST_PORT, LINUX_TIME_WAIT_NANOS);
        }

        @Override
        protected Builder self() {
            return this;
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
         * The connect walk's step (see {@link ConnectionAllocatorConfig#connectStep()}).
         *
         * @throws IllegalArgumentException unless {@code step} is 1 or 2
         */
        public Builder connectStep(int step) {
            if (step != 1 && step != 2) {
                throw new IllegalArgumentException("connectStep: " + step + " (expected: 1 or 2)");
            }
            this.connectStep = step;
            return this;
        }

        /** Whether connects move their perturbation entry by a random increment (see {@link ConnectionAllocatorConfig#randomIncrements()}). */
        public Builder randomIncrements(boolean random) {
            this.randomIncrements = random;
            return this;
        }

        /**
         * @throws IllegalArgumentException if TIME-WAIT plus one granularity could overflow the clock
         */
        public ConnectionAllocatorConfig build() {
            if (latenessGranularityNanos > AllocatorConfig.MAX_TIME_WAIT_NANOS - currentTimeWaitNanos()) {
                throw new IllegalArgumentException("latenessGranularityNanos: " + latenessGranularityNanos
                        + " (expected: at most " + (AllocatorConfig.MAX_TIME_WAIT_NANOS - currentTimeWaitNanos())
                        + " so that TIME-WAIT plus lateness stays within 2^61 ns)");
            }
            return new ConnectionAllocatorConfig(this);
        }
    }
}
