package io.lae.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every figure as PNG (at 2× by default), SVG with its titles as text, and PDF of its size in points. */
class FigureOutputTest {

    @TempDir
    Path dir;

    private static LineFigure figure() {
        double[] x = {0, 1, 2, 3};
        return new LineFigure("Loss of two runs", "training step", "loss / optimal loss")
                .add("qᵢ = 0.9ⁱ", x, new double[] {4, 3, 2, 1}, LineFigure.Style.SOLID)
                .add("Adam", x, new double[] {1, 2, 3, 4}, LineFigure.Style.DASHED);
    }

    @Test
    void writesPngAtTwiceTheSizeSvgWithTextAndAOnePagePdf() throws IOException {
        List<Path> written = FigureOutput.DEFAULT.write(figure(), dir.resolve("loss"));
        assertEquals(List.of(dir.resolve("loss.png"), dir.resolve("loss.svg"), dir.resolve("loss.pdf")), written);
        BufferedImage png = Pngs.read(dir.resolve("loss.png"));
        assertEquals(1600, png.getWidth());
        assertEquals(1000, png.getHeight());
        String svg = Files.readString(dir.resolve("loss.svg"));
        assertTrue(svg.contains("width=\"800\"") && svg.contains("height=\"500\""), "SVG of the size in points");
        for (String text : List.of("Loss of two runs", "training step", "loss / optimal loss", "qᵢ = 0.9ⁱ", "Adam")) {
            assertTrue(svg.contains(">" + text + "</text"), "'" + text + "' is SVG text");
        }
        try (PDDocument pdf = Loader.loadPDF(dir.resolve("loss.pdf").toFile())) {
            assertEquals(1, pdf.getNumberOfPages());
            PDRectangle page = pdf.getPage(0).getMediaBox();
            assertEquals(800, page.getWidth(), 1e-3);
            assertEquals(500, page.getHeight(), 1e-3);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary file is left beside the figures");
        }
    }

    /** Bitmaps (MNIST digits) go into the SVG as PNG data and into the PDF as an image. */
    @Test
    void anImageGridEmbedsItsImages() throws IOException {
        double[] digit = new double[4];
        digit[1] = 1;
        ImageGrid grid = new ImageGrid(2, 2, ImageGrid.Normalisation.UNIT).title("digits").addRow("input", digit);
        FigureOutput.DEFAULT.write(grid, dir.resolve("grid"));
        String svg = Files.readString(dir.resolve("grid.svg"));
        assertTrue(svg.contains("data:image/png;base64,"), "the image is embedded as PNG");
        assertTrue(svg.contains(">digits</text") && svg.contains(">input</text"), "titles are SVG text");
        try (PDDocument pdf = Loader.loadPDF(dir.resolve("grid.pdf").toFile())) {
            assertEquals(1, pdf.getNumberOfPages());
        }
    }

    @Test
    void writesOnlyTheFormatsAskedForAtTheResolutionAskedFor() throws IOException {
        new FigureOutput(FigureFormat.parse("PNG"), 300).write(figure(), dir.resolve("loss"));
        assertEquals(800 * 300 / 72 + 1, Pngs.read(dir.resolve("loss.png")).getWidth(), 1);
        assertTrue(Files.notExists(dir.resolve("loss.svg")) && Files.notExists(dir.resolve("loss.pdf")));
        assertEquals(EnumSet.allOf(FigureFormat.class), FigureFormat.parse("all"));
        assertEquals(Set.of(FigureFormat.SVG), FigureFormat.parse(" svg "));
    }

    @Test
    void badFormatsAndResolutionsAreRejectedInOneLine() {
        LaeException format = assertThrows(LaeException.class, () -> FigureFormat.parse("gif"));
        assertEquals("unknown figure format 'gif'; use png, svg, pdf or all", format.getMessage());
        assertThrows(LaeException.class, () -> new FigureOutput(EnumSet.noneOf(FigureFormat.class), 144));
        LaeException dpi = assertThrows(LaeException.class, () -> new FigureOutput(FigureFormat.parse("all"), 71));
        assertEquals("figure resolution 71 dpi is outside 72..1200", dpi.getMessage());
    }

    /** One notation per axis: 0, 50,000, 100,000 (never 0, 50000, 10⁵); 0.05 with its leading zero; 10⁻⁷, 3.2×10⁰. */
    @Test
    void tickLabelsUseOneNotationPerAxis() {
        DecimalFormat steps = format(ChartFrame.linearPattern(0, 100_000));
        assertEquals(List.of("0", "50,000", "100,000"), labels(steps, 0, 50_000, 100_000));
        DecimalFormat fractions = format(ChartFrame.linearPattern(0, 1.05));
        assertEquals(List.of("0", "0.05", "0.5", "1"), labels(fractions, 0, 0.05, 0.5, 1));
        // a logarithmic axis carries log₁₀ of the values, labelled in scientific notation
        assertEquals(List.of("10⁻⁷", "10⁰", "10¹", "3.2×10⁰", "5×10⁻³", "10²"), DoubleStream.of(-7, 0, 1, 0.5, -2.3,
                1.9999999).mapToObj(ChartFrame::powerOfTenLabel).toList());
    }

    private static DecimalFormat format(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    private static List<String> labels(DecimalFormat format, double... values) {
        return DoubleStream.of(values).mapToObj(format::format).toList();
    }
}
