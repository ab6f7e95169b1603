package dev.portbench.gateway;

/** How a gateway shares its ports among internal hosts, as a profile file names it. */
public enum HostAllocation {
    /** Any host may take any free port (AWS, Azure NAT Gateway, netfilter, Cilium, VPP). */
    SHARED,
    /** Each host gets {@code minPortsPerHost} ports, no more (GCP Cloud NAT static allocation). */
    STATIC,
    /** Each host starts at {@code minPortsPerHost} and doubles up to {@code maxPortsPerHost} (GCP dynamic). */
    DYNAMIC,
    /** Each host gets the pre-allocation table's ports for the pool size (Azure LB outbound rules). */
    PREALLOCATED,
    /** Each host gets blocks of {@code blockSize} ports, up to {@code maxPortsPerHost} (RFC 7422 PBA). */
    PORT_BLOCKS
}
