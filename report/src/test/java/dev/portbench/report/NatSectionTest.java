package dev.portbench.report;

import dev.portbench.nat.NatCatalog;
import dev.portbench.natstudy.FalseExhaustionStudy;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NatSectionTest {

    private static String curves(Map<String, String> charts) {
        StringBuilder md = new StringBuilder();
        NatSection.appendCurves(md, charts, new FalseExhaustionStudy(1024, 400, 400, 5), List.of(0.8, 0.99));
        return md.toString();
    }

    @Test
    void theCurvesAreReproducibleChartedAndTabledForEveryPolicy() {
        Map<String, String> charts = new TreeMap<>();
        String md = curves(charts);
        Map<String, String> again = new TreeMap<>();
        assertEquals(md, curves(again));
        assertEquals(charts, again);
        assertEquals(List.of("nat-false-exhaustion-own-fill.svg", "nat-false-exhaustion-uniform.svg"), List.copyOf(charts.keySet()));
        for (String svg : charts.values()) {
            assertTrue(svg.contains("<svg"), "an SVG document");
            assertTrue(svg.contains("share of the pairs in use"), "x axis labelled");
            assertTrue(svg.contains("f^32 (cilium)") && svg.contains("f^10 (vpp)") && svg.contains("f^248 (netfilter, netfilter-6.5)"),
                    "theory beside the measured curves");
        }
        for (NatCatalog p : NatCatalog.values()) {
            assertTrue(md.contains("| " + p.id() + " | "), p.id());
        }
        assertTrue(md.contains("| exact | exhaustive | 0.99 | 0 |"), md);
        assertTrue(md.contains("never refused a mapping while a pair was free"), md);
        assertTrue(md.contains("](charts/nat-false-exhaustion-uniform.svg)"), md);
    }

    private static JmhResult result(String benchmark, String nat, String addresses, double... forkMeans) {
        Map<String, String> params = new LinkedHashMap<>();
        if (nat != null) {
            params.put("nat", nat);
        }
        params.put("addresses", addresses);
        params.put("fill", "0.99");
        double[][] raw = new double[forkMeans.length][];
        double sum = 0;
        for (int f = 0; f < forkMeans.length; f++) {
            raw[f] = new double[] {forkMeans[f] * 0.99, forkMeans[f] * 1.01};
            sum += forkMeans[f];
        }
        double mean = sum / forkMeans.length;
        return new JmhResult(benchmark, "avgt", params, mean, mean, mean, "ns/op", Map.of(), 0, new JmhRawData(raw, null));
    }

    @Test
    void theCostTableDividesEachAllocatorByTheFloorOfItsSizeWithAnInterval() {
        StringBuilder md = new StringBuilder();
        NatSection.appendCosts(md, List.of(result(NatSection.CHURN, "EXACT", "1", 500, 520, 510),
                        result(NatSection.CHURN, "CILIUM", "16", 900, 950, 920)),
                List.of(result(NatSection.FLOOR, null, "1", 50, 52, 51), result(NatSection.FLOOR, null, "16", 200, 210, 205)));
        String s = md.toString();
        assertTrue(s.contains("| 64,512 | 0.99 | exact | 510 |"), s);
        assertTrue(s.contains("| 1,032,192 | 0.99 | cilium | 923 |"), s);
        assertTrue(s.matches("(?s).*\\| 64,512 \\| 0\\.99 \\| exact \\| 510 \\| [0-9.]+ \\| 10(\\.00)?x \\| [0-9.x]+ - [0-9.x]+ \\| 0 \\|.*"), s);
        assertTrue(s.contains("| 1,032,192 | 0.99 | *NAT floor (lower bound)* | 205 |"), s);
        assertTrue(s.indexOf("64,512") < s.indexOf("1,032,192"), "sizes in order");
    }

    @Test
    void aRunWithoutNatResultsSaysHowToMeasureThem() {
        StringBuilder md = new StringBuilder();
        NatSection.appendCosts(md, List.of(), List.of());
        assertTrue(md.toString().contains("did not measure the NAT allocators"), md.toString());
    }
}
