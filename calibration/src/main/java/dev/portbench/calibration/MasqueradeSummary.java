package dev.portbench.calibration;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * The {@code linux-masquerade} check's summary ({@code gateway-summary.json}).
 *
 * @param profile the gateway profile checked
 * @param profileAllocator the NAT allocator the profile names
 * @param kernel the kernel release
 * @param scenarios every scenario's comparison
 * @param matched per model, the scenarios it matches in every figure
 */
@JsonPropertyOrder({"profile", "profileAllocator", "kernel", "scenarios", "matched"})
public record MasqueradeSummary(String profile, String profileAllocator, String kernel,
                                List<MasqueradeComparison> scenarios, Map<String, Long> matched) {
}
