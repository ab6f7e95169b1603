package dev.portbench.gateway;

import java.util.Collections;
import java.util.List;

/**
 * {@code --what-if}: one change to a profile or a scenario, re-simulated beside the original.
 * Written {@code addresses=N}, {@code min-ports=N} (static allocation), {@code dynamic=MIN:MAX}
 * (dynamic allocation), {@code keep-alive=K} (K requests per connection) or {@code spread=N}
 * (N destinations, evenly weighted).
 *
 * @param text the change as written
 * @param profile the changed profile
 * @param scenario the changed scenario
 */
public record WhatIf(String text, GatewayProfile profile, FleetScenario scenario) {

    private static final String SOURCE = "--what-if";

    /**
     * Applies {@code change} to {@code profile} and {@code scenario}.
     *
     * @throws IllegalArgumentException naming the change and what was allowed
     */
    public static WhatIf parse(String change, GatewayProfile profile, FleetScenario scenario) {
        String[] kv = change.split("=", 2);
        String value = kv.length == 2 ? kv[1] : "";
        try {
            return switch (kv[0]) {
                case "addresses" -> new WhatIf(change, profile.withAddresses(Integer.parseInt(value), SOURCE), scenario);
                case "min-ports" -> new WhatIf(change, profile.withStaticPorts(Integer.parseInt(value), SOURCE), scenario);
                case "dynamic" -> {
                    String[] mm = value.split(":");
                    if (mm.length != 2) {
                        throw new IllegalArgumentException("what-if: '" + change + "' (expected dynamic=MIN:MAX)");
                    }
                    yield new WhatIf(change, profile.withDynamicPorts(Integer.parseInt(mm[0]), Integer.parseInt(mm[1]), SOURCE),
                            scenario);
                }
                case "keep-alive" -> new WhatIf(change, profile, scenario.withRequestsPerConnection(
                        scenario.requestsPerConnection() * Integer.parseInt(value)));
                case "spread" -> new WhatIf(change, profile, scenario.withDestinationWeights(
                        Collections.nCopies(Integer.parseInt(value), 1.0)));
                default -> throw new IllegalArgumentException("what-if: '" + change
                        + "' (expected addresses=N, min-ports=N, dynamic=MIN:MAX, keep-alive=K or spread=N)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("what-if: '" + change + "' (expected a whole number after '=')", e);
        }
    }

    /** The changes {@code ./portbench gateway --what-if} accepts. */
    public static final List<String> FORMS = List.of("addresses=N", "min-ports=N", "dynamic=MIN:MAX", "keep-alive=K",
            "spread=N");
}
