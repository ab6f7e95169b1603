package dev.portbench.gateway;

import java.util.List;
import java.util.Objects;

/**
 * When a client stack retransmits an unanswered SYN, and when connect() gives up. A NAT that
 * finds no port drops the SYN silently (no ICMP, no RST), so the client waits out each
 * retransmission timeout; a retransmission that finds a freed port succeeds late, and connect()
 * fails only when the timeout after the last retransmission ends ({@code ../shared/FACTS.md},
 * "A NAT that finds no tuple drops the SYN silently").
 *
 * <p>Timeout {@code j} (after SYN {@code j}, the first SYN being 0) is
 * {@code initialRto * 2^max(0, j - linearTimeouts)}: Linux's {@code tcp_syn_linear_timeouts}
 * keeps the first ones at the initial timeout (kernel Documentation/networking/ip-sysctl.rst:
 * "1, 1, 1, 1, 1, 2, 4, ..." for 4). With 6 retries and no linear timeouts: 1+2+...+64 = 127 s.
 *
 * @param id the name used on the command line
 * @param initialRtoNanos the first retransmission timeout
 * @param retries how many times the SYN is retransmitted ({@code tcp_syn_retries})
 * @param linearTimeouts how many timeouts stay at the initial one before doubling
 * @param source where the schedule comes from
 */
public record SynSchedule(String id, long initialRtoNanos, int retries, int linearTimeouts, String source) {

    /** Linux's classic schedule: {@code tcp_syn_retries} 6, exponential from 1 s, connect() fails after 127 s. */
    public static final SynSchedule LINUX = new SynSchedule("linux", 1_000_000_000L, 6, 0,
            "Linux tcp_syn_retries 6, initial RTO 1 s, exponential (FACTS.md: about 127 s)");

    /** Linux 6.5+ with {@code tcp_syn_linear_timeouts} 4: 1,1,1,1,1,2,4 s, connect() fails after 11 s. */
    public static final SynSchedule LINUX_LINEAR = new SynSchedule("linux-linear4", 1_000_000_000L, 6, 4,
            "Linux 6.5+ tcp_syn_retries 6 with tcp_syn_linear_timeouts 4 (kernel ip-sysctl.rst; FACTS.md: the first N"
                    + " retransmissions 1 s apart)");

    /**
     * Windows: initial RTO 3 s, 2 SYN retransmissions (3 + 6 + 12 = 21 s). Not in FACTS.md: from
     * Microsoft's {@code Get-NetTCPSetting} defaults (InitialRtoMs 3000, MaxSynRetransmissions 2).
     */
    public static final SynSchedule WINDOWS = new SynSchedule("windows", 3_000_000_000L, 2, 0,
            "Windows Get-NetTCPSetting defaults InitialRtoMs 3000, MaxSynRetransmissions 2 (not in FACTS.md)");

    /** No retransmission: the first dropped SYN fails the connect (what a simulation without clients assumes). */
    public static final SynSchedule NONE = new SynSchedule("none", 1_000_000_000L, 0, 0, "no retransmission");

    /** Every named schedule. */
    public static final List<SynSchedule> ALL = List.of(LINUX, LINUX_LINEAR, WINDOWS, NONE);

    public SynSchedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        if (initialRtoNanos <= 0 || initialRtoNanos > 60_000_000_000L) {
            throw new IllegalArgumentException("initialRto: " + initialRtoNanos + " ns (expected: 1 ns..60 s)");
        }
        if (retries < 0 || retries > 30) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: 0..30)");
        }
        if (linearTimeouts < 0 || linearTimeouts > retries + 1) {
            throw new IllegalArgumentException("linearTimeouts: " + linearTimeouts + " (expected: 0.." + (retries + 1) + ")");
        }
    }

    /** A named schedule, or {@code linux:R:L} for R retries with L linear timeouts. */
    public static SynSchedule byId(String id) {
        for (SynSchedule s : ALL) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        String[] parts = id.split(":");
        if (parts.length == 3 && parts[0].equals("linux")) {
            try {
                return new SynSchedule(id, 1_000_000_000L, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                        "Linux tcp_syn_retries " + parts[1] + ", tcp_syn_linear_timeouts " + parts[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("syn schedule: '" + id + "' (expected linux:RETRIES:LINEAR, whole numbers)", e);
            }
        }
        throw new IllegalArgumentException("syn schedule: '" + id + "' (expected one of "
                + ALL.stream().map(SynSchedule::id).toList() + " or linux:RETRIES:LINEAR)");
    }

    /** The timeout after SYN {@code j} (0 the first SYN, up to {@link #retries}). */
    public long timeoutNanos(int j) {
        if (j < 0 || j > retries) {
            throw new IllegalArgumentException("j: " + j + " (expected: 0.." + retries + ")");
        }
        return initialRtoNanos << Math.max(0, j - linearTimeouts);
    }

    /** From the first SYN to connect() failing with ETIMEDOUT: the sum of every timeout. */
    public long giveUpNanos() {
        long sum = 0;
        for (int j = 0; j <= retries; j++) {
            sum += timeoutNanos(j);
        }
        return sum;
    }
}
