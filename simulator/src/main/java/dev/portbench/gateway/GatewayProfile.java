package dev.portbench.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A NAT gateway as data: one JSON file under {@code dev/portbench/gateway/profiles/} (or a user's
 * file), read by {@link GatewayProfiles} with Jackson. Every parameter carries the public document
 * it comes from ({@link Cited}); {@code ../shared/FACTS.md} "NATs and cloud gateways" lists them.
 *
 * <p>Numbers: counts are whole numbers, durations seconds. A limit of 0 means "none".
 * Construction checks every field and names the bad one with what was allowed.
 *
 * @param id the profile's name, e.g. {@code aws-nat-gateway}
 * @param summary one line for {@code ./portbench gateway --list}
 * @param addresses the external addresses the gateway uses by default
 * @param maxAddresses the most addresses it can have (the what-if "more addresses" stops there)
 * @param ports the external port range on each address
 * @param mapping {@link MappingKind}, lower case with dashes
 * @param perDestinationLimit the most simultaneous flows to one destination (address, port,
 *        protocol) per external address; 0 for the port range itself
 * @param hostAllocation {@link HostAllocation}, lower case with dashes
 * @param minPortsPerHost ports a host gets at first (static, dynamic); 0 when shared
 * @param maxPortsPerHost the most ports a host may hold (dynamic, port blocks); 0 for no limit
 * @param preallocation the pre-allocation table ({@link HostAllocation#PREALLOCATED} only), else null
 * @param search {@link SearchPolicy}, lower case with dashes
 * @param searchAttempts the most candidates a bounded search tries; 0 for an exhaustive search
 * @param workers worker threads owning a slice of the ports each (VPP); 1 for one shared pool
 * @param blockSize ports per block ({@link HostAllocation#PORT_BLOCKS}); 0 without blocks
 * @param idleSeconds an established flow idle this long loses its mapping
 * @param finSeconds a mapping closed by FIN is kept this long (transitory, TIME-WAIT included)
 * @param rstSeconds a mapping closed by RST is kept this long (cool-down)
 * @param pooling {@code paired} (every mapping of one internal host on the same external address, RFC 4787
 *                REQ-2, RFC 6888) or {@code arbitrary} (any address with a free port); absent: paired
 */
@JsonPropertyOrder({"id", "summary", "addresses", "maxAddresses", "ports", "mapping", "perDestinationLimit",
        "hostAllocation", "minPortsPerHost", "maxPortsPerHost", "preallocation", "search", "searchAttempts", "workers",
        "blockSize", "idleSeconds", "finSeconds", "rstSeconds", "pooling"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayProfile(String id, String summary, Cited addresses, Cited maxAddresses, PortRange ports,
                             CitedChoice mapping, Cited perDestinationLimit, CitedChoice hostAllocation,
                             Cited minPortsPerHost, Cited maxPortsPerHost, Preallocation preallocation,
                             CitedChoice search, Cited searchAttempts, Cited workers, Cited blockSize,
                             Cited idleSeconds, Cited finSeconds, Cited rstSeconds, CitedChoice pooling) {

    /** The most addresses any profile may name (Azure NAT Gateway's 16 is the largest documented). */
    public static final int MAX_ADDRESSES = 1024;

    public GatewayProfile {
        require(id, "id");
        require(summary, "summary");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("id: '" + id + "' (expected: lower case letters, digits and dashes)");
        }
        require(addresses, "addresses");
        require(maxAddresses, "maxAddresses");
        require(ports, "ports");
        require(mapping, "mapping");
        require(perDestinationLimit, "perDestinationLimit");
        require(hostAllocation, "hostAllocation");
        require(minPortsPerHost, "minPortsPerHost");
        require(maxPortsPerHost, "maxPortsPerHost");
        require(search, "search");
        require(searchAttempts, "searchAttempts");
        require(workers, "workers");
        require(blockSize, "blockSize");
        require(idleSeconds, "idleSeconds");
        require(finSeconds, "finSeconds");
        require(rstSeconds, "rstSeconds");
        int max = maxAddresses.count("maxAddresses", 1, MAX_ADDRESSES);
        addresses.count("addresses", 1, max);
        int range = ports.size();
        perDestinationLimit.count("perDestinationLimit", 0, range);
        mapping.as("mapping", MappingKind.class);
        if (pooling != null) {
            pooling.as("pooling", Pooling.class);
        }
        SearchPolicy policy = search.as("search", SearchPolicy.class);
        int attempts = searchAttempts.count("searchAttempts", 0, range);
        if ((policy == SearchPolicy.EXHAUSTIVE) != (attempts == 0)) {
            throw new IllegalArgumentException("searchAttempts: " + attempts + " with search " + search.value()
                    + " (expected: 0 exactly when the search is exhaustive)");
        }
        int workerCount = workers.count("workers", 1, range);
        HostAllocation allocation = hostAllocation.as("hostAllocation", HostAllocation.class);
        int min = minPortsPerHost.count("minPortsPerHost", 0, range);
        int maxPorts = maxPortsPerHost.count("maxPortsPerHost", 0, range * max);
        int block = blockSize.count("blockSize", 0, range);
        checkAllocation(allocation, min, maxPorts, block, preallocation, workerCount);
        positive(idleSeconds, "idleSeconds");
        positive(finSeconds, "finSeconds");
        positive(rstSeconds, "rstSeconds");
    }

    private static void checkAllocation(HostAllocation allocation, int min, int max, int block, Preallocation table,
                                        int workers) {
        boolean needsMin = allocation == HostAllocation.STATIC || allocation == HostAllocation.DYNAMIC;
        if (needsMin != (min > 0)) {
            throw new IllegalArgumentException("minPortsPerHost: " + min + " with hostAllocation " + allocation
                    + " (expected: > 0 exactly for static and dynamic)");
        }
        if (allocation == HostAllocation.DYNAMIC && (max < min || Integer.bitCount(min) != 1 || Integer.bitCount(max) != 1)) {
            throw new IllegalArgumentException("maxPortsPerHost: " + max + ", minPortsPerHost " + min
                    + " (expected for dynamic: powers of two, max >= min)");
        }
        if ((allocation == HostAllocation.PORT_BLOCKS) != (block > 0)) {
            throw new IllegalArgumentException("blockSize: " + block + " with hostAllocation " + allocation
                    + " (expected: > 0 exactly for port-blocks)");
        }
        if (allocation == HostAllocation.PORT_BLOCKS && (max < block)) {
            throw new IllegalArgumentException("maxPortsPerHost: " + max + " (expected for port-blocks: >= blockSize " + block + ")");
        }
        if ((allocation == HostAllocation.PREALLOCATED) != (table != null)) {
            throw new IllegalArgumentException("preallocation: " + (table == null ? "missing" : "present")
                    + " with hostAllocation " + allocation + " (expected: a table exactly for preallocated)");
        }
        if (workers > 1 && allocation != HostAllocation.SHARED) {
            throw new IllegalArgumentException("workers: " + workers + " with hostAllocation " + allocation
                    + " (expected: 1 unless ports are shared)");
        }
    }

    private static void require(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": missing (expected: a value with its source)");
        }
    }

    private static void positive(Cited value, String name) {
        if (value.value() <= 0) {
            throw new IllegalArgumentException(name + ": " + value.value() + " (expected: > 0 seconds)");
        }
    }

    public int addressCount() {
        return (int) addresses.value();
    }

    public MappingKind mappingKind() {
        return mapping.as("mapping", MappingKind.class);
    }

    public HostAllocation allocation() {
        return hostAllocation.as("hostAllocation", HostAllocation.class);
    }

    /** How a host's mappings spread over the addresses: the NAT's pooling, paired when the file does not say. */
    public Pooling poolingKind() {
        return pooling == null ? Pooling.PAIRED : pooling.as("pooling", Pooling.class);
    }

    public SearchPolicy searchPolicy() {
        return search.as("search", SearchPolicy.class);
    }

    /**
     * The most simultaneous flows to one destination per address: the documented limit, or the
     * port range when there is none (AWS: 55,000; Azure NAT Gateway: 50,000).
     */
    public int perDestinationPerAddress() {
        int limit = (int) perDestinationLimit.value();
        return limit == 0 ? ports.size() : Math.min(limit, ports.size());
    }

    /**
     * The ports one of {@code hosts} hosts may hold at most, over all addresses; 0 for no per-host
     * limit. Static: {@code minPortsPerHost}; dynamic and port blocks: {@code maxPortsPerHost};
     * pre-allocated: the table's row for the pool size.
     *
     * @throws IllegalArgumentException if {@code hosts} is outside the pre-allocation table
     */
    public int portsPerHost(int hosts) {
        return switch (allocation()) {
            case SHARED -> 0;
            case STATIC -> (int) minPortsPerHost.value();
            case DYNAMIC, PORT_BLOCKS -> (int) maxPortsPerHost.value();
            case PREALLOCATED -> preallocation.portsPerInstance(hosts);
        };
    }

    /** This profile with {@code count} addresses (checked against {@code maxAddresses} by the constructor). */
    public GatewayProfile withAddresses(int count, String source) {
        return new GatewayProfile(id, summary, new Cited(count, source), maxAddresses, ports, mapping, perDestinationLimit,
                hostAllocation, minPortsPerHost, maxPortsPerHost, preallocation, search, searchAttempts, workers, blockSize,
                idleSeconds, finSeconds, rstSeconds, pooling);
    }

    /** This profile with {@code min} ports per host under static allocation. */
    public GatewayProfile withStaticPorts(int min, String source) {
        return new GatewayProfile(id, summary, addresses, maxAddresses, ports, mapping, perDestinationLimit,
                new CitedChoice("static", source), new Cited(min, source), new Cited(0, source), null, search,
                searchAttempts, workers, new Cited(0, source), idleSeconds, finSeconds, rstSeconds, pooling);
    }

    /** This profile with dynamic allocation from {@code min} up to {@code max} ports per host. */
    public GatewayProfile withDynamicPorts(int min, int max, String source) {
        return new GatewayProfile(id, summary, addresses, maxAddresses, ports, mapping, perDestinationLimit,
                new CitedChoice("dynamic", source), new Cited(min, source), new Cited(max, source), null, search,
                searchAttempts, workers, new Cited(0, source), idleSeconds, finSeconds, rstSeconds, pooling);
    }

    /**
     * This profile on the port range {@code low..high} with the given closing timers: a NAT set up
     * by hand (netfilter's {@code masquerade to :LOW-HIGH} and its namespace's conntrack timeouts).
     */
    public GatewayProfile withPortsAndTimers(int low, int high, double fin, double rst, String source) {
        PortRange range = new PortRange(low, high, source);
        Cited attempts = searchAttempts.value() <= range.size() ? searchAttempts
                : new Cited(range.size(), searchAttempts.source() + "; capped at the range's " + range.size() + " ports");
        return new GatewayProfile(id, summary, addresses, maxAddresses, range, mapping,
                perDestinationLimit, hostAllocation, minPortsPerHost, maxPortsPerHost, preallocation, search,
                attempts, workers, blockSize, idleSeconds, new Cited(fin, source), new Cited(rst, source), pooling);
    }
}
