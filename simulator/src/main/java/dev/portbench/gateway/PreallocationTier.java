package dev.portbench.gateway;

/**
 * One row of a pre-allocation table: pools of up to {@code maxInstances} backends get
 * {@code portsPerInstance} ports each (Azure Load Balancer outbound rules).
 *
 * @param maxInstances the largest pool size this row covers
 * @param portsPerInstance the ports every backend of such a pool gets
 */
public record PreallocationTier(int maxInstances, int portsPerInstance) {

    public PreallocationTier {
        if (maxInstances < 1 || portsPerInstance < 1) {
            throw new IllegalArgumentException("tier: up to " + maxInstances + " instances, " + portsPerInstance
                    + " ports (expected: both >= 1)");
        }
    }
}
