package dev.portbench.nat;

/**
 * Argument checks of the NAT allocators and their configuration. Each throws with a message that
 * names the value and what was allowed, before anything has changed.
 */
final class NatChecks {

    private NatChecks() {
    }

    static int checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    static long checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    static <T> T checkNotNull(String name, T value) {
        if (value == null) {
            throw new NullPointerException(name + ": null (expected: a value)");
        }
        return value;
    }

    static void checkFlow(int internalAddress, int internalPort, int destinationAddress, int destinationPort, int protocol) {
        checkRange("internalPort", internalPort, 1, 65_535);
        checkRange("destinationPort", destinationPort, 1, 65_535);
        if (destinationAddress == 0) {
            throw new IllegalArgumentException("destinationAddress: 0.0.0.0 (expected: a peer address, not 0.0.0.0)");
        }
        if (internalAddress == 0) {
            throw new IllegalArgumentException("internalAddress: 0.0.0.0 (expected: a host address, not 0.0.0.0)");
        }
        if (protocol != NatPairs.TCP && protocol != NatPairs.UDP) {
            throw new IllegalArgumentException("protocol: " + protocol + " (expected: " + NatPairs.TCP + " (TCP) or "
                    + NatPairs.UDP + " (UDP))");
        }
    }

    static IllegalArgumentException timeWentBackwards(long now, long previous, long origin) {
        return new IllegalArgumentException("now: " + now + " (expected: at or after the previous time " + previous
                + "; time must not go backwards, nor run 2^63 ns past the first call at " + origin + ")");
    }
}
