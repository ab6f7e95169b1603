package dev.portbench.gateway;

/** How each client's connections arrive, as a fleet scenario names it. */
public enum FleetArrival {
    /** Evenly spaced over the fleet, the clients in turn. */
    FIXED,
    /** A Poisson process (exponential gaps), each arrival from a uniformly random client. */
    POISSON,
    /** Poisson at {@code burstFactor} times the rate for {@code burstSeconds} out of every {@code burstPeriodSeconds}. */
    BURSTS,
    /** Poisson at the rate times {@code 1 + dailyAmplitude * sin(2 pi t / dailyPeriodSeconds)}. */
    DAILY
}
