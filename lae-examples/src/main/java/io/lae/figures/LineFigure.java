package io.lae.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Curves and points against x, drawn by XChart: training curves (log y), theory curves with
 * measured points over them (Kunin Fig. 5), dashed against solid (Bao Fig. 2), and with
 * {@link #square()} the images of the unit circle under 2×2 matrices (Kunin Fig. 6).
 *
 * <pre>{@code
 * LineFigure loss = new LineFigure("Loss", "step", "loss / L*").logY()
 *         .add("Adam", steps, adam, LineFigure.Style.DASHED)
 *         .add("Nesterov", steps, nesterov, LineFigure.Style.SOLID)
 *         .horizontalLine(1.3, "threshold");
 * FigureOutput.DEFAULT.write(loss, dir.resolve("loss"));
 * }</pre>
 *
 * <p>NaN and infinite points are dropped, and so are points ≤ 0 on a logarithmic axis; the
 * remaining points of a series are joined. A series left with no point is left out. No two
 * series may be drawn alike (same colour and style), and a legend lists at most
 * {@value Legend#MAX_ENTRIES} entries: past that, leave series out of it ({@link #unlisted(String...)})
 * and say in the title what a colour or a dash means, or label lines directly ({@link #label}).
 */
public final class LineFigure extends ChartFigure<LineFigure> {

    /** How a series is drawn. */
    public enum Style {
        /** A solid line through the points. */
        SOLID,
        /** A dashed line through the points: reference or theory curves. */
        DASHED,
        /** A marker at each point and no line: measurements. */
        POINTS;

        /** @return the stroke of a line in this style */
        BasicStroke stroke() {
            return this == DASHED
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f)
                    : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
    }

    private static final int MARKER = 8;
    /** Half the width of a cross, in points. */
    private static final double CROSS = 7;
    /**
     * XChart strokes a line segment by segment, which restarts a dash pattern at every point: a
     * dense dashed curve would look solid. From this many points on, a dashed series is drawn as
     * XChart's one smooth path through the points instead (monotone between them, so no overshoot).
     */
    private static final int DENSE = 40;

    /** A series: its points, less the dropped ones, are taken at paint time (the axes decide which). */
    private record Series(String name, double[] x, double[] y, Style style, Color color) {

        /** @return the indices of the points drawn: finite, and above 0 on a logarithmic axis */
        int[] drawn(boolean logX, boolean logY) {
            return IntStream.range(0, x.length)
                    .filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i]))
                    .filter(i -> (!logX || x[i] > 0) && (!logY || y[i] > 0)).toArray();
        }
    }

    private record Reference(double y, String label) {
    }

    private record Mark(double x, double y, Color color) {
    }

    private record Label(String text, double x, double y, Color color) {
    }

    private record Range(double min, double max) {
        Range {
            if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
                throw new IllegalArgumentException("axis range [" + min + ", " + max
                        + "] is not two finite numbers with min < max");
            }
        }

        /** @return this range stretched by {@code factor} about its centre */
        Range widen(double factor) {
            double centre = (min + max) / 2;
            double half = (max - min) * factor / 2;
            return new Range(centre - half, centre + half);
        }
    }

    private final ChartFrame frame;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Mark> crosses = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> unlisted = new HashSet<>();
    private boolean pointMarkers;
    private boolean logX;
    private boolean logY;
    private boolean square;
    private Range xRange;
    private Range yRange;

    /**
     * @param title  the title above the plot ("" for none)
     * @param xLabel the x axis title: quantity, and unit; " (log scale)" is added when the axis is logarithmic
     * @param yLabel the y axis title: quantity, and unit; " (log scale)" is added when the axis is logarithmic
     * @throws IllegalArgumentException if an axis title is blank
     */
    public LineFigure(String title, String xLabel, String yLabel) {
        frame = new ChartFrame(title, xLabel, yLabel);
    }

    /**
     * Adds a series in the next palette colour: the k-th series added gets {@link Palette#color(int)
     * Palette.color(k)}.
     *
     * @param name  its legend entry, unique in this figure
     * @param x     x values
     * @param y     y values, as many as x; the arrays are copied
     * @param style how to draw it
     * @return this figure
     * @throws IllegalArgumentException if the name is blank or taken, the lengths differ, or no
     *                                  point is finite
     */
    public LineFigure add(String name, double[] x, double[] y, Style style) {
        return add(name, x, y, style, Palette.color(series.size()));
    }

    /**
     * Adds a series in a given colour, e.g. the same one for a λ's points and its theory curve.
     *
     * @param name  its legend entry, unique in this figure
     * @param x     x values
     * @param y     y values, as many as x; the arrays are copied
     * @param style how to draw it
     * @param color its colour
     * @return this figure
     * @throws IllegalArgumentException if the name is blank or taken, the lengths differ, or no
     *                                  point is finite
     */
    public LineFigure add(String name, double[] x, double[] y, Style style, Color color) {
        claim(name);
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(color, "color");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but "
                    + y.length + " y values");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' is empty");
        }
        Series s = new Series(name, x.clone(), y.clone(), style, color);
        if (s.drawn(false, false).length == 0) {
            throw new IllegalArgumentException("series '" + name + "' has no finite point (all NaN or infinite)");
        }
        series.add(s);
        names.add(name);
        return this;
    }

    /**
     * Adds a dashed grey horizontal line across the data's x range, e.g. a threshold. It is left
     * out on a logarithmic y axis if {@code y ≤ 0}.
     *
     * @param y     its height
     * @param label its legend entry, unique in this figure
     * @return this figure
     */
    public LineFigure horizontalLine(double y, String label) {
        claim(label);
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("horizontal line '" + label + "' is at " + y);
        }
        references.add(new Reference(y, label));
        names.add(label);
        return this;
    }

    /**
     * @param seriesNames series or lines to leave out of the legend, e.g. the dashed twins of
     *                    solid series when the title says what the dash means
     * @return this figure
     * @throws IllegalArgumentException if a name is not a series or line of this figure
     */
    public LineFigure unlisted(String... seriesNames) {
        for (String name : seriesNames) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("figure '" + frame.title() + "' has no series '" + name + "'");
            }
            unlisted.add(name);
        }
        return this;
    }

    /**
     * Writes {@code text} as a direct label, its left end just right of the data point (x, y): a
     * line's name where a legend would be too long. Labels that would overlap are moved down
     * until they do not.
     *
     * @param text  the label
     * @param x     its x, in data units
     * @param y     its y, in data units
     * @param color its colour, e.g. its line's
     * @return this figure
     */
    public LineFigure label(String text, double x, double y, Color color) {
        labels.add(new Label(Objects.requireNonNull(text, "text"), x, y, Objects.requireNonNull(color, "color")));
        return this;
    }

    /**
     * A logarithmic x axis; where the drawn values span less than a decade, the axis stays linear
     * (a logarithmic one would have at most one labelled tick).
     *
     * @return this figure
     */
    public LineFigure logX() {
        logX = true;
        return this;
    }

    /**
     * A logarithmic y axis; where the drawn values span less than a decade, the axis stays linear.
     *
     * @return this figure
     */
    public LineFigure logY() {
        logY = true;
        return this;
    }

    /**
     * @param min the value at the left end of the x axis
     * @param max the value at its right end, greater than {@code min}
     * @return this figure, with these x axis limits instead of limits fitted to the data (linear axis)
     */
    public LineFigure xRange(double min, double max) {
        xRange = new Range(min, max);
        return this;
    }

    /**
     * @param min the value at the bottom of the y axis
     * @param max the value at its top, greater than {@code min}
     * @return this figure, with these y axis limits instead of limits fitted to the data (linear axis)
     */
    public LineFigure yRange(double min, double max) {
        yRange = new Range(min, max);
        return this;
    }

    /**
     * Equal aspect: one unit is as long on the x axis as on the y axis, so circles stay round.
     * Both ranges must be set ({@link #xRange}, {@link #yRange}); the one with room to spare is
     * widened about its centre. Both axes are linear.
     *
     * @return this figure
     */
    public LineFigure square() {
        square = true;
        return this;
    }

    /**
     * Draws a dot at every point of the line series too, as plots of few measured points do.
     *
     * @return this figure
     */
    public LineFigure pointMarkers() {
        pointMarkers = true;
        return this;
    }

    /**
     * Marks a point with a cross, over the series (Bao Fig. 4: the last latent size a model reached).
     *
     * @param x     its x, in data units
     * @param y     its y, in data units (not drawn when ≤ 0 on a logarithmic axis)
     * @param color its colour, e.g. its series'
     * @return this figure
     */
    public LineFigure cross(double x, double y, Color color) {
        crosses.add(new Mark(x, y, Objects.requireNonNull(color, "color")));
        return this;
    }

    /**
     * @throws IllegalStateException    if no series was added, {@link #square()} lacks a fixed range,
     *                                  two series are drawn alike (same colour and style), or the
     *                                  legend would list more than {@value Legend#MAX_ENTRIES}
     */
    @Override
    public void paint(Graphics2D g) {
        if (series.isEmpty()) {
            throw new IllegalStateException("line figure '" + frame.title() + "' has no series; add one first");
        }
        if (square && (xRange == null || yRange == null)) {
            throw new IllegalStateException("line figure '" + frame.title() + "': square() needs xRange and yRange");
        }
        requireDistinct();
        boolean xLog = logX && !square && xRange == null && decades(Series::x) >= 1;
        boolean yLog = logY && !square && yRange == null && decades(Series::y) >= 1;
        // a logarithmic axis spans a decade of positive values, so some series keeps a point
        List<Series> shown = series.stream().filter(s -> s.drawn(xLog, yLog).length > 0).toList();
        List<Reference> lines = references.stream().filter(r -> !yLog || r.y() > 0).toList();
        Legend key = legend(shown, lines);
        Range x = xRange;
        Range y = yRange;
        if (square) {
            for (int pass = 0; pass < 3; pass++) {
                XYChart trial = chart(shown, lines, xLog, yLog, x, y);
                BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
                Graphics2D sg = scratch.createGraphics();
                frame.paint(sg, width(), height(), trial, key, false, false, over -> { });
                sg.dispose();
                double ratio = Math.abs(trial.getScreenXFromChart(x.max()) - trial.getScreenXFromChart(x.min()))
                        / (x.max() - x.min()) / (Math.abs(trial.getScreenYFromChart(y.max())
                        - trial.getScreenYFromChart(y.min())) / (y.max() - y.min()));
                if (Math.abs(ratio - 1) < 1e-3) {
                    break;
                }
                x = ratio > 1 ? x.widen(ratio) : x;
                y = ratio > 1 ? y : y.widen(1 / ratio);
            }
        }
        XYChart chart = chart(shown, lines, xLog, yLog, x, y);
        frame.paint(g, width(), height(), chart, key, xLog, yLog, over -> drawOver(over, chart, xLog, yLog));
    }

    /** Draws the crosses (thick, over the series) and the direct labels. */
    private void drawOver(Graphics2D g, XYChart chart, boolean xLog, boolean yLog) {
        g.setStroke(new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Mark c : crosses) {
            if ((xLog && c.x() <= 0) || (yLog && c.y() <= 0)) {
                continue;
            }
            double x = chart.getScreenXFromChart(scale(xLog).applyAsDouble(c.x()));
            double y = chart.getScreenYFromChart(scale(yLog).applyAsDouble(c.y()));
            g.setColor(c.color());
            g.draw(new Line2D.Double(x - CROSS, y - CROSS, x + CROSS, y + CROSS));
            g.draw(new Line2D.Double(x - CROSS, y + CROSS, x + CROSS, y - CROSS));
        }
        // labels at close heights are pushed down, in order, until no two overlap
        List<Label> byHeight = labels.stream().sorted(Comparator.comparingDouble(
                (Label l) -> chart.getScreenYFromChart(scale(yLog).applyAsDouble(l.y())))).toList();
        double lowest = Double.NEGATIVE_INFINITY;
        for (Label l : byHeight) {
            double y = Math.max(chart.getScreenYFromChart(scale(yLog).applyAsDouble(l.y())),
                    lowest + Theme.height(Theme.LEGEND));
            g.setColor(l.color());
            Theme.text(g, Theme.LEGEND, l.text(), chart.getScreenXFromChart(scale(xLog).applyAsDouble(l.x())) + 6, y, 0);
            lowest = y;
        }
    }

    /** @return how many decades the finite positive values span (0 when fewer than two) */
    private double decades(Function<Series, double[]> values) {
        DoubleSummaryStatistics range = series.stream().flatMapToDouble(s -> DoubleStream.of(values.apply(s)))
                .filter(v -> Double.isFinite(v) && v > 0).summaryStatistics();
        return range.getCount() < 2 ? 0 : Math.log10(range.getMax() / range.getMin());
    }

    private Legend legend(List<Series> shown, List<Reference> lines) {
        if (!legendShown()) {
            return new Legend(List.of());
        }
        List<Legend.Entry> entries = new ArrayList<>();
        shown.stream().filter(s -> !unlisted.contains(s.name()))
                .forEach(s -> entries.add(new Legend.Entry(s.name(), s.color(), s.style())));
        lines.stream().filter(r -> !unlisted.contains(r.label()))
                .forEach(r -> entries.add(new Legend.Entry(r.label(), Theme.REFERENCE, Style.DASHED)));
        if (entries.size() > Legend.MAX_ENTRIES) {
            throw new IllegalStateException("line figure '" + frame.title() + "' would list " + entries.size()
                    + " legend entries, more than " + Legend.MAX_ENTRIES + " fit; leave some out (unlisted) and"
                    + " say in the title what colours or dashes mean, or label lines directly");
        }
        return new Legend(entries);
    }

    /**
     * @return the chart of the shown series and lines. A logarithmic axis carries the values'
     *         base-10 logarithms on a linear scale, its ticks labelled 10ⁿ at whole n: one notation,
     *         and no thicket of nine minor ticks a decade over many decades (XChart's own log axis).
     */
    private XYChart chart(List<Series> shown, List<Reference> lines, boolean xLog, boolean yLog, Range x, Range y) {
        XYChart chart = ChartFrame.chart();
        DoubleUnaryOperator fx = scale(xLog);
        DoubleUnaryOperator fy = scale(yLog);
        DoubleSummaryStatistics xs = shown.stream().flatMapToDouble(s -> IntStream.of(s.drawn(xLog, yLog))
                .mapToDouble(i -> fx.applyAsDouble(s.x()[i]))).summaryStatistics();
        DoubleSummaryStatistics ys = DoubleStream.concat(shown.stream().flatMapToDouble(s ->
                IntStream.of(s.drawn(xLog, yLog)).mapToDouble(i -> fy.applyAsDouble(s.y()[i]))), lines.stream()
                .mapToDouble(r -> fy.applyAsDouble(r.y()))).summaryStatistics();
        double[] xEnds = x == null ? new double[] {xs.getMin(), xs.getMax()} : new double[] {x.min(), x.max()};
        double[] yEnds = y == null ? new double[] {ys.getMin(), ys.getMax()} : new double[] {y.min(), y.max()};
        if (x != null) {
            chart.getStyler().setXAxisMin(x.min()).setXAxisMax(x.max());
        }
        if (y != null) {
            chart.getStyler().setYAxisMin(y.min()).setYAxisMax(y.max());
        }
        ChartFrame.roundTicks(chart, xEnds, yEnds);
        if (xLog) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartFrame::powerOfTenLabel);
        } else {
            chart.getStyler().setXAxisDecimalPattern(ChartFrame.linearPattern(xEnds[0], xEnds[1]));
        }
        if (yLog) {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartFrame::powerOfTenLabel);
        } else {
            chart.getStyler().setYAxisDecimalPattern(ChartFrame.linearPattern(yEnds[0], yEnds[1]));
        }
        for (Reference r : lines) {
            double level = fy.applyAsDouble(r.y());
            XYSeries line = chart.addSeries(r.label(), xEnds, new double[] {level, level});
            style(line, Style.DASHED, Theme.REFERENCE, false);
        }
        for (Series s : shown) {
            int[] drawn = s.drawn(xLog, yLog);
            XYSeries added = chart.addSeries(s.name(),
                    IntStream.of(drawn).mapToDouble(i -> fx.applyAsDouble(s.x()[i])).toArray(),
                    IntStream.of(drawn).mapToDouble(i -> fy.applyAsDouble(s.y()[i])).toArray());
            style(added, s.style(), s.color(), pointMarkers);
            added.setSmooth(s.style() == Style.DASHED && drawn.length >= DENSE);
        }
        chart.getStyler().setMarkerSize(MARKER);
        return chart;
    }

    /** @return how values map onto an axis: their logarithm on a logarithmic axis, else themselves */
    private static DoubleUnaryOperator scale(boolean log) {
        return log ? Math::log10 : DoubleUnaryOperator.identity();
    }

    private static void style(XYSeries s, Style style, Color color, boolean markers) {
        s.setLineColor(color);
        s.setMarkerColor(color);
        if (style == Style.POINTS) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
        } else {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineStyle(style.stroke());
            s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
    }

    private void claim(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a series or line in figure '" + frame.title() + "' has no name");
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("figure '" + frame.title() + "' already has a series or line named '"
                    + name + "'");
        }
    }

    /** Fails if two series or lines share colour and style, so that a reader could not tell them apart. */
    private void requireDistinct() {
        List<Legend.Entry> looks = new ArrayList<>();
        series.forEach(s -> looks.add(new Legend.Entry(s.name(), s.color(), s.style())));
        references.forEach(r -> looks.add(new Legend.Entry(r.label(), Theme.REFERENCE, Style.DASHED)));
        for (int i = 0; i < looks.size(); i++) {
            for (int j = 0; j < i; j++) {
                Legend.Entry a = looks.get(j);
                Legend.Entry b = looks.get(i);
                if (a.color().equals(b.color()) && a.style() == b.style()) {
                    throw new IllegalStateException("line figure '" + frame.title() + "': series '" + a.name()
                            + "' and '" + b.name() + "' are drawn alike (same colour and style); give them"
                            + " different colours or styles");
                }
            }
        }
    }
}
