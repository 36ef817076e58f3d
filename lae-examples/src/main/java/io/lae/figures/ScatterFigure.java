package io.lae.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Labelled 2-D points, one {@link Palette} colour per class with a legend by class: e.g. MNIST
 * codes projected on two latent directions, coloured by digit.
 *
 * <pre>{@code
 * ScatterFigure codes = new ScatterFigure("Codes", "z₁", "z₂").points(z1, z2, digits);
 * FigureOutput.DEFAULT.write(codes, dir.resolve("codes"));
 * }</pre>
 *
 * <p>Points with a NaN or infinite coordinate are dropped. XChart draws them class by class, so markers
 * are slightly transparent, that no class hides the others entirely.
 */
public final class ScatterFigure extends ChartFigure<ScatterFigure> {

    private static final int MARKER = 5;
    private static final int MARKER_ALPHA = 200;

    private final ChartFrame frame;
    private double[] x;
    private double[] y;
    private int[] labels;
    private String[] classNames;

    /**
     * @param title  the title above the plot ("" for none)
     * @param xLabel the x axis title: quantity, and unit or scale
     * @param yLabel the y axis title: quantity, and unit or scale
     */
    public ScatterFigure(String title, String xLabel, String yLabel) {
        frame = new ChartFrame(title, xLabel, yLabel);
    }

    /**
     * Sets the points to draw (replacing any set before); the arrays are copied.
     *
     * @param x      x coordinates
     * @param y      y coordinates, as many as x
     * @param labels the class of each point, 0 or more, as many as x; class k is drawn in
     *               {@link Palette#color(int) Palette.color(k)}
     * @return this figure
     * @throws IllegalArgumentException if the lengths differ, there are no points, no point is
     *                                  finite, or a label is negative
     */
    public ScatterFigure points(double[] x, double[] y, int[] labels) {
        if (x.length != y.length || x.length != labels.length) {
            throw new IllegalArgumentException("scatter '" + frame.title() + "': " + x.length + " x values, " + y.length
                    + " y values and " + labels.length + " labels; they must be as many");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("scatter '" + frame.title() + "' has no points");
        }
        IntStream.range(0, labels.length).filter(i -> labels[i] < 0).findFirst().ifPresent(i -> {
            throw new IllegalArgumentException("scatter '" + frame.title() + "': point " + i + " has the negative label "
                    + labels[i]);
        });
        if (IntStream.range(0, x.length).noneMatch(i -> Double.isFinite(x[i]) && Double.isFinite(y[i]))) {
            throw new IllegalArgumentException("scatter '" + frame.title() + "' has no finite point (all NaN or infinite)");
        }
        this.x = x.clone();
        this.y = y.clone();
        this.labels = labels.clone();
        return this;
    }

    /**
     * @param names the legend entries of class 0, 1, …; without them a class is named by its label
     * @return this figure
     */
    public ScatterFigure classNames(String... names) {
        classNames = names.clone();
        return this;
    }

    /**
     * @throws IllegalStateException    if no points were set
     * @throws IllegalArgumentException if a label has no class name
     */
    @Override
    public void paint(Graphics2D g) {
        if (x == null) {
            throw new IllegalStateException("scatter '" + frame.title() + "' has no points; set them with points(...)");
        }
        int[] classes = IntStream.range(0, x.length).filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i]))
                .map(i -> labels[i]).distinct().sorted().toArray();
        XYChart chart = ChartFrame.chart();
        chart.getStyler().setMarkerSize(MARKER);
        int[] drawn = IntStream.range(0, x.length).filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i]))
                .toArray();
        DoubleSummaryStatistics xs = IntStream.of(drawn).mapToDouble(i -> x[i]).summaryStatistics();
        DoubleSummaryStatistics ys = IntStream.of(drawn).mapToDouble(i -> y[i]).summaryStatistics();
        ChartFrame.roundTicks(chart, new double[] {xs.getMin(), xs.getMax()}, new double[] {ys.getMin(), ys.getMax()});
        chart.getStyler().setXAxisDecimalPattern(ChartFrame.linearPattern(xs.getMin(), xs.getMax()))
                .setYAxisDecimalPattern(ChartFrame.linearPattern(ys.getMin(), ys.getMax()));
        for (int k : classes) {
            int[] members = IntStream.range(0, x.length).filter(i -> labels[i] == k)
                    .filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i])).toArray();
            XYSeries s = chart.addSeries(className(k), IntStream.of(members).mapToDouble(i -> x[i]).toArray(),
                    IntStream.of(members).mapToDouble(i -> y[i]).toArray());
            Color c = Palette.color(k);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), MARKER_ALPHA));
        }
        Legend key = new Legend(legendShown() ? IntStream.of(classes)
                .mapToObj(k -> new Legend.Entry(className(k), Palette.color(k), LineFigure.Style.POINTS)).toList()
                : List.of());
        frame.paint(g, width(), height(), chart, key, false, false, over -> { });
    }

    private String className(int label) {
        if (classNames == null) {
            return Integer.toString(label);
        }
        if (label >= classNames.length) {
            throw new IllegalArgumentException("scatter '" + frame.title() + "': label " + label + " has no class name ("
                    + classNames.length + " given)");
        }
        return classNames[label];
    }
}
