package dev.portbench.calibration;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One {@code linux-masquerade} scenario: the kernel beside each model.
 *
 * @param scenario the scenario
 * @param kernel what the client saw
 * @param synRetransmissions the client namespace's {@code TcpExt.TCPSynRetrans}
 * @param models per NAT allocator ({@code NatCatalog} id), the simulator's predictions over
 *               {@link MasqueradeAnalysis#SEEDS} seeds of the allocator's random choices: each figure's
 *               smallest ({@code low}) and largest ({@code high})
 * @param misses per model, the figures outside the tolerances ({@link MasqueradeMetrics#misses}); empty: it matches
 */
@JsonPropertyOrder({"scenario", "kernel", "synRetransmissions", "models", "misses"})
public record MasqueradeComparison(MasqueradeScenario scenario, MasqueradeMetrics kernel, long synRetransmissions,
                                   Map<String, ModelRange> models, Map<String, List<String>> misses) {

    /** One model's figures over its seeds: the smallest and the largest of each. */
    @JsonPropertyOrder({"low", "high"})
    public record ModelRange(MasqueradeMetrics low, MasqueradeMetrics high) {
    }
}
