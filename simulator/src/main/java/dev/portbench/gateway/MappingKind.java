package dev.portbench.gateway;

/** Which flows share one external pair (RFC 4787 section 4.1), as a profile file names it. */
public enum MappingKind {
    /** One external pair per internal endpoint, for every destination (RFC 4787 REQ-1). */
    ENDPOINT_INDEPENDENT,
    /** One external pair per flow; a pair serves many destinations at once (per-destination limits). */
    ADDRESS_AND_PORT_DEPENDENT
}
