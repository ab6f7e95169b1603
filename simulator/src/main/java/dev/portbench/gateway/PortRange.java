package dev.portbench.gateway;

import java.util.Objects;

/**
 * The external ports a gateway hands out on each of its addresses, both ends included.
 *
 * @param low the first port, 1..65535
 * @param high the last port, low..65535
 * @param source the document the range comes from
 */
public record PortRange(int low, int high, String source) {

    public PortRange {
        Objects.requireNonNull(source, "source");
        if (low < 1 || high > 65535 || low > high) {
            throw new IllegalArgumentException("ports: " + low + "-" + high + " (expected: 1 <= low <= high <= 65535)");
        }
    }

    /** How many ports the range holds. */
    public int size() {
        return high - low + 1;
    }
}
