package dev.portbench.gateway;

import java.util.List;
import java.util.Objects;

/**
 * A pre-allocation table: how many ports each backend gets by pool size, rows in increasing
 * {@code maxInstances}; a pool larger than the last row is refused, as the document refuses it.
 *
 * @param tiers the rows, at least one, pool sizes strictly increasing
 * @param source the document the table comes from
 */
public record Preallocation(List<PreallocationTier> tiers, String source) {

    public Preallocation {
        Objects.requireNonNull(source, "source");
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("preallocation.tiers: empty (expected: at least one row)");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).maxInstances() <= tiers.get(i - 1).maxInstances()) {
                throw new IllegalArgumentException("preallocation.tiers[" + i + "].maxInstances: " + tiers.get(i).maxInstances()
                        + " (expected: > " + tiers.get(i - 1).maxInstances() + ", rows in increasing pool size)");
            }
        }
    }

    /**
     * The ports each of {@code instances} backends gets.
     *
     * @throws IllegalArgumentException if {@code instances} is below 1 or above the last row
     */
    public int portsPerInstance(int instances) {
        for (PreallocationTier t : tiers) {
            if (instances >= 1 && instances <= t.maxInstances()) {
                return t.portsPerInstance();
            }
        }
        throw new IllegalArgumentException("instances: " + instances + " (expected: 1.."
                + tiers.get(tiers.size() - 1).maxInstances() + ", the pre-allocation table's rows)");
    }
}
