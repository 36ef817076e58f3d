package io.lae.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.figures.FigureOutput;
import io.lae.figures.Palette;
import io.lae.train.MetricsRow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's plots show every curve: none hidden under another, under the legend, or in a thicket of grid lines. */
class TrainingPlotsTest {

    private static final int BLUE = Palette.color(0).getRGB() & 0xFFFFFF;
    private static final int ORANGE = Palette.color(1).getRGB() & 0xFFFFFF;
    /** The grid's colour (Theme.GRID). */
    private static final int GRID = 0xE3E3E3;
    /** The plot frame's colour (Theme.FRAME). */
    private static final int FRAME = 0x444444;

    @TempDir
    Path dir;

    private static final TrainingConfig CONFIG = TrainingConfig.builder().data("synthetic").loss("ordered")
            .rule("gradient").optimizer("adam", 1e-3).latent(10).build();

    /** @return 100 logged rows, step 0 to 1485, each made by {@code row} from its step */
    private static List<MetricsRow> rows(LongFunction<MetricsRow> row) {
        return LongStream.range(0, 100).map(k -> 15 * k).mapToObj(row).toList();
    }

    private static MetricsRow row(long step, double ratioTp, double ratioFp, double dAlign) {
        return new MetricsRow(step, 1, 1 + 0.3 * Math.exp(-step / 30.0), ratioTp, ratioFp, ratioTp, dAlign, dAlign / 10,
                Double.NaN, 0, 1e-3, 0);
    }

    private BufferedImage draw(List<MetricsRow> rows, String file) throws IOException {
        List<Path> written = TrainingPlots.draw(rows, CONFIG, dir, FigureOutput.DEFAULT);
        assertEquals(9, written.size(), "three plots as PNG, SVG and PDF: " + written);
        Map<String, String> yTitles = Map.of("loss", "loss / optimal loss L*", "directions",
                "fraction of the p directions (0 to 1)", "alignment", "distance to the optimum (log scale)");
        for (var plot : yTitles.entrySet()) {
            String name = plot.getKey();
            String svg = Files.readString(dir.resolve(name + ".svg"));
            assertTrue(svg.contains(">step</text"), name + ".svg has its x axis title as text");
            assertTrue(svg.contains(">" + plot.getValue() + "</text"), name + ".svg has its y axis title as text");
            assertTrue(Files.readString(dir.resolve(name + ".pdf"), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        }
        return ImageIO.read(dir.resolve(file).toFile());
    }

    /** An MSE run finds no direction: Ratio_TP = Ratio_FP = 0 throughout, and the TP curve was drawn over. */
    @Test
    void equalRatiosBothShow() throws IOException {
        BufferedImage image = draw(rows(s -> row(s, 0, 0, 0.6)), "directions.png");
        // the left half holds data only (the legend is at the right)
        long blue = count(image, BLUE, image.getWidth() / 2);
        long orange = count(image, ORANGE, image.getWidth() / 2);
        assertTrue(blue > 60 && orange > 60, blue + " Ratio_TP pixels and " + orange + " Ratio_FP pixels");
    }

    /** An ordered run reaches Ratio_TP = 1 early; the legend sat in the top right corner, over that line. */
    @Test
    void theLegendLeavesTheLineAtOneUncovered() throws IOException {
        BufferedImage image = draw(rows(s -> row(s, s < 150 ? 0 : 1, 0, 0.6)), "directions.png");
        int line = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            line = countRow(image, BLUE, y) > countRow(image, BLUE, line) ? y : line;
        }
        int first = -1;
        int last = -1;
        int frameLeft = -1;
        int frameRight = -1;
        for (int x = 0; x < image.getWidth(); x++) {
            int rgb = image.getRGB(x, line) & 0xFFFFFF;
            if (rgb == BLUE) {
                first = first < 0 ? x : first;
                last = x;
            }
            if (rgb == FRAME) {
                frameLeft = frameLeft < 0 ? x : frameLeft;
                frameRight = x;
            }
        }
        assertEquals(last - first + 1, countRow(image, BLUE, line), "the Ratio_TP = 1 line is unbroken in row " + line);
        // the curve ends 4% of the axis short of the right frame (the fitted margin)
        assertTrue(last > frameLeft + 0.9 * (frameRight - frameLeft), "the line ends at x = " + last
                + ", the plot spans " + frameLeft + " to " + frameRight);
    }

    /** d_align over 7 decades: no thicket of grid lines (nine a decade), at most one per labelled power of ten. */
    @Test
    void aLogAxisHasNoThicketOfGridLines() throws IOException {
        BufferedImage image = draw(rows(s -> row(s, 1, 0, Math.pow(10, -7.0 * s / 1485))), "alignment.png");
        int gridRows = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            gridRows += countRow(image, GRID, y) > image.getWidth() / 4 ? 1 : 0;
        }
        assertTrue(gridRows <= 2 * 9, gridRows + " rows of horizontal grid lines");
    }

    private static long count(BufferedImage image, int rgb, int width) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < width; x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static int countRow(BufferedImage image, int rgb, int y) {
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
        }
        return n;
    }
}
