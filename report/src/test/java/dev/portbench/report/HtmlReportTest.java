package dev.portbench.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HtmlReport}: the Markdown's sections and tables, charts inline, nothing fetched. */
class HtmlReportTest {

    private static final String SVG = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>\n";

    @Test
    void sectionsTablesAndChartsInlineWithNothingToFetch() {
        String md = "# Run x\n\n## Workload `w`\n\n| group | allocator | ns/event |\n|---|---|---:|\n| a | ring | 8.52 |\n"
                + "| b | heap | 77.8 |\n\n![w: cost & ratio](charts/forest-w.svg)\n";
        String html = HtmlReport.render("Run <x>", md, Map.of("forest-w.svg", SVG));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<title>Run &lt;x&gt;</title>"), html);
        assertTrue(html.contains("<h2>Workload <code>w</code></h2>"), html);
        assertTrue(html.contains("<th>allocator</th>") && html.contains("<td>ring</td>"), html);
        assertTrue(html.contains("<figure role=\"img\" aria-label=\"w: cost &amp; ratio\"><svg xmlns=\"http://www.w3.org/2000/svg\">"
                + "<rect/></svg></figure>"), html);
        assertFalse(html.contains("<?xml"), "the XML prologue is dropped inside HTML");
        assertFalse(html.contains("<img") || html.contains("<link") || html.contains(" src="), "nothing is fetched: " + html);
        assertTrue(html.contains("<script>") && html.contains("aria-sort"), "tables sort by a click on their header");
        assertEquals(html, HtmlReport.render("Run <x>", md, Map.of("forest-w.svg", SVG)), "same input, same bytes");
    }

    @Test
    void aLinkedChartThatWasNotRenderedIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HtmlReport.render("r", "![a](charts/missing.svg)\n", Map.of("other.svg", SVG)));
        assertTrue(e.getMessage().contains("missing.svg") && e.getMessage().contains("other.svg"), e.getMessage());
    }
}
