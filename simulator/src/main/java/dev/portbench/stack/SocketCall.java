package dev.portbench.stack;

import dev.portbench.allocator.Registry;

import java.util.List;
import java.util.Locale;

/** How the client asks for its local port. */
public enum SocketCall {

    /** {@code connect()} alone: the stack picks the port knowing the destination. */
    CONNECT,
    /** {@code bind(addr, 0)} then {@code connect()}: the port is picked before the destination is known, no sharing. */
    BIND,
    /** {@code bind()} with Linux's {@code IP_BIND_ADDRESS_NO_PORT} (4.2+): the pick is deferred to connect(), sharing restored. */
    BIND_ADDRESS_NO_PORT;

    /** The command-line spelling: {@code connect}, {@code bind}, {@code bind-no-port}. */
    public String id() {
        return this == BIND_ADDRESS_NO_PORT ? "bind-no-port" : name().toLowerCase(Locale.ROOT);
    }

    /**
     * The call spelled {@code id}.
     *
     * @throws IllegalArgumentException naming the allowed spellings otherwise
     */
    public static SocketCall fromId(String id) {
        return Registry.byId("socket call", List.of(values()), SocketCall::id, id);
    }

    public static List<String> ids() {
        return Registry.ids(List.of(values()), SocketCall::id);
    }
}
