package dev.portbench.report;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code REPORT.html}: the same report as {@code REPORT.md} in one self-contained page, for a
 * browser with no network. The Markdown is rendered by commonmark-java with its GFM tables
 * extension (https://github.com/commonmark/commonmark-java); every chart link
 * {@code ![alt](charts/NAME.svg)} is replaced by the SVG itself, inline; a few lines of inline
 * script make every table sortable by a click on its header (numbers by value, the rest as text;
 * a second click reverses). No external stylesheet, font, script or image. Same input, same
 * bytes. Cost: linear in the report's size. Stateless; thread-safe.
 */
final class HtmlReport {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Pattern CHART = Pattern.compile("<img src=\"charts/([^\"]+\\.svg)\" alt=\"([^\"]*)\" />");
    private static final Pattern PROLOGUE = Pattern.compile("\\A(<\\?xml[^>]*\\?>\\s*)?(<!DOCTYPE[^>]*>\\s*)?");

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:1100px;margin:1em auto;padding:0 1em;line-height:1.45;color:#111}
            table{border-collapse:collapse;margin:1em 0;font-size:0.9em}
            th,td{border:1px solid #ccc;padding:0.2em 0.5em}
            th{background:#f2f2f2;cursor:pointer;user-select:none}
            th[aria-sort=ascending]::after{content:" \\25B2"}
            th[aria-sort=descending]::after{content:" \\25BC"}
            tr:nth-child(even) td{background:#fafafa}
            figure{margin:1em 0;overflow-x:auto}
            figure svg{max-width:100%;height:auto}
            code,pre{background:#f4f4f4}
            pre{padding:0.5em;overflow-x:auto;white-space:pre-wrap}
            """;

    /** Sorts a table by the clicked column: numbers (first one in the cell, commas dropped) by value, else as text. */
    private static final String SCRIPT = """
            document.querySelectorAll('table').forEach(function (table) {
              var heads = table.querySelectorAll('thead th');
              heads.forEach(function (th, col) {
                th.addEventListener('click', function () {
                  var body = table.tBodies[0], asc = th.getAttribute('aria-sort') !== 'ascending';
                  heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
                  th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
                  var key = function (tr) {
                    var t = tr.cells[col] ? tr.cells[col].textContent.trim() : '';
                    var m = t.replace(/,/g, '').match(/^-?[0-9.]+(e-?[0-9]+)?/);
                    return m ? [0, parseFloat(m[0]), t] : [1, 0, t];
                  };
                  Array.from(body.rows).map(function (tr) { return [key(tr), tr]; }).sort(function (a, b) {
                    var x = a[0], y = b[0];
                    var c = x[0] - y[0] || (x[0] === 0 ? x[1] - y[1] : 0) || x[2].localeCompare(y[2]);
                    return asc ? c : -c;
                  }).forEach(function (p) { body.appendChild(p[1]); });
                });
              });
            });
            """;

    private HtmlReport() {
    }

    /**
     * The page for {@code markdown}, with {@code charts} (file name to SVG document) inline.
     *
     * @throws IllegalArgumentException if the markdown links a chart that is not in {@code charts}
     */
    static String render(String title, String markdown, Map<String, String> charts) {
        Parser parser = Parser.builder().extensions(EXTENSIONS).build();
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();
        String body = renderer.render(parser.parse(markdown));
        Matcher m = CHART.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String svg = charts.get(m.group(1));
            if (svg == null) {
                throw new IllegalArgumentException("chart " + m.group(1) + ": linked by the report but not rendered "
                        + "(expected one of " + charts.keySet() + ")");
            }
            String inline = "<figure role=\"img\" aria-label=\"" + m.group(2) + "\">"
                    + PROLOGUE.matcher(svg).replaceFirst("").strip() + "</figure>";
            m.appendReplacement(out, Matcher.quoteReplacement(inline));
        }
        m.appendTail(out);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + out + "<script>\n" + SCRIPT
                + "</script>\n</body>\n</html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
