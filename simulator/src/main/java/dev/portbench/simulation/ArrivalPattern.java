package dev.portbench.simulation;

/** How a scenario's connect attempts arrive. */
public enum ArrivalPattern {
    /** Every {@code 1 / rate} seconds, from time 0. */
    FIXED_RATE,
    /** A Poisson process of the rate (exponential gaps), from the scenario's seed. */
    POISSON,
    /** At the instants given, in nanoseconds from 0 (a kernel's own attempt times, a user's trace). */
    EXPLICIT
}
