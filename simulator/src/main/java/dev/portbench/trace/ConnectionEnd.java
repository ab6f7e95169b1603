package dev.portbench.trace;

import java.util.Locale;

/**
 * How a traced connection ended, seen from the client (the side that sent the SYN). It decides
 * what the client's port does after the close: only an active close by the client leaves the
 * port in TIME-WAIT; after a passive close (LAST-ACK) or a reset the port is free at once.
 */
public enum ConnectionEnd {
    /** The client sent the first FIN: its port enters TIME-WAIT when the server's FIN arrives. */
    CLIENT_CLOSE,
    /** The server sent the first FIN: the client closes passively and keeps no TIME-WAIT. */
    SERVER_CLOSE,
    /** A RST ended the connection: no TIME-WAIT. */
    RESET,
    /**
     * The trace did not see the end (the capture stopped, or only SYNs were sent); the close time
     * is the last packet seen. Replayed without TIME-WAIT.
     */
    UNFINISHED;

    private static final ConnectionEnd[] VALUES = values();

    private final String id = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The id used in CSV files: {@code client-close}, {@code server-close}, {@code reset}, {@code unfinished}. */
    public String id() {
        return id;
    }

    /** Whether the client's port waits out TIME-WAIT after this end. */
    public boolean leavesTimeWait() {
        return this == CLIENT_CLOSE;
    }

    static ConnectionEnd ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /**
     * The end named {@code id}.
     *
     * @throws IllegalArgumentException naming the id and the allowed ones
     */
    public static ConnectionEnd fromId(String id) {
        for (ConnectionEnd e : VALUES) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("end: '" + id
                + "' (expected client-close, server-close, reset or unfinished)");
    }
}
