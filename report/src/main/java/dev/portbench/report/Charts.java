package dev.portbench.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.text.AttributedCharacterIterator;
import java.text.AttributedString;
import java.text.CharacterIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's SVG charts, drawn with JFreeChart onto JFreeSVG. Output is deterministic: a fixed
 * colour and marker per series ({@link AllocatorStyle}), fixed fonts and a fixed id prefix per chart, so the same data gives the same bytes on
 * the same machine.
 */
final class Charts {

    static final int WIDTH = 900;
    static final int HEIGHT = 460;

    static {
        System.setProperty("java.awt.headless", "true");
        // rotated labels (the y-axis title, slanted category names) as rotated text, not glyph outlines
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Charts() {
    }

    /** One series of a chart. */
    record Series(String name, double[] x, double[] y, double[] error) {
    }

    /**
     * Grouped bars: one group per category, one bar per series, with error bars when errors are
     * given. A logarithmic axis is used when {@code log} is set.
     */
    static String bars(String id, String title, String yLabel, List<String> categories, List<Series> series, boolean log) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        double min = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            for (int c = 0; c < categories.size(); c++) {
                double v = s.y()[c];
                double e = s.error() == null || Double.isNaN(s.error()[c]) ? 0 : s.error()[c];
                if (Double.isNaN(v)) {
                    continue;
                }
                data.add(v, e, s.name(), categories.get(c));
                if (v > 0) {
                    min = Math.min(min, v - e > 0 ? v - e : v);
                }
            }
        }
        CategoryAxis x = new CategoryAxis();
        if (categories.size() > 4) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        ValueAxis y;
        if (log) {
            LogAxis la = new PlainLogAxis(yLabel);
            decades(la);
            la.setSmallestValue(Double.isInfinite(min) ? 0.1 : min / 2);
            y = la;
        } else {
            y = new NumberAxis(yLabel);
        }
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.05);
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        if (log) {
            r.setBase(min / 2);
        }
        return svg(id, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /** Lines with markers through (x, y) points; log axes where asked. */
    static String lines(String id, String title, String xLabel, String yLabel, List<Series> series, boolean logX,
                        boolean logY) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isNaN(s.y()[i])) {
                    xy.add(s.x()[i], s.y()[i]);
                }
            }
            data.addSeries(xy);
        }
        ValueAxis x = logX ? decades(new PlainLogAxis(xLabel)) : new NumberAxis(xLabel);
        if (x instanceof NumberAxis n) {
            n.setAutoRangeIncludesZero(false);
        }
        ValueAxis y = logY ? decades(new PlainLogAxis(yLabel)) : new NumberAxis(yLabel);
        if (y instanceof NumberAxis n) {
            n.setAutoRangeIncludesZero(false);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, series.size() <= 12 && series.get(0).x().length < 40);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        return svg(id, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /**
     * Lines with markers through (x, y) points, each with its error bar drawn on both sides
     * ({@code y - error} to {@code y + error}), x linear and y on a log axis.
     */
    static String errorLines(String id, String title, String xLabel, String yLabel, List<Series> series) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Series s : series) {
            YIntervalSeries xy = new YIntervalSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                double y = s.y()[i];
                if (Double.isNaN(y)) {
                    continue;
                }
                double e = s.error() == null || Double.isNaN(s.error()[i]) ? 0 : s.error()[i];
                xy.add(s.x()[i], y, y - e > 0 ? y - e : y, y + e);
            }
            data.addSeries(xy);
        }
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDrawYError(true);
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setCapLength(6);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        x.setNumberFormatOverride(new java.text.DecimalFormat("#,##0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
        XYPlot plot = new XYPlot(data, x, decades(new PlainLogAxis(yLabel)), r);
        return svg(id, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /**
     * A log axis whose tick labels are plain strings: LogAxis labels its ticks with attributed
     * strings, which JFreeSVG draws as glyph outlines; plain ones become SVG text (searchable,
     * selectable, read by screen readers).
     */
    static final class PlainLogAxis extends LogAxis {
        private static final long serialVersionUID = 1L;

        PlainLogAxis(String label) {
            super(label);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            List<Tick> plain = new ArrayList<>();
            for (Object t : super.refreshTicks(g2, state, dataArea, edge)) {
                if (t instanceof LogTick lt) {
                    plain.add(new NumberTick(lt.getTickType(), lt.getValue(), text(lt.getAttributedLabel()),
                            lt.getTextAnchor(), lt.getRotationAnchor(), lt.getAngle()));
                } else {
                    plain.add((Tick) t);
                }
            }
            return plain;
        }

        private static String text(AttributedString label) {
            if (label == null) {
                return "";
            }
            StringBuilder b = new StringBuilder();
            AttributedCharacterIterator it = label.getIterator();
            for (char c = it.first(); c != CharacterIterator.DONE; c = it.next()) {
                b.append(c);
            }
            return b.toString();
        }
    }

    /** Ticks at 1, 10, 100, ... written as plain numbers. */
    private static LogAxis decades(LogAxis axis) {
        axis.setBase(10);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
        axis.setMinorTickMarksVisible(true);
        return axis;
    }

    private static String svg(String id, JFreeChart chart) {
        return svg(id, chart, WIDTH, HEIGHT);
    }

    /** Draws {@code chart} at the given size, each series in its {@link AllocatorStyle}. */
    static String svg(String id, JFreeChart chart, int width, int height) {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        theme.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        theme.apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(Color.LIGHT_GRAY);
            StatisticalBarRenderer r = (StatisticalBarRenderer) cp.getRenderer();
            for (int i = 0; i < cp.getDataset().getRowCount(); i++) {
                r.setSeriesPaint(i, AllocatorStyle.colour(String.valueOf(cp.getDataset().getRowKey(i)), i));
            }
        } else if (chart.getPlot() instanceof CombinedDomainXYPlot combined) {
            for (XYPlot sub : combined.getSubplots()) {
                style(sub);
            }
        } else if (chart.getPlot() instanceof XYPlot xp) {
            style(xp);
        }
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(id);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGDocument() + "\n";
    }

    private static void style(XYPlot xp) {
        xp.setBackgroundPaint(Color.WHITE);
        xp.setRangeGridlinePaint(Color.LIGHT_GRAY);
        xp.setDomainGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < xp.getDataset().getSeriesCount(); i++) {
            String key = String.valueOf(xp.getDataset().getSeriesKey(i));
            xp.getRenderer().setSeriesPaint(i, AllocatorStyle.colour(key, i));
            xp.getRenderer().setSeriesShape(i, AllocatorStyle.marker(key, i));
        }
    }
}
