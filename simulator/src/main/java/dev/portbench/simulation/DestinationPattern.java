package dev.portbench.simulation;

/** Which destination each connect attempt of a scenario goes to. */
public enum DestinationPattern {
    /** Attempt i goes to destination i mod N. */
    ROUND_ROBIN,
    /** Destination k (0-based) with probability proportional to 1 / (k + 1)^s, from the scenario's seed. */
    ZIPF,
    /** Attempt i goes to the i-th index given (cycling if fewer indices than attempts). */
    EXPLICIT
}
