package dev.portbench.gateway;

import dev.portbench.nat.NatCatalog;

import java.util.Collections;
import java.util.Locale;

/**
 * Not a test: the throughput target, run by hand under both locks
 * ({@code java -cp ... dev.portbench.gateway.GatewayThroughput [seconds] [addresses] [find]}): 1,000
 * clients at 10 requests/s each (10,000 connects/s) for one simulated hour on AWS NAT Gateway with 8
 * addresses (the default), 16 even destinations, 1 s holding times; prints connects per wall second, with
 * {@code find} the time of {@code --find max-clients}, and with {@code floor} the same run on {@link NoOpNat}
 * (the simulator's own cost: what is left once the allocator costs nothing).
 */
public final class GatewayThroughput {

    private GatewayThroughput() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3600;
        int addresses = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        GatewayProfile aws = GatewayProfiles.builtIn("aws-nat-gateway").withAddresses(addresses, "benchmark");
        FleetScenario s = FleetScenario.steady(1000, 10, seconds, Collections.nCopies(16, 1.0), 1);
        long start = System.nanoTime();
        GatewayResult r = new GatewaySimulator(aws, s).run();
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%d connects in %.2f s wall: %.2f M connects/s (failed %d, dropped %d, allocator %s)%n",
                r.connects(), wall, r.connects() / wall / 1e6, r.failedConnects(), r.droppedSyns(), r.allocator());
        if (args.length > 2 && args[2].equals("floor")) {
            start = System.nanoTime();
            GatewayResult f = new GatewaySimulator(aws, s, "no-op", NoOpNat::new, Long.MAX_VALUE).run();
            wall = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "floor (no-op NAT): %d connects in %.2f s wall: %.2f M connects/s%n", f.connects(),
                    wall, f.connects() / wall / 1e6);
        }
        if (args.length > 2 && args[2].equals("find")) {
            start = System.nanoTime();
            CapacitySearch.Answer a = new CapacitySearch(aws, s, NatCatalog.EXACT, 0).find(CapacitySearch.Target.MAX_CLIENTS);
            System.out.printf(Locale.ROOT, "find max-clients: %s (fails at %s, %s) in %d runs, %.1f s wall%n", a.load(),
                    a.failing(), a.bindingLimit(), a.runs(), (System.nanoTime() - start) / 1e9);
        }
    }
}
