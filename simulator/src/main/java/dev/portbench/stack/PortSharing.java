package dev.portbench.stack;

/** How a stack shares one local port between connections. */
public enum PortSharing {

    /**
     * One global pool: a port in use or in TIME-WAIT is unavailable to every destination
     * (Windows 95's counter; Windows without {@code SO_REUSE_UNICASTPORT}). Capacity: ports / TIME-WAIT.
     */
    GLOBAL_POOL,

    /**
     * Per 4-tuple: {@code connect()} may take a port that is in use or in TIME-WAIT towards other
     * destinations (Linux {@code __inet_hash_connect()}, FreeBSD 13+ {@code in_pcb_lport_dest()}).
     * Capacity: destinations x ports / TIME-WAIT. {@code bind(addr, 0)} still needs a port free
     * of every owner unless {@code IP_BIND_ADDRESS_NO_PORT} defers the choice to connect().
     */
    PER_DESTINATION
}
