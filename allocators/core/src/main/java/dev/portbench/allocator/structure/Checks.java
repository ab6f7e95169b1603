package dev.portbench.allocator.structure;

/**
 * Argument checks shared by the configuration and the allocators. Each throws with a message
 * that names the offending value and what was allowed, before anything has been changed.
 */
public final class Checks {

    /** The lowest port number a configuration may name (0 means "any port" to a socket API). */
    public static final int MIN_PORT = 1;
    /** The highest port number: ports are 16 bits. */
    public static final int MAX_PORT = 65_535;

    private Checks() {
    }

    public static int checkPortNumber(String name, int port) {
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException(name + ": " + port + " (expected: "
                    + MIN_PORT + ".." + MAX_PORT + ")");
        }
        return port;
    }

    public static long checkPositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    public static int checkPositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    public static long checkAtMost(String name, long value, long max, String maxMeaning) {
        if (value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: <= " + max
                    + ", " + maxMeaning + ")");
        }
        return value;
    }

    public static int checkPowerOfTwo(String name, int value) {
        if (value <= 0 || Integer.bitCount(value) != 1) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a power of two > 0)");
        }
        return value;
    }

    public static <T> T checkNotNull(String name, T value) {
        if (value == null) {
            throw new NullPointerException(name + ": null (expected: a value)");
        }
        return value;
    }

    /**
     * The rejection of a {@code now} before an allocator's previous accepted time
     * ({@code origin + clock}, {@code clock} relative to the first call at {@code origin}).
     * Every allocator says it the same way; it only builds the exception, the caller throws it.
     */
    public static IllegalArgumentException timeWentBackwards(long now, long origin, long clock) {
        return timeWentBackwards(now, origin, clock, 0);
    }

    /** As above, for a thread-safe allocator that accepts calls up to {@code tolerance} ns behind. */
    public static IllegalArgumentException timeWentBackwards(long now, long origin, long clock, long tolerance) {
        return new IllegalArgumentException("now: " + now + " (expected: at or after the previous time "
                + (origin + clock) + (tolerance == 0 ? "" : " minus the clock-skew tolerance of " + tolerance + " ns")
                + "; time must not go backwards, nor run 2^63 ns past the first call at " + origin + ")");
    }

    /** The rejection of a port outside an allocator's range {@code first..last}; the caller throws it. */
    public static IllegalArgumentException portOutsideRange(int port, int first, int last) {
        return new IllegalArgumentException("port: " + port + " (expected: " + first + ".." + last + ")");
    }
}
