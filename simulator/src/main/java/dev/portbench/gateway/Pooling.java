package dev.portbench.gateway;

/** How a gateway spreads one internal host's mappings over its external addresses (RFC 4787 section 4.1). */
public enum Pooling {
    /** Every mapping of one internal host uses the same external address (RFC 4787 REQ-2, RFC 6888). */
    PAIRED,
    /** Any address with a free port: a host's mappings may use several addresses. */
    ARBITRARY
}
