package dev.portbench.report;

import dev.portbench.gateway.GatewayProfiles;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewaySectionTest {

    @Test
    void theSectionIsReproducibleAndAnswersEveryProfile() {
        StringBuilder md = new StringBuilder();
        Map<String, String> charts = new TreeMap<>();
        GatewaySection.append(md, charts);
        // what every report of this JVM appends (computed once) is what a fresh computation gives
        StringBuilder again = new StringBuilder();
        Map<String, String> chartsAgain = new TreeMap<>();
        GatewaySection.compute(again, chartsAgain);
        assertEquals(md.toString(), again.toString());
        assertEquals(charts, chartsAgain);
        assertTrue(charts.get("gateway-states.svg").startsWith("<svg") || charts.get("gateway-states.svg").contains("<svg"));
        for (String id : GatewayProfiles.IDS) {
            assertTrue(md.toString().contains("| " + id + " |"), id);
        }
        // AWS: N connects/s to one destination, each holding a pair 10 s + 240 s (FIN and RST alike): 250 N <= 55,000
        // gives N <= 220 without a dropped SYN; a dropped SYN fails only if no pair frees in its 127 s of retransmissions
        Matcher m = Pattern.compile("\\| aws-nat-gateway \\| exact \\| ([0-9,]+) \\| [0-9,]+ \\| (\\w+) \\|").matcher(md);
        assertTrue(m.find(), md.toString());
        int clients = Integer.parseInt(m.group(1).replace(",", ""));
        assertTrue(clients >= 200 && clients <= 300, "aws max clients " + clients);
        assertEquals("PER_DESTINATION_LIMIT", m.group(2));
    }
}
