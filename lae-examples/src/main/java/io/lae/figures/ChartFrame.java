package io.lae.figures;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What lae draws around an XChart {@link XYChart}: the title (wrapped), the axis titles and the
 * legend, as text, so that they stay searchable text in an SVG (XChart draws its own text as
 * glyph outlines). XChart draws the plot: axes, ticks and tick labels, grid and series.
 */
final class ChartFrame {

    /** Space between an axis title and the chart's tick labels, in points. */
    private static final int TITLE_GAP = 4;

    private final String title;
    private final String xLabel;
    private final String yLabel;

    /**
     * @param title  the title above the plot ("" for none)
     * @param xLabel the x axis title: quantity and unit; " (log scale)" is added on a logarithmic axis
     * @param yLabel the y axis title: quantity and unit; " (log scale)" is added on a logarithmic axis
     * @throws IllegalArgumentException if an axis title is blank: a reader must know what is plotted
     */
    ChartFrame(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title, "title");
        if (xLabel == null || xLabel.isBlank() || yLabel == null || yLabel.isBlank()) {
            throw new IllegalArgumentException("figure '" + title + "' needs a title on both axes (x: '" + xLabel
                    + "', y: '" + yLabel + "')");
        }
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** @return the figure's title */
    String title() {
        return title;
    }

    /** @return an empty chart in every figure's style, without a title, axis titles or legend of its own */
    static XYChart chart() {
        XYChart chart = new XYChartBuilder().width(400).height(300).build();
        XYStyler s = chart.getStyler();
        s.setChartTitleVisible(false);
        s.setLegendVisible(false);
        s.setXAxisTitleVisible(false);
        s.setYAxisTitleVisible(false);
        s.setChartBackgroundColor(Theme.BACKGROUND);
        s.setPlotBackgroundColor(Theme.BACKGROUND);
        s.setPlotBorderColor(Theme.FRAME);
        s.setPlotGridLinesColor(Theme.GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setAxisTickLabelsFont(Theme.TICK);
        s.setAxisTickLabelsColor(Theme.TEXT);
        s.setAxisTickMarksColor(Theme.FRAME);
        s.setAxisTicksLineVisible(false);
        s.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        s.setChartPadding(6);
        s.setToolTipsEnabled(false);
        s.setCursorEnabled(false);
        s.setZoomEnabled(false);
        s.setLocale(Locale.ROOT);
        return chart;
    }

    /**
     * Adds to {@code chart} a series that draws nothing, at a point inside the data's range. XChart
     * puts the ticks of an axis whose values (ends included) are evenly spaced at data points,
     * every so many: ticks such as 0, 60, 120 for steps logged every 10, or only 0 and 1.05 on a
     * fixed 0..1.05 axis over a flat line. The point, at 1/π of the way along each axis, breaks
     * the even spacing, and XChart chooses round ticks (0, 100, 200; 0, 0.2, 0.4 …).
     *
     * @param chart the chart
     * @param x     the range of the x axis (drawn values or fixed limits), min ≤ max
     * @param y     the range of the y axis
     */
    static void roundTicks(XYChart chart, double[] x, double[] y) {
        XYSeries hidden = chart.addSeries(" ", new double[] {x[0] + (x[1] - x[0]) / Math.PI},
                new double[] {y[0] + (y[1] - y[0]) / Math.PI});
        hidden.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        hidden.setMarker(SeriesMarkers.NONE);
    }

    /**
     * @param min the low end of a linear axis
     * @param max its high end, above {@code min}
     * @return the pattern of its tick labels: plain numbers with a leading zero (0.05, not .05),
     *         digits grouped by thousands, as many decimals as steps of a tenth of the range need;
     *         for values beyond 10⁶ or ranges below 10⁻⁴, all in one exponent notation (1.5E-5)
     */
    static String linearPattern(double min, double max) {
        double range = max - min;
        double largest = Math.max(Math.abs(min), Math.abs(max));
        if (largest >= 1e6 || !(range >= 1e-4)) {
            return "0.##E0";
        }
        int decimals = Math.max(0, Math.min(6, (int) Math.ceil(-Math.log10(range)) + 2));
        return "#,##0" + (decimals == 0 ? "" : "." + "#".repeat(decimals));
    }

    /**
     * @param exponent a tick on an axis of base-10 logarithms
     * @return its value in one notation, scientific: 10ⁿ at a whole n, else m×10ⁿ with two
     *         significant digits (3.2×10⁻² at −1.5). Every tick has a label of its own: XChart
     *         drops all ticks of an axis whose ends format alike, and spaces ticks until no two
     *         labels are the same
     */
    static String powerOfTenLabel(double exponent) {
        int power = (int) Math.floor(exponent + 1e-9);
        BigDecimal mantissa = BigDecimal.valueOf(Math.pow(10, exponent - power)).round(new MathContext(2));
        if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
            power++;
            mantissa = BigDecimal.ONE;
        }
        return mantissa.compareTo(BigDecimal.ONE) == 0 ? Theme.powerOfTen(power)
                : mantissa.stripTrailingZeros().toPlainString() + "×" + Theme.powerOfTen(power);
    }

    /**
     * Paints the frame and the chart in (0, 0, width, height).
     *
     * @param chart  the chart, from {@link #chart(boolean, boolean)}, with its series
     * @param legend the legend, beside the plot at its right (empty for none)
     * @param logX   whether the x axis carries logarithms (its title then says "log scale")
     * @param logY   whether the y axis carries logarithms
     * @param over   draws over the chart, in the chart's coordinates (those of
     *               {@link XYChart#getScreenXFromChart(double)}), e.g. labels at data points
     * @return the plot area where the chart mapped its data, in the figure's coordinates
     */
    Rectangle2D paint(Graphics2D canvas, int width, int height, XYChart chart, Legend legend, boolean logX,
                      boolean logY, Consumer<Graphics2D> over) {
        Graphics2D g = Theme.graphics(canvas);
        List<String> titleLines = Theme.wrap(Theme.TITLE, title, width - 2 * Theme.PAD);
        int labelHeight = Theme.height(Theme.LABEL);
        int top = Theme.PAD / 2 + (titleLines.isEmpty() ? 0 : titleLines.size() * Theme.height(Theme.TITLE)
                + Theme.PAD / 2);
        int left = Theme.PAD / 2 + labelHeight + TITLE_GAP;
        int bottom = Theme.PAD / 2 + labelHeight + TITLE_GAP;
        int right = legend.isEmpty() ? Theme.PAD / 2 : legend.width() + Theme.PAD;
        int chartWidth = width - left - right;
        int chartHeight = height - top - bottom;
        if (chartWidth < 120 || chartHeight < 100) {
            throw new IllegalArgumentException("figure '" + title + "' is too small (" + width + " × " + height
                    + ") for its plot" + (legend.isEmpty() ? "" : " and legend"));
        }
        PlotArea probe = new PlotArea();
        chart.addAnnotation(probe);
        Graphics2D inside = (Graphics2D) g.create();
        inside.translate(left, top);
        inside.clipRect(0, 0, chartWidth, chartHeight);
        chart.paint(inside, chartWidth, chartHeight);
        over.accept(inside);
        inside.dispose();
        Rectangle2D plot = probe.bounds(left, top);
        for (int i = 0; i < titleLines.size(); i++) {
            double half = Theme.width(Theme.TITLE, titleLines.get(i)) / 2.0;
            double x = Math.max(Theme.PAD + half, Math.min(width - Theme.PAD - half, plot.getCenterX()));
            Theme.text(g, Theme.TITLE, titleLines.get(i), x, Theme.PAD / 2.0 + (i + 0.5) * Theme.height(Theme.TITLE),
                    0.5);
        }
        Theme.text(g, Theme.LABEL, xLabel + scale(logX), plot.getCenterX(),
                height - Theme.PAD / 2.0 - labelHeight / 2.0, 0.5);
        Theme.verticalText(g, Theme.LABEL, yLabel + scale(logY),
                Theme.PAD / 2.0 + labelHeight / 2.0, plot.getCenterY());
        if (!legend.isEmpty()) {
            legend.draw(g, width - legend.width() - Theme.PAD / 2.0, plot.getCenterY() - legend.height() / 2.0);
        }
        g.dispose();
        return plot;
    }

    /** @return what an axis title says of its axis's scale: " (log scale)" on a logarithmic axis, else nothing */
    private static String scale(boolean log) {
        return log ? " (log scale)" : "";
    }

    /** Paints nothing: reads, as the chart paints its annotations, where its plot area lies. */
    private static final class PlotArea extends Annotation {

        private Rectangle2D plot;

        PlotArea() {
            super(true);
        }

        @Override
        public void paint(Graphics2D g) {
            plot = new Rectangle2D.Double(getXAxisScreenValueForMin(), getYAxisScreenValueForMin(),
                    getXAxisScreenValueForMax() - getXAxisScreenValueForMin(),
                    getYAxisScreenValueForMax() - getYAxisScreenValueForMin());
        }

        /** @return the plot area, moved by (dx, dy) */
        Rectangle2D bounds(double dx, double dy) {
            return new Rectangle2D.Double(plot.getX() + dx, plot.getY() + dy, plot.getWidth(), plot.getHeight());
        }
    }
}
