package io.lae.experiments.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * Curves and points against x: training curves (log y), theory curves with measured points over
 * them (Kunin Fig. 5), dashed against solid (Bao Fig. 2), and with {@link #square()} the images
 * of the unit circle under 2×2 matrices (Kunin Fig. 6).
 *
 * <pre>{@code
 * new LineFigure("Loss", "step", "loss / L*").logY()
 *         .add("Adam", steps, adam, LineFigure.Style.DASHED)
 *         .add("Nesterov", steps, nesterov, LineFigure.Style.SOLID)
 *         .horizontalLine(1.3, "threshold")
 *         .save(dir.resolve("loss.png"));
 * }</pre>
 *
 * <p>NaN and infinite points are dropped, and so are points ≤ 0 on a logarithmic axis; the
 * remaining points of a series are joined. A series left with no point is left out.
 */
public final class LineFigure extends AxesFigure<LineFigure> {

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
            return Theme.stroke(2f, this == DASHED);
        }
    }

    private static final int MARKER = 8;

    /** A series: its points, less the dropped ones, are taken at render time (the axes may change). */
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

    /** A cross marker at a data point, e.g. Bao Fig. 4's "fails beyond this k". */
    private record Cross(double x, double y, Color color) {
    }

    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Cross> crosses = new ArrayList<>();
    private boolean pointMarkers;
    private final Set<String> names = new HashSet<>();
    private boolean logX;
    private boolean logY;
    private boolean square;
    private Axis xRange;
    private Axis yRange;

    /**
     * @param title  the title above the plot ("" for none)
     * @param xLabel the x axis title ("" for none)
     * @param yLabel the y axis title ("" for none)
     */
    public LineFigure(String title, String xLabel, String yLabel) {
        super(title, xLabel, yLabel);
    }

    @Override
    LineFigure self() {
        return this;
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
     * Adds a dashed grey horizontal line across the plot, e.g. a threshold. It is left out on a
     * logarithmic y axis if {@code y ≤ 0}.
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

    /** @return this figure, with a logarithmic x axis */
    public LineFigure logX() {
        logX = true;
        return this;
    }

    /** @return this figure, with a logarithmic y axis */
    public LineFigure logY() {
        logY = true;
        return this;
    }

    /**
     * @param min the value at the left end of the x axis
     * @param max the value at its right end, greater than {@code min}
     * @return this figure, with these x axis limits instead of limits fitted to the data
     */
    public LineFigure xRange(double min, double max) {
        xRange = new Axis(min, max, false);
        return this;
    }

    /**
     * @param min the value at the bottom of the y axis
     * @param max the value at its top, greater than {@code min}
     * @return this figure, with these y axis limits instead of limits fitted to the data
     */
    public LineFigure yRange(double min, double max) {
        yRange = new Axis(min, max, false);
        return this;
    }

    /**
     * Equal aspect: one unit is as long on the x axis as on the y axis, so circles stay round.
     * The axis with room to spare is widened about its centre (even a fixed range); both axes
     * must be linear. Pair it with a squarish {@link #size(int, int)} such as 600 × 520.
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
        crosses.add(new Cross(x, y, Objects.requireNonNull(color, "color")));
        return this;
    }

    /**
     * @throws IllegalStateException    if no series was added, {@link #square()} meets a log axis, or
     *                                  two entries of a shown legend are drawn alike (same colour and
     *                                  style), so that a reader could not tell which is which
     * @throws IllegalArgumentException if no point is left to draw, or a fixed range starts at or
     *                                  below 0 on a log axis
     */
    @Override
    public BufferedImage render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("line figure '" + title + "' has no series; add one first");
        }
        if (square && (logX || logY)) {
            throw new IllegalStateException("line figure '" + title + "': square() needs linear axes");
        }
        List<Series> shown = series.stream().filter(s -> s.drawn(logX, logY).length > 0).toList();
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("line figure '" + title + "' has nothing to draw: every point is"
                    + " NaN, infinite, or ≤ 0 on a logarithmic axis");
        }
        List<Reference> lines = references.stream().filter(r -> !logY || r.y() > 0).toList();
        Axis x = axis(xRange, logX, shown, Series::x, DoubleStream.empty());
        Axis y = axis(yRange, logY, shown, Series::y, lines.stream().mapToDouble(Reference::y));
        List<Legend.Entry> entries = new ArrayList<>();
        shown.forEach(s -> entries.add(new Legend.Entry(s.name(), s.color(), s.style())));
        lines.forEach(r -> entries.add(new Legend.Entry(r.label(), Theme.REFERENCE, Style.DASHED)));
        if (legend) {
            requireDistinct(entries);
        }
        AxesPlot plot = new AxesPlot(title, xLabel, yLabel, width, height, x, y, legend ? new Legend(entries) : null);
        AxesPlot drawn = square ? plot.withEqualAspect() : plot;
        return drawn.draw(g -> {
            lines.forEach(r -> drawReference(g, drawn, r));
            shown.forEach(s -> drawSeries(g, drawn, s));
            crosses.stream().filter(c -> (!logX || c.x() > 0) && (!logY || c.y() > 0))
                    .forEach(c -> drawCross(g, drawn, c));
        });
    }

    private void claim(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a series or line in figure '" + title + "' has no name");
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("figure '" + title + "' already has a series or line named '"
                    + name + "'");
        }
    }

    private void requireDistinct(List<Legend.Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            for (int j = 0; j < i; j++) {
                Legend.Entry a = entries.get(j);
                Legend.Entry b = entries.get(i);
                if (a.color().equals(b.color()) && a.style() == b.style()) {
                    throw new IllegalStateException("line figure '" + title + "': legend entries '" + a.name()
                            + "' and '" + b.name() + "' are drawn alike (same colour and style); give them"
                            + " different colours or styles");
                }
            }
        }
    }

    /** @return the fixed range on the right scale, or one fitted to the drawn values and {@code extra} */
    private Axis axis(Axis fixed, boolean log, List<Series> shown, Function<Series, double[]> values,
                      DoubleStream extra) {
        if (fixed != null) {
            return new Axis(fixed.min(), fixed.max(), log);
        }
        DoubleSummaryStatistics range = DoubleStream.concat(shown.stream().flatMapToDouble(s -> {
            double[] v = values.apply(s);
            return IntStream.of(s.drawn(logX, logY)).mapToDouble(i -> v[i]);
        }), extra).summaryStatistics();
        return Axis.fit(range.getMin(), range.getMax(), log);
    }

    private void drawSeries(Graphics2D g, AxesPlot plot, Series s) {
        int[] drawn = s.drawn(logX, logY);
        g.setColor(s.color());
        if (s.style() == Style.POINTS) {
            for (int i : drawn) {
                Theme.dot(g, plot.screenX(s.x()[i]), plot.screenY(s.y()[i]), MARKER);
            }
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(plot.screenX(s.x()[drawn[0]]), plot.screenY(s.y()[drawn[0]]));
        for (int k = 1; k < drawn.length; k++) {
            path.lineTo(plot.screenX(s.x()[drawn[k]]), plot.screenY(s.y()[drawn[k]]));
        }
        g.setStroke(s.style().stroke());
        g.draw(path);
        if (pointMarkers) {
            for (int i : drawn) {
                Theme.dot(g, plot.screenX(s.x()[i]), plot.screenY(s.y()[i]), MARKER);
            }
        }
    }

    private static void drawCross(Graphics2D g, AxesPlot plot, Cross c) {
        double x = plot.screenX(c.x());
        double y = plot.screenY(c.y());
        double half = MARKER;
        g.setColor(c.color());
        g.setStroke(new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x - half, y - half, x + half, y + half));
        g.draw(new Line2D.Double(x - half, y + half, x + half, y - half));
    }

    private static void drawReference(Graphics2D g, AxesPlot plot, Reference r) {
        Rectangle area = plot.area();
        double y = plot.screenY(r.y());
        g.setColor(Theme.REFERENCE);
        g.setStroke(Style.DASHED.stroke());
        g.draw(new Line2D.Double(area.x, y, area.x + area.width, y));
    }
}
