package dev.portbench.nat;

/**
 * The timer a live mapping waits on. Each state has one timeout for every mapping in it
 * ({@link NatConfig#timeoutNanos(TimerState)}), which is why one FIFO per state keeps deadlines
 * in order. An open mapping ({@link #ESTABLISHED}, {@link #UDP}) restarts its timer whenever
 * {@link NatAllocator#map} sees its flow again; a closing one never does.
 */
public enum TimerState {

    /** An open TCP mapping: idle timeout (RFC 5382 REQ-5: at least 2 h 4 min). */
    ESTABLISHED,

    /** An open UDP mapping: idle timeout (RFC 4787 REQ-5: at least 2 min, 5 min recommended). */
    UDP,

    /** A closing TCP mapping after FIN, TIME-WAIT included (RFC 5382: 4 min). */
    TRANSITORY,

    /** A mapping after RST, kept so the pair is not reused at once (Azure: 16 s). */
    RST_COOLDOWN;

    /** Whether {@link NatAllocator#map} restarts this state's timer and {@link NatAllocator#close} may end it. */
    public boolean isOpen() {
        return this == ESTABLISHED || this == UDP;
    }
}
