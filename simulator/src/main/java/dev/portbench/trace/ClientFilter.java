package dev.portbench.trace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which addresses count as "our client": a connection is kept only if the side that opened it
 * (sent the SYN, or Zeek's originator) is one of them. Empty means every client. Addresses are
 * literal IPv4 or IPv6 addresses, never names (nothing is resolved).
 *
 * <p>{@link #matches(byte[])} is O(1) (a hash lookup of the address bytes).
 */
public final class ClientFilter {

    /** Every client is ours. */
    public static final ClientFilter ANY = new ClientFilter(List.of());

    private final List<String> addresses;
    private final Set<Key> keys = new HashSet<>();

    private ClientFilter(List<String> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /**
     * The clients {@code addresses}, literal IPv4 or IPv6.
     *
     * @throws IllegalArgumentException naming an entry that is not a literal address
     */
    public static ClientFilter of(List<String> addresses) {
        ClientFilter f = new ClientFilter(addresses);
        for (String a : addresses) {
            f.keys.add(new Key(literal(a)));
        }
        return f;
    }

    /** {@code --client a,b}: comma-separated literal addresses, or null / empty for every client. */
    public static ClientFilter parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return ANY;
        }
        List<String> list = new ArrayList<>();
        for (String s : commaSeparated.split(",")) {
            if (!s.isBlank()) {
                list.add(s.trim());
            }
        }
        return of(list);
    }

    static byte[] literal(String a) {
        boolean v4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = a.indexOf(':') >= 0 && a.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("client '" + a + "' (expected a literal IPv4 or IPv6 address)");
        }
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("client '" + a + "' (expected a literal IPv4 or IPv6 address)");
        }
    }

    /** Whether every client is ours. */
    public boolean isAny() {
        return keys.isEmpty();
    }

    /** Whether the client with raw address {@code address} (4 or 16 bytes) is ours. */
    public boolean matches(byte[] address) {
        return keys.isEmpty() || keys.contains(new Key(address));
    }

    /** Whether the client with textual address {@code address} is ours (Zeek writes addresses as text). */
    public boolean matches(String address) {
        return keys.isEmpty() || keys.contains(new Key(literal(address)));
    }

    /** The addresses as given. */
    public List<String> addresses() {
        return addresses;
    }

    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
