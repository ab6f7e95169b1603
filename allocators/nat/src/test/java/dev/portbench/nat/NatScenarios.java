package dev.portbench.nat;

import java.util.Random;

/** Small random configurations and flows for the randomized tests: few pairs, so every limit is met. */
final class NatScenarios {

    static final int FIRST_HOST = 0x0A00_0001;
    static final int FIRST_DESTINATION = 0xC633_6401;
    static final int[] RANGES = {8, 16, 40, 200};

    private NatScenarios() {
    }

    static NatConfig randomConfig(Random r) {
        int range = RANGES[r.nextInt(RANGES.length)];
        NatConfig.Builder b = NatConfig.builder()
                .addressRange(0xCB00_7101, 1 + r.nextInt(3))
                .portRange(1000, 1000 + range - 1)
                .behaviour(r.nextBoolean() ? MappingBehaviour.ENDPOINT_INDEPENDENT : MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT)
                .pairedPooling(r.nextBoolean())
                .maxMappings(10 + r.nextInt(70))
                .maxHosts(2 + r.nextInt(7))
                .workers(1 + r.nextInt(3))
                .searchTries(r.nextInt(3) == 0 ? 1 + r.nextInt(5) : 0)
                .seed(r.nextLong())
                // a budget above any live count: every call ends all that is due, as the model does
                .expiryBudget(NatConfig.MAX_CAPACITY)
                .timeoutNanos(TimerState.ESTABLISHED, 1 + r.nextInt(100))
                .timeoutNanos(TimerState.UDP, 1 + r.nextInt(60))
                .timeoutNanos(TimerState.TRANSITORY, 1 + r.nextInt(40))
                .timeoutNanos(TimerState.RST_COOLDOWN, 1 + r.nextInt(10));
        if (r.nextInt(10) < 3) {
            int block = r.nextBoolean() ? 4 : 8;
            int max = block * (1 + r.nextInt(3));
            b.portBlockSize(block).portsPerHost(r.nextBoolean() ? 0 : Math.min(max, 2 * block), max);
        } else if (r.nextBoolean()) {
            b.portsPerHost(0, 1 + r.nextInt(6));
        }
        if (r.nextInt(3) == 0) {
            b.maxFlowsPerDestination(2 + r.nextInt(4));
        }
        return b.build();
    }

    static int host(Random r) {
        return FIRST_HOST + r.nextInt(8);
    }

    static int hostPort(Random r) {
        return 1 + r.nextInt(5);
    }

    static int destination(Random r) {
        return FIRST_DESTINATION + r.nextInt(4);
    }

    static int destinationPort(Random r) {
        return r.nextBoolean() ? 80 : 443;
    }

    static int protocol(Random r) {
        return r.nextInt(3) == 0 ? NatPairs.UDP : NatPairs.TCP;
    }

    static long step(Random r) {
        int k = r.nextInt(100);
        if (k < 70) {
            return r.nextInt(4);
        }
        return k < 95 ? r.nextInt(50) : r.nextInt(1000);
    }
}
