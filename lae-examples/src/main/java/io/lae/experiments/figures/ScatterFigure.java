package io.lae.experiments.figures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Labelled 2-D points, one {@link Palette} colour per class with a legend by class: e.g. MNIST
 * codes projected on two latent directions, coloured by digit.
 *
 * <pre>{@code
 * new ScatterFigure("Codes", "z₁", "z₂").points(z1, z2, digits).save(dir.resolve("codes.png"));
 * }</pre>
 *
 * <p>Points with a NaN or infinite coordinate are dropped. Points are drawn in the order given,
 * not class by class, so that no class hides the others; markers are slightly transparent.
 */
public final class ScatterFigure extends AxesFigure<ScatterFigure> {

    private static final double MARKER = 5;
    private static final int MARKER_ALPHA = 200;

    private double[] x;
    private double[] y;
    private int[] labels;
    private String[] classNames;

    /**
     * @param title  the title above the plot ("" for none)
     * @param xLabel the x axis title ("" for none)
     * @param yLabel the y axis title ("" for none)
     */
    public ScatterFigure(String title, String xLabel, String yLabel) {
        super(title, xLabel, yLabel);
    }

    @Override
    ScatterFigure self() {
        return this;
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
            throw new IllegalArgumentException("scatter '" + title + "': " + x.length + " x values, " + y.length
                    + " y values and " + labels.length + " labels; they must be as many");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("scatter '" + title + "' has no points");
        }
        IntStream.range(0, labels.length).filter(i -> labels[i] < 0).findFirst().ifPresent(i -> {
            throw new IllegalArgumentException("scatter '" + title + "': point " + i + " has the negative label "
                    + labels[i]);
        });
        if (IntStream.range(0, x.length).noneMatch(i -> Double.isFinite(x[i]) && Double.isFinite(y[i]))) {
            throw new IllegalArgumentException("scatter '" + title + "' has no finite point (all NaN or infinite)");
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
    public BufferedImage render() {
        if (x == null) {
            throw new IllegalStateException("scatter '" + title + "' has no points; set them with points(...)");
        }
        int[] drawn = IntStream.range(0, x.length).filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i]))
                .toArray();
        DoubleSummaryStatistics xs = IntStream.of(drawn).mapToDouble(i -> x[i]).summaryStatistics();
        DoubleSummaryStatistics ys = IntStream.of(drawn).mapToDouble(i -> y[i]).summaryStatistics();
        Legend key = legend ? new Legend(IntStream.of(drawn).map(i -> labels[i]).distinct().sorted()
                .mapToObj(k -> new Legend.Entry(className(k), Palette.color(k), LineFigure.Style.POINTS)).toList())
                : null;
        AxesPlot plot = new AxesPlot(title, xLabel, yLabel, width, height, Axis.fit(xs.getMin(), xs.getMax(), false),
                Axis.fit(ys.getMin(), ys.getMax(), false), key);
        Map<Integer, Color> colors = new HashMap<>();
        return plot.draw(g -> {
            for (int i : drawn) {
                g.setColor(colors.computeIfAbsent(labels[i], k -> {
                    Color c = Palette.color(k);
                    return new Color(c.getRed(), c.getGreen(), c.getBlue(), MARKER_ALPHA);
                }));
                Theme.dot(g, plot.screenX(x[i]), plot.screenY(y[i]), MARKER);
            }
        });
    }

    private String className(int label) {
        if (classNames == null) {
            return Integer.toString(label);
        }
        if (label >= classNames.length) {
            throw new IllegalArgumentException("scatter '" + title + "': label " + label + " has no class name ("
                    + classNames.length + " given)");
        }
        return classNames[label];
    }
}
