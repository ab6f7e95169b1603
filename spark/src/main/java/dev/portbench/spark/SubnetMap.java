package dev.portbench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Which gateway a client's flows cross, from its IPv4 address: {@code 10.0.1.0/24=nat-a,10.0.2.0/24=nat-b};
 * the longest matching prefix wins (as a route table picks the NAT gateway of a subnet). What the
 * job's {@code --subnets} option parses, when the flow table has no gateway column.
 *
 * <p>Lookup: O(entries) per address (a route table of a fleet has tens of subnets, not millions).
 * Immutable; serializable, so Spark ships it to the executors.
 */
public final class SubnetMap implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] networks;
    private final int[] prefixes;
    private final String[] gateways;

    private SubnetMap(int[] networks, int[] prefixes, String[] gateways) {
        this.networks = networks;
        this.prefixes = prefixes;
        this.gateways = gateways;
    }

    /**
     * Parses {@code CIDR=GATEWAY[,CIDR=GATEWAY...]}.
     *
     * @throws IllegalArgumentException naming an entry that is not an IPv4 CIDR, a gateway name, or a repeated subnet
     */
    public static SubnetMap parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--subnets: '" + text + "' (expected CIDR=GATEWAY[,CIDR=GATEWAY...])");
        }
        List<String> entries = new ArrayList<>();
        for (String e : text.split(",")) {
            if (!e.isBlank()) {
                entries.add(e.trim());
            }
        }
        int n = entries.size();
        int[] networks = new int[n];
        int[] prefixes = new int[n];
        String[] gateways = new String[n];
        for (int i = 0; i < n; i++) {
            String e = entries.get(i);
            int eq = e.indexOf('=');
            int slash = e.indexOf('/');
            if (eq < 0 || slash < 0 || slash > eq || eq == e.length() - 1) {
                throw new IllegalArgumentException("--subnets: '" + e + "' (expected CIDR=GATEWAY, e.g. 10.0.1.0/24=nat-a)");
            }
            int prefix;
            try {
                prefix = Integer.parseInt(e.substring(slash + 1, eq));
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("--subnets: '" + e + "' (expected a prefix length 0..32 after '/')", x);
            }
            if (prefix < 0 || prefix > 32) {
                throw new IllegalArgumentException("--subnets: '" + e + "': prefix " + prefix + " (expected: 0..32)");
            }
            int address = ipv4(e.substring(0, slash), e);
            int mask = mask(prefix);
            if ((address & ~mask) != 0) {
                throw new IllegalArgumentException("--subnets: '" + e + "' (expected the network address, with no host bits)");
            }
            for (int j = 0; j < i; j++) {
                if (networks[j] == address && prefixes[j] == prefix) {
                    throw new IllegalArgumentException("--subnets: '" + e + "' repeats the subnet of entry " + (j + 1));
                }
            }
            networks[i] = address;
            prefixes[i] = prefix;
            gateways[i] = e.substring(eq + 1);
        }
        return new SubnetMap(networks, prefixes, gateways);
    }

    /**
     * The gateway of {@code client}.
     *
     * @throws IllegalArgumentException if it is not an IPv4 address or no subnet holds it
     */
    public String gatewayOf(String client) {
        int a = ipv4(client, "client '" + client + "'");
        int best = -1;
        for (int i = 0; i < networks.length; i++) {
            if ((a & mask(prefixes[i])) == networks[i] && (best < 0 || prefixes[i] > prefixes[best])) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("client '" + client + "' is in no subnet of --subnets (expected every client"
                    + " in one of them)");
        }
        return gateways[best];
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static int ipv4(String text, String where) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(where + ": '" + text + "' (expected an IPv4 address a.b.c.d)");
        }
        int a = 0;
        for (String p : parts) {
            int v;
            try {
                v = Integer.parseInt(p);
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException(where + ": '" + text + "' (expected an IPv4 address a.b.c.d)", x);
            }
            if (v < 0 || v > 255 || p.length() > 3 || p.startsWith("+")) {
                throw new IllegalArgumentException(where + ": '" + text + "' (expected four numbers 0..255)");
            }
            a = a << 8 | v;
        }
        return a;
    }
}
