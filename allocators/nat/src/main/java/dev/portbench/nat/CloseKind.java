package dev.portbench.nat;

/** How a mapping ends ({@link NatAllocator#close}), which picks the timer it then waits out. */
public enum CloseKind {

    /** A FIN exchange: the mapping turns {@link TimerState#TRANSITORY} (RFC 5382: 240 s default). */
    FIN,

    /** A reset: the mapping turns {@link TimerState#RST_COOLDOWN} (Azure NAT Gateway: 16 s). */
    RST,

    /** The caller saw the flow idle out: the mapping ends at once and its pair is free. */
    IDLE
}
