package io.lae.figures;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineFigureTest {

    /** A colour used nowhere else in a figure, to find a series' pixels. */
    private static final Color PROBE = new Color(0xFF00FF);

    @TempDir
    Path dir;

    private static LineFigure twoSeries() {
        double[] x = {0, 1, 2, 3};
        return new LineFigure("t", "x", "y").add("a", x, new double[] {1, 2, 3, 4}, LineFigure.Style.SOLID)
                .add("b", x, new double[] {4, 3, 2, 1}, LineFigure.Style.DASHED);
    }

    /** A cross is drawn in its colour at its point, over the series, and nowhere when it is off a log axis. */
    @Test
    void aCrossMarksItsPoint() {
        double[] x = {1, 10, 100};
        double[] y = {10, 100, 1000};
        LineFigure base = new LineFigure("t", "k", "epochs").logX().logY().legend(false)
                .add("a", x, y, LineFigure.Style.SOLID, Color.BLACK);
        long without = Pngs.count(Pngs.render(base), PROBE.getRGB() & 0xFFFFFF);
        BufferedImage crossed = Pngs.render(base.cross(10, 100, PROBE));
        long with = Pngs.count(crossed, PROBE.getRGB() & 0xFFFFFF);
        assertEquals(0, without);
        assertTrue(with > 15, with + " cross pixels");
        int[] box = boundingBox(crossed, PROBE.getRGB() & 0xFFFFFF);
        int width = box[2] - box[0];
        int height = box[3] - box[1];
        assertTrue(Math.abs(width - height) <= 2 && width < 30, "a square cross, got " + width + "×" + height);
        assertEquals(0, Pngs.count(Pngs.render(new LineFigure("t", "k", "epochs").logY().legend(false)
                .add("a", x, y, LineFigure.Style.SOLID, Color.BLACK).cross(10, -1, PROBE)),
                PROBE.getRGB() & 0xFFFFFF), "a cross at y ≤ 0 on a log axis is dropped");
    }

    @Test
    void pointMarkersPutADotOnEveryPoint() {
        double[] x = {0, 1, 2};
        LineFigure plain = new LineFigure("t", "x", "y").legend(false).add("a", x, x, LineFigure.Style.SOLID, PROBE);
        long line = Pngs.count(Pngs.render(plain), PROBE.getRGB() & 0xFFFFFF);
        long dotted = Pngs.count(Pngs.render(plain.pointMarkers()), PROBE.getRGB() & 0xFFFFFF);
        assertTrue(dotted > line + 3 * 20, "dots add ink: " + line + " → " + dotted);
    }

    @Test
    void savesAPngOfTheDefaultSize() throws IOException {
        Path file = dir.resolve("line.png");
        Pngs.save(twoSeries().horizontalLine(2.5, "threshold"), file);
        BufferedImage image = Pngs.read(file);
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
    }

    @Test
    void sizeIsTheImageSize() {
        BufferedImage image = Pngs.render(twoSeries().size(640, 360).legend(false));
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());
    }

    /** A title too wide for one line wraps: no title ink in the side margins, where it used to be cut off. */
    @Test
    void aLongTitleWrapsInsideTheFigure() {
        String title = "Bao Fig. 4: epochs to d_align ≤ 0.3 (runs that never reach it sit on the cap line), a title "
                + "far wider than the figure";
        double[] x = {1, 2};
        BufferedImage image = Pngs.render(new LineFigure(title, "k", "epochs").add("a series with a long name", x, x,
                LineFigure.Style.SOLID));
        int band = Theme.PAD / 2 + 3 * Theme.height(Theme.TITLE);
        for (int row = 0; row < band; row++) {
            for (int column = 0; column < Theme.PAD; column++) {
                assertEquals(0xFFFFFF, image.getRGB(column, row) & 0xFFFFFF, "ink at (" + column + ", " + row + ")");
                int right = image.getWidth() - 1 - column;
                assertEquals(0xFFFFFF, image.getRGB(right, row) & 0xFFFFFF, "ink at (" + right + ", " + row + ")");
            }
        }
        int inked = 0;
        for (int row = Theme.PAD / 2 + Theme.height(Theme.TITLE); row < Theme.PAD / 2 + 2 * Theme.height(Theme.TITLE);
             row++) {
            for (int column = 0; column < image.getWidth(); column++) {
                inked += (image.getRGB(column, row) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
            }
        }
        assertTrue(inked > 0, "the second title line is drawn");
    }

    @Test
    void wrappingKeepsEveryWordAndEachLineWithinTheWidth() {
        String text = "one two three four five six seven eight nine ten eleven twelve";
        var lines = Theme.wrap(Theme.TITLE, text, 120);
        assertTrue(lines.size() > 2, lines.toString());
        lines.forEach(line -> assertTrue(Theme.width(Theme.TITLE, line) <= 120 || !line.contains(" "), line));
        assertEquals(text, String.join(" ", lines));
        assertEquals(java.util.List.of("unbreakable-word-wider-than-the-limit"),
                Theme.wrap(Theme.TITLE, "unbreakable-word-wider-than-the-limit", 10));
        assertTrue(Theme.wrap(Theme.TITLE, "", 100).isEmpty());
    }

    @Test
    void logAxesDropNonPositiveAndNonFinitePoints() {
        double[] x = {-1, 0, 1, 10, 100, Double.NaN};
        double[] y = {1, 2, 0.1, 0, 1e-3, 5};
        LineFigure figure = new LineFigure("log", "n", "err").logX().logY()
                .add("line", x, y, LineFigure.Style.SOLID).add("points", x, y, LineFigure.Style.POINTS)
                .add("all non-positive", new double[] {-1, 0}, new double[] {1, 1}, LineFigure.Style.SOLID)
                .horizontalLine(-1, "below zero");
        assertDoesNotThrow(() -> Pngs.render(figure));
    }

    /** A log axis over less than a decade would label one tick at most: it stays linear, and so draws 0 and below. */
    @Test
    void aLogAxisOverLessThanADecadeStaysLinear() {
        double[] x = {0, 1, 2};
        BufferedImage image = Pngs.render(new LineFigure("ratio", "step", "loss / L*").logY().legend(false)
                .add("a", x, new double[] {1.3, 1.1, 1.0}, LineFigure.Style.SOLID, PROBE)
                .add("b", x, new double[] {0, -1, 0}, LineFigure.Style.SOLID, Color.BLACK));
        assertTrue(Pngs.count(image, PROBE.getRGB() & 0xFFFFFF) > 100);
    }

    @Test
    void squareDrawsTheUnitCircleRound() {
        int n = 400;
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            x[i] = Math.cos(2 * Math.PI * i / n);
            y[i] = Math.sin(2 * Math.PI * i / n);
        }
        // A wide figure and equal ranges: without square() the circle is a wide ellipse.
        BufferedImage image = Pngs.render(new LineFigure("circle", "x", "y").square().xRange(-1.2, 1.2)
                .yRange(-1.2, 1.2).legend(false).add("circle", x, y, LineFigure.Style.SOLID, PROBE));
        int[] box = boundingBox(image, PROBE.getRGB() & 0xFFFFFF);
        double width = box[2] - box[0];
        double height = box[3] - box[1];
        assertTrue(height > 100, "circle is " + width + " × " + height);
        assertEquals(1, width / height, 0.02, "circle is " + width + " × " + height);
    }

    @Test
    void badSeriesAreRejectedWithTheirName() {
        LineFigure figure = new LineFigure("t", "x", "y");
        double[] none = {};
        assertMessage(() -> figure.add("empty", none, none, LineFigure.Style.SOLID), "'empty' is empty");
        assertMessage(() -> figure.add("ragged", new double[] {1, 2}, new double[] {1}, LineFigure.Style.SOLID),
                "'ragged' has 2 x values but 1 y values");
        assertMessage(() -> figure.add("nan", new double[] {1, Double.NaN}, new double[] {Double.NaN, 2},
                LineFigure.Style.SOLID), "'nan' has no finite point");
        figure.add("a", new double[] {1}, new double[] {1}, LineFigure.Style.POINTS);
        assertMessage(() -> figure.add("a", new double[] {1}, new double[] {1}, LineFigure.Style.POINTS),
                "already has a series or line named 'a'");
        assertMessage(() -> figure.xRange(1, 1), "min < max");
    }

    /**
     * Oftadeh Fig. 1 had three grey dashed axes: a reader could not tell them apart, with a legend
     * or without (direct labels name lines by colour too).
     */
    @Test
    void seriesDrawnAlikeAreRejected() {
        double[] x = {0, 1};
        LineFigure axes = new LineFigure("t", "x", "y").add("x axis", x, x, LineFigure.Style.DASHED, Color.GRAY)
                .add("y axis", x, new double[] {1, 0}, LineFigure.Style.DASHED, Color.GRAY);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Pngs.render(axes));
        assertTrue(e.getMessage().contains("'x axis' and 'y axis' are drawn alike"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Pngs.render(axes.legend(false)));
        assertDoesNotThrow(() -> Pngs.render(new LineFigure("t", "x", "y")
                .add("theory", x, x, LineFigure.Style.SOLID, PROBE)
                .add("trained", x, x, LineFigure.Style.POINTS, PROBE)), "one colour, two styles");
        assertThrows(IllegalStateException.class, () -> Pngs.render(twoSeries().horizontalLine(1, "low")
                .horizontalLine(2, "high")), "two reference lines look alike");
    }

    /** Kunin Fig. 5 had 22 legend entries: past 8, series leave the legend or the figure refuses. */
    @Test
    void aLegendHoldsAtMostEightEntries() {
        double[] x = {0, 1};
        LineFigure many = new LineFigure("t", "x", "y");
        for (int k = 0; k < 9; k++) {
            many.add("series " + k, x, new double[] {k, k + 1}, LineFigure.Style.SOLID, Palette.ordered(k, 9));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Pngs.render(many));
        assertTrue(e.getMessage().contains("9 legend entries, more than 8"), e.getMessage());
        assertDoesNotThrow(() -> Pngs.render(many.unlisted("series 8")));
        assertThrows(IllegalArgumentException.class, () -> many.unlisted("no such series"));
    }

    /** A series is drawn where its data put it: higher values higher up, larger x further right. */
    @Test
    void seriesAreDrawnWhereTheirDataPutThem() {
        double[] x = {0, 10};
        Color low = new Color(0x00FF00);
        BufferedImage image = Pngs.render(new LineFigure("t", "x", "y").xRange(0, 10).yRange(0, 10).legend(false)
                .add("low", x, new double[] {2, 2}, LineFigure.Style.SOLID, low)
                .add("rising", x, new double[] {0, 10}, LineFigure.Style.SOLID, PROBE));
        int[] flat = boundingBox(image, low.getRGB() & 0xFFFFFF);
        int[] rising = boundingBox(image, PROBE.getRGB() & 0xFFFFFF);
        assertTrue(flat[3] - flat[1] <= 4, "a flat line is flat: rows " + flat[1] + ".." + flat[3]);
        double height = rising[3] - rising[1];
        // y = 2 lies a fifth of the way up the rising line's extent (0 to 10)
        assertEquals(0.2, (rising[3] - (flat[1] + flat[3]) / 2.0) / height, 0.03);
        assertTrue(rising[2] - rising[0] > 300, "the rising line spans the plot: " + (rising[2] - rising[0]));
    }

    /** XChart drops every tick of an axis whose ends it labels alike: a log axis must keep its labels. */
    @Test
    void aLogAxisLabelsItsTicks() {
        double[] x = {0, 1, 2, 3};
        for (double[] y : new double[][] {{0.4, 0.1, 0.03, 0.011}, {1, 1e-3, 1e-9, 1e-18}}) {
            BufferedImage image = Pngs.render(new LineFigure("t", "step", "distance").logY().legend(false)
                    .add("a", x, y, LineFigure.Style.SOLID, PROBE));
            int dark = 0;
            for (int row = 40; row < image.getHeight() - 60; row++) {
                for (int column = 28; column < 70; column++) {
                    dark += (image.getRGB(column, row) & 0xFF) < 0x80 ? 1 : 0;
                }
            }
            assertTrue(dark > 40, dark + " dark pixels of tick labels left of the plot, y from " + y[3]);
        }
    }

    /** Kunin Fig. 5 labels its λ curves at their ends, where curves for small λ nearly meet. */
    @Test
    void directLabelsDoNotOverlap() throws IOException {
        double[] x = {0, 1};
        LineFigure f = new LineFigure("t", "σ²", "τ²").legend(false).xRange(0, 1.3);
        for (int k = 0; k < 3; k++) {
            Color c = Palette.ordered(k, 3);
            f.add("λ " + k, x, new double[] {0, 1 - 0.002 * k}, LineFigure.Style.SOLID, c).label("λ = " + k, 1,
                    1 - 0.002 * k, c);
        }
        FigureOutput.DEFAULT.write(f, dir.resolve("labels"));
        String svg = Files.readString(dir.resolve("labels.svg"));
        double[] heights = IntStream.range(0, 3).mapToDouble(k -> {
            Matcher m = Pattern.compile("y=\"([0-9.]+)\"[^>]*\n?>λ = " + k + "</text")
                    .matcher(svg);
            assertTrue(m.find(), "label λ = " + k + " is SVG text");
            return Double.parseDouble(m.group(1));
        }).toArray();
        for (int k = 1; k < 3; k++) {
            assertTrue(heights[k] - heights[k - 1] >= Theme.height(Theme.LEGEND) - 0.5, Arrays.toString(heights));
        }
    }

    @Test
    void anAxisWithoutTitleIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LineFigure("t", "step", " "));
        assertTrue(e.getMessage().contains("needs a title on both axes"), e.getMessage());
    }

    @Test
    void anEmptyFigureCannotRender() {
        assertThrows(IllegalStateException.class, () -> Pngs.render(new LineFigure("t", "x", "y")));
    }

    @Test
    void anUnwritableFileIsALaeExceptionNamingIt() {
        Path file = dir.resolve("missing").resolve("line.png");
        LaeException e = assertThrows(LaeException.class, () -> Pngs.save(twoSeries(), file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    private static void assertMessage(Runnable action, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    /** @return {xMin, yMin, xMax, yMax} of the pixels of colour {@code rgb} */
    private static int[] boundingBox(BufferedImage image, int rgb) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box;
    }
}
