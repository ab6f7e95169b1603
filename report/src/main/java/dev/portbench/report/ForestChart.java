package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Forest plots of {@link WorkloadVerdicts}: one row per allocator, best at the top, its cost over
 * the best's as a marker with the 99% interval over forks as a bar on both sides, on a log scale
 * (base 2, ticks labelled as ratios) with a dashed line at 1. A row whose interval is drawn clear
 * of the line is told apart from the best; the allocator's letters stand beside its name. One
 * chart per workload, and the same panels stacked over a shared axis as small multiples. Each
 * allocator keeps its {@link AllocatorStyle} colour and marker. Cost: linear in the rows.
 */
final class ForestChart {

    private static final int ROW_HEIGHT = 22;
    private static final String AXIS = "cost / best (ratio of ns/event, log scale)";

    private ForestChart() {
    }

    /** The forest plot of one workload. */
    static String of(String id, String workload, WorkloadVerdicts verdicts) {
        NumberAxis x = ratioAxis(List.of(verdicts));
        XYPlot plot = panel(verdicts, x, "allocator (letters)");
        JFreeChart chart = new JFreeChart("Workload " + workload + ": cost relative to the best (99% interval over forks)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        return Charts.svg(id, chart, Charts.WIDTH, 130 + ROW_HEIGHT * verdicts.rows().size());
    }

    /** Every workload's forest, stacked over one shared ratio axis, in the map's order. */
    static String smallMultiples(String id, Map<String, WorkloadVerdicts> byWorkload) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(ratioAxis(byWorkload.values()));
        combined.setGap(14);
        int rows = 0;
        for (Map.Entry<String, WorkloadVerdicts> e : byWorkload.entrySet()) {
            int n = e.getValue().rows().size();
            combined.add(panel(e.getValue(), null, e.getKey()), Math.max(1, n));
            rows += n;
        }
        JFreeChart chart = new JFreeChart("Every workload: cost relative to its best (99% interval over forks)",
                JFreeChart.DEFAULT_TITLE_FONT, combined, false);
        return Charts.svg(id, chart, Charts.WIDTH, 110 + (ROW_HEIGHT - 4) * rows + 14 * byWorkload.size());
    }

    private static XYPlot panel(WorkloadVerdicts verdicts, NumberAxis x, String yLabel) {
        List<WorkloadVerdicts.Row> rows = verdicts.rows();
        int n = rows.size();
        String[] labels = new String[n];
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        for (int i = 0; i < n; i++) {
            WorkloadVerdicts.Row r = rows.get(i);
            double y = n - 1 - i;
            labels[n - 1 - i] = r.allocator() + " " + r.letters();
            double v = log2(r.ratio());
            boolean interval = r.toBest() != null && r.toBest().resolved();
            XYIntervalSeries s = new XYIntervalSeries(r.allocator(), false, true);
            s.add(v, interval ? log2(r.toBest().low()) : v, interval ? log2(r.toBest().high()) : v, y, y, y);
            data.addSeries(s);
        }
        SymbolAxis yAxis = new SymbolAxis(yLabel, labels);
        yAxis.setGridBandsVisible(false);
        yAxis.setRange(-0.7, n - 0.3);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(true);
        renderer.setDrawYError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        renderer.setCapLength(8);
        renderer.setErrorStroke(new BasicStroke(1.6f));
        XYPlot plot = new XYPlot(data, x, yAxis, renderer);
        ValueMarker one = new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        plot.addDomainMarker(one);
        return plot;
    }

    /**
     * A base-2 log axis: values are log2 of the ratio, ticks read as the ratio itself, at powers of
     * two when the widest interval spans more than 4x, else at quarter or half powers.
     */
    private static NumberAxis ratioAxis(Collection<WorkloadVerdicts> shown) {
        double span = 0;
        for (WorkloadVerdicts v : shown) {
            for (WorkloadVerdicts.Row r : v.rows()) {
                double high = r.toBest() != null && r.toBest().resolved() ? r.toBest().high() : r.ratio();
                span = Math.max(span, Math.abs(log2(high)));
            }
        }
        NumberAxis x = new NumberAxis(AXIS);
        x.setAutoRangeIncludesZero(false); // the best sits at 0, and margins then apply on both sides
        x.setTickUnit(new NumberTickUnit(span > 8 ? 2 : span > 2 ? 1 : span > 1 ? 0.5 : 0.25, new RatioFormat()));
        x.setLowerMargin(0.04);
        x.setUpperMargin(0.04);
        return x;
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** Labels a log2 value by the ratio it stands for: 1 -> "2.00x". */
    private static final class RatioFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(Format.ratio(StrictMath.pow(2, number)));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            throw new UnsupportedOperationException("ratio labels are not parsed");
        }
    }
}
