package dev.portbench.gateway;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * What {@link GatewaySimulator} saw: the whole answer of {@code ./portbench gateway}, written as
 * JSON by {@code --json}. Times are seconds from the start of the scenario; -1 for "never".
 *
 * @param profile the profile's id
 * @param allocator the NAT allocator that ran it ({@code NatCatalog} id)
 * @param scenario the scenario
 * @param connects connect() calls made
 * @param established connects that got a mapping (possibly after retransmissions)
 * @param failedConnects connects that failed after every retransmission (ETIMEDOUT)
 * @param droppedSyns SYNs the gateway dropped (first SYNs and retransmissions)
 * @param firstDropSeconds when the first SYN was dropped
 * @param firstFailureSeconds when the first connect failed (its last timeout ending)
 * @param failedFraction failed connects over connects
 * @param bindingLimit the limit behind most failed connects (or dropped SYNs, if none failed); "none"
 * @param failuresByLimit failed connects by the limit their last SYN met ({@code NatFailure} names)
 * @param dropsByLimit dropped SYNs by limit
 * @param latency the connect latency the retransmissions added
 * @param clientsWithFailures clients with at least one failed connect
 * @param worstClients up to 10 clients with the highest failed fraction (then lowest index)
 * @param minClientHeadroom the smallest headroom of any client
 * @param destinations every destination
 * @param series the time series, one row per window
 * @param aborted whether the run stopped early because failures passed the caller's bound
 */
@JsonPropertyOrder({"profile", "allocator", "scenario", "connects", "established", "failedConnects", "droppedSyns",
        "firstDropSeconds", "firstFailureSeconds", "failedFraction", "bindingLimit", "failuresByLimit", "dropsByLimit",
        "latency", "clientsWithFailures", "worstClients", "minClientHeadroom", "destinations", "series", "aborted"})
public record GatewayResult(String profile, String allocator, FleetScenario scenario, long connects, long established,
                            long failedConnects, long droppedSyns, double firstDropSeconds, double firstFailureSeconds,
                            double failedFraction, String bindingLimit, Map<String, Long> failuresByLimit,
                            Map<String, Long> dropsByLimit, AddedLatency latency, long clientsWithFailures,
                            List<ClientRow> worstClients, double minClientHeadroom, List<DestinationRow> destinations,
                            List<WindowRow> series, boolean aborted) {

    /**
     * Added connect latency: a connect established after {@code k} retransmissions waited the
     * sum of the first {@code k} timeouts; the percentiles are over every established connect.
     */
    @JsonPropertyOrder({"delayedConnects", "p50Seconds", "p99Seconds", "p999Seconds", "maxSeconds"})
    public record AddedLatency(long delayedConnects, double p50Seconds, double p99Seconds, double p999Seconds,
                               double maxSeconds) {
    }

    /**
     * One client.
     *
     * @param headroom 1 - (most flows it held at once) / (its port limit, or every pair when none)
     */
    @JsonPropertyOrder({"client", "connects", "failed", "failedFraction", "maxLive", "headroom"})
    public record ClientRow(int client, long connects, long failed, double failedFraction, int maxLive, double headroom) {
    }

    /**
     * One destination.
     *
     * @param limit the most flows the gateway allows to it at once (per-destination limit x addresses)
     * @param headroom 1 - maxLive / limit, at the worst moment
     */
    @JsonPropertyOrder({"destination", "weight", "connects", "failed", "failedFraction", "maxLive", "limit", "headroom"})
    public record DestinationRow(int destination, double weight, long connects, long failed, double failedFraction,
                                 int maxLive, long limit, double headroom) {
    }

    /** One window: its end, what happened in it, and the gateway's mappings per state at its end. */
    @JsonPropertyOrder({"endSeconds", "connects", "droppedSyns", "failedConnects", "established", "transitory",
            "rstCooldown"})
    public record WindowRow(double endSeconds, long connects, long droppedSyns, long failedConnects, int established,
                            int transitory, int rstCooldown) {
    }
}
