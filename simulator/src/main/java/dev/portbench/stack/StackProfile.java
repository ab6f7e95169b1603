package dev.portbench.stack;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortSelection;
import dev.portbench.allocator.TimeWaitReuse;

import java.util.Objects;

/**
 * A TCP stack as data: what decides when its client runs out of ports. {@link StackProfiles}
 * holds the known ones, each fact with its source.
 *
 * @param id stable identifier ({@code windows95}, {@code linux}, ...)
 * @param description one line, with the sources
 * @param firstPort the first ephemeral port
 * @param lastPort the last ephemeral port, inclusive
 * @param timeWaitNanos how long a closed connection's port stays in TIME-WAIT
 * @param sharing one global pool, or per 4-tuple
 * @param bindAddressNoPort whether {@code IP_BIND_ADDRESS_NO_PORT} exists (Linux 4.2+)
 * @param timeWaitReuse the {@code tcp_tw_reuse} mode (OFF where the stack has none)
 * @param reuseDelayNanos how old a TIME-WAIT entry must be to be reused
 * @param selection the stack's port selection policy
 * @param lateness how late TIME-WAIT is freed
 */
public record StackProfile(String id, String description, int firstPort, int lastPort, long timeWaitNanos,
                           PortSharing sharing, boolean bindAddressNoPort, TimeWaitReuse timeWaitReuse,
                           long reuseDelayNanos, PortSelection selection, TimeWaitLateness lateness) {

    public StackProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sharing, "sharing");
        Objects.requireNonNull(timeWaitReuse, "timeWaitReuse");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(lateness, "lateness");
        AllocatorConfig.builder().portRange(firstPort, lastPort).timeWaitNanos(timeWaitNanos);
        if (reuseDelayNanos < 0) {
            throw new IllegalArgumentException("reuseDelayNanos: " + reuseDelayNanos + " (expected: >= 0)");
        }
    }

    public int ports() {
        return lastPort - firstPort + 1;
    }

    /**
     * New connections per second this stack sustains towards {@code destinations} destinations
     * with nothing held: ports / TIME-WAIT, times the destinations when ports are shared per 4-tuple.
     */
    public double capacityPerSecond(int destinations) {
        return (sharing == PortSharing.PER_DESTINATION ? destinations : 1) * ports() / (timeWaitNanos / 1e9);
    }
}
