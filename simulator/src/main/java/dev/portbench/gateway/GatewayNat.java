package dev.portbench.gateway;

import dev.portbench.nat.MappingBehaviour;
import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatCatalog;
import dev.portbench.nat.NatConfig;
import dev.portbench.nat.NatPairs;
import dev.portbench.nat.TimerState;

import java.time.Duration;

/**
 * Builds the {@link NatAllocator} a {@link GatewayProfile} describes, for a fleet of a given
 * size: the search policy picks the {@link NatCatalog} entry (exhaustive: {@code exact};
 * netfilter runs: {@code netfilter}, or {@code netfilter-6.5} with 6.5+'s eviction; random retries: {@code cilium} with the profile's tries, or
 * {@code vpp} when the profile has worker slices), the rest goes into {@link NatConfig}. Per-host
 * quotas are port blocks in {@link NatConfig} (its only way to reserve ports for a host): static
 * allocation is one block of {@code minPortsPerHost}; pre-allocation one block of the table's
 * ports; dynamic allocation blocks of {@code minPortsPerHost} added as a host needs them up to
 * {@code maxPortsPerHost} (GCP doubles the allocation instead: the same ceiling, reached in more,
 * smaller steps).
 */
public final class GatewayNat {

    /** The first external address: 203.0.113.1 (TEST-NET-3, RFC 5737), then the next ones. */
    public static final int FIRST_EXTERNAL_ADDRESS = NatPairs.ipv4(203, 0, 113, 1);

    private GatewayNat() {
    }

    /** The catalog entry that implements {@code profile}'s search. */
    public static NatCatalog allocatorFor(GatewayProfile profile) {
        return switch (profile.searchPolicy()) {
            case EXHAUSTIVE -> NatCatalog.EXACT;
            case NETFILTER_RUNS -> NatCatalog.NETFILTER;
            case NETFILTER_RUNS_EVICTING -> NatCatalog.NETFILTER_EVICTING;
            case RANDOM_RETRIES -> profile.workers().value() > 1 || profile.id().startsWith("vpp") ? NatCatalog.VPP : NatCatalog.CILIUM;
        };
    }

    /**
     * The configuration for {@code hosts} internal hosts holding up to {@code liveMappings}
     * mappings at once (capped at {@link NatConfig#MAX_CAPACITY}).
     */
    public static NatConfig configFor(GatewayProfile profile, int hosts, long liveMappings, long seed) {
        NatConfig.Builder b = NatConfig.builder()
                .addressRange(FIRST_EXTERNAL_ADDRESS, profile.addressCount())
                .portRange(profile.ports().low(), profile.ports().high())
                .behaviour(profile.mappingKind() == MappingKind.ENDPOINT_INDEPENDENT
                        ? MappingBehaviour.ENDPOINT_INDEPENDENT : MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT)
                .timeout(TimerState.ESTABLISHED, seconds(profile.idleSeconds()))
                .timeout(TimerState.TRANSITORY, seconds(profile.finSeconds()))
                .timeout(TimerState.RST_COOLDOWN, seconds(profile.rstSeconds()))
                .pairedPooling(profile.poolingKind() == Pooling.PAIRED)
                .searchTries((int) profile.searchAttempts().value())
                .workers((int) profile.workers().value())
                .maxHosts(Math.max(1, hosts))
                .maxMappings((int) Math.max(1024, Math.min(NatConfig.MAX_CAPACITY, liveMappings)))
                .seed(seed);
        if (profile.perDestinationLimit().value() > 0) {
            b.maxFlowsPerDestination(profile.perDestinationPerAddress());
        }
        switch (profile.allocation()) {
            case SHARED -> { }
            case STATIC -> {
                int ports = (int) profile.minPortsPerHost().value();
                b.portBlockSize(ports).portsPerHost(ports, ports);
            }
            case DYNAMIC -> b.portBlockSize((int) profile.minPortsPerHost().value())
                    .portsPerHost((int) profile.minPortsPerHost().value(), (int) profile.maxPortsPerHost().value());
            case PREALLOCATED -> {
                int ports = profile.portsPerHost(hosts);
                b.portBlockSize(ports).portsPerHost(ports, ports);
            }
            case PORT_BLOCKS -> b.portBlockSize((int) profile.blockSize().value())
                    .portsPerHost(0, (int) profile.maxPortsPerHost().value());
            default -> throw new IllegalStateException(profile.allocation().toString());
        }
        return b.build();
    }

    private static Duration seconds(Cited c) {
        return Duration.ofNanos(Math.round(c.value() * 1e9));
    }
}
