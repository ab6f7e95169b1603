package dev.portbench.nat;

/** Which flows share one external (address, port) pair (RFC 4787 section 4.1). */
public enum MappingBehaviour {

    /**
     * Endpoint-independent mapping (RFC 4787 REQ-1, RFC 5382 REQ-1): one external pair per
     * internal endpoint (address, port, protocol), the same for every destination. A pair then
     * belongs to one endpoint only.
     */
    ENDPOINT_INDEPENDENT,

    /**
     * Address-and-port-dependent mapping: one external pair per flow; a pair may carry flows of
     * different internal endpoints as long as their destinations (address, port, protocol)
     * differ, as Linux's 4-tuple sharing and the cloud gateways' per-destination limits do.
     */
    ADDRESS_AND_PORT_DEPENDENT
}
