package dev.portbench.allocator;

import dev.portbench.allocator.structure.Checks;

import java.time.Duration;
import java.util.Objects;

/**
 * What every allocator configuration holds, whatever it builds: the port range, the TIME-WAIT,
 * the RFC 6056 algorithm 4 table size, the hash secret and the seed; and the builder base that
 * checks each of them as it is set. {@link AllocatorConfig} (single-pool allocators) and
 * {@link ConnectionAllocatorConfig} (destination-aware ones) add their own values and defaults.
 *
 * <p>Immutable; every setter of {@link Builder} rejects a bad value at once with its value and
 * what was allowed, leaving the builder as it was.
 */
public abstract class RangeConfig {

    private final int firstPort;
    private final int lastPort;
    private final long timeWaitNanos;
    private final int hashTableSize;
    private final Long secret;
    private final long seed;

    /** For a subclass: the shared values {@code b} holds. */
    protected RangeConfig(Builder<?> b) {
        this.firstPort = b.firstPort;
        this.lastPort = b.lastPort;
        this.timeWaitNanos = b.timeWaitNanos;
        this.hashTableSize = b.hashTableSize;
        this.secret = b.secret;
        this.seed = b.seed;
    }

    /** The lowest port of the range. */
    public final int firstPort() {
        return firstPort;
    }

    /** The highest port of the range, inclusive. */
    public final int lastPort() {
        return lastPort;
    }

    /** Ports in the range. */
    public final int rangeSize() {
        return lastPort - firstPort + 1;
    }

    /** How long a released port (or a closed connection's entry) stays in TIME-WAIT. */
    public final long timeWaitNanos() {
        return timeWaitNanos;
    }

    /**
     * The size of the RFC 6056 algorithm 4 table: DOUBLE_HASH's counters, or the Linux-modelled
     * perturbation table (default {@value AllocatorConfig#DEFAULT_HASH_TABLE_SIZE}, as Linux since 2022).
     */
    public final int hashTableSize() {
        return hashTableSize;
    }

    /**
     * The secret key of the hash-based policies, or {@code null} if none was given: a stack draws
     * it at boot from a random source; the policies that need one refuse to run without.
     */
    public final Long secret() {
        return secret;
    }

    /** The seed of every random choice the allocator makes. */
    public final long seed() {
        return seed;
    }

    /** Whether the shared values equal {@code o}'s: for a subclass's {@code equals}. */
    protected final boolean sameRange(RangeConfig o) {
        return firstPort == o.firstPort && lastPort == o.lastPort && timeWaitNanos == o.timeWaitNanos
                && hashTableSize == o.hashTableSize && Objects.equals(secret, o.secret) && seed == o.seed;
    }

    /** The shared values' hash: for a subclass's {@code hashCode}. */
    protected final int rangeHash() {
        return Objects.hash(firstPort, lastPort, timeWaitNanos, hashTableSize, secret, seed);
    }

    /** Copies the shared values into {@code b}: for a subclass's {@code toBuilder}. */
    protected final <B extends Builder<B>> B copyRangeTo(B b) {
        Builder<?> target = b; // private fields are reached through the class, not a type variable
        target.firstPort = firstPort;
        target.lastPort = lastPort;
        target.timeWaitNanos = timeWaitNanos;
        target.hashTableSize = hashTableSize;
        target.secret = secret;
        target.seed = seed;
        return b;
    }

    /**
     * The setters every configuration builder shares; {@code B} is the concrete builder, which
     * each setter returns.
     */
    public abstract static class Builder<B extends Builder<B>> {
        private int firstPort;
        private int lastPort;
        private long timeWaitNanos;
        private int hashTableSize = AllocatorConfig.DEFAULT_HASH_TABLE_SIZE;
        private Long secret;
        private long seed = AllocatorConfig.DEFAULT_SEED;

        /** For a subclass: its default range and TIME-WAIT (trusted: constants of the subclass). */
        protected Builder(int firstPort, int lastPort, long timeWaitNanos) {
            this.firstPort = firstPort;
            this.lastPort = lastPort;
            this.timeWaitNanos = timeWaitNanos;
        }

        /** This builder, as its own type. */
        protected abstract B self();

        /** The TIME-WAIT set so far, for a subclass's {@code build} checks. */
        protected final long currentTimeWaitNanos() {
            return timeWaitNanos;
        }

        /** The secret set so far, or null, for a subclass's {@code build} checks. */
        protected final Long currentSecret() {
            return secret;
        }

        /**
         * The inclusive port range {@code first..last}, inside 1..65535.
         *
         * @throws IllegalArgumentException if either end is outside 1..65535 or {@code first > last}
         */
        public final B portRange(int first, int last) {
            Checks.checkPortNumber("firstPort", first);
            Checks.checkPortNumber("lastPort", last);
            if (first > last) {
                throw new IllegalArgumentException("port range: " + first + ".." + last
                        + " (expected: firstPort <= lastPort)");
            }
            this.firstPort = first;
            this.lastPort = last;
            return self();
        }

        /**
         * How long a released port (or a closed connection's entry) stays unusable, in nanoseconds.
         *
         * @throws IllegalArgumentException unless {@code 0 < nanos <= MAX_TIME_WAIT_NANOS} (2^61)
         */
        public final B timeWaitNanos(long nanos) {
            Checks.checkPositive("timeWaitNanos", nanos);
            Checks.checkAtMost("timeWaitNanos", nanos, AllocatorConfig.MAX_TIME_WAIT_NANOS,
                    "longer deadlines could overflow the wrapping clock");
            this.timeWaitNanos = nanos;
            return self();
        }

        /**
         * {@link #timeWaitNanos(long)} from a {@link Duration}; a refusal names the Duration's own
         * nanos (saturated only past the long range).
         *
         * @throws NullPointerException if {@code timeWait} is null
         */
        public final B timeWait(Duration timeWait) {
            Checks.checkNotNull("timeWait", timeWait);
            return timeWaitNanos(saturatedNanos(timeWait));
        }

        /**
         * The RFC 6056 algorithm 4 table size.
         *
         * @throws IllegalArgumentException unless {@code size} is a power of two in 1..2^24
         */
        public final B hashTableSize(int size) {
            if (size <= 0 || Integer.bitCount(size) != 1 || size > AllocatorConfig.MAX_HASH_TABLE_SIZE) {
                throw new IllegalArgumentException("hashTableSize: " + size + " (expected: a power of two in 1.."
                        + AllocatorConfig.MAX_HASH_TABLE_SIZE + ")");
            }
            this.hashTableSize = size;
            return self();
        }

        /** The secret key of the hash-based policies; a stack draws it from a random source at boot. */
        public final B secret(long key) {
            this.secret = key;
            return self();
        }

        /** The seed of random choices and secrets; fixed by default so runs repeat. */
        public final B seed(long seed) {
            this.seed = seed;
            return self();
        }

        /** A Duration's nanos, saturated to the long range, so that a refusal names a value near the one given. */
        protected static long saturatedNanos(Duration d) {
            try {
                return d.toNanos();
            } catch (ArithmeticException tooLong) {
                return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
        }
    }
}
