package io.lae.figures;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import io.lae.LaeException;
import io.lae.io.AtomicFiles;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.ImageHandlerBase64Encoder;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGGraphics2DIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.w3c.dom.Document;

/**
 * Writes a {@link Figure} in each of the chosen formats: PNG at the chosen resolution, SVG (Apache
 * Batik) and PDF (PDFBox's Graphics2D bridge), all from the same painting. Every file is written
 * to a temporary file beside its target and then moved over it, so a reader never sees half a file.
 *
 * @param formats the formats to write, at least one
 * @param dpi     the PNG's resolution: pixels per inch of a figure whose size is in points (1/72
 *                inch), 72 to 1200; 144 (the default) draws a PNG at twice the figure's size
 */
public record FigureOutput(Set<FigureFormat> formats, int dpi) {

    /** PNG, SVG and PDF, the PNG at 144 dpi (2× the figure's size in points). */
    public static final FigureOutput DEFAULT = new FigureOutput(EnumSet.allOf(FigureFormat.class), 144);

    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    private static final double POINTS_PER_INCH = 72;

    /**
     * @throws LaeException if no format is given or the resolution is outside 72..1200 dpi
     */
    public FigureOutput {
        if (formats == null || formats.isEmpty()) {
            throw new LaeException("no figure format given; use png, svg, pdf or all");
        }
        if (dpi < 72 || dpi > 1200) {
            throw new LaeException("figure resolution " + dpi + " dpi is outside 72..1200");
        }
        formats = Set.copyOf(EnumSet.copyOf(formats));
    }

    /**
     * Writes the figure as {@code base.png}, {@code base.svg} and {@code base.pdf} (those of
     * {@link #formats()}).
     *
     * @param figure the figure
     * @param base   the files' path without extension; its directory must exist
     * @return the files written, in the order PNG, SVG, PDF
     * @throws LaeException if a file cannot be written
     */
    public List<Path> write(Figure figure, Path base) {
        List<Path> written = new ArrayList<>();
        for (FigureFormat format : EnumSet.copyOf(formats)) {
            Path file = base.resolveSibling(base.getFileName() + "." + format.extension());
            byte[] bytes = switch (format) {
                case PNG -> png(figure, file);
                case SVG -> svg(figure).getBytes(StandardCharsets.UTF_8);
                case PDF -> pdf(figure, file);
            };
            AtomicFiles.writeBytes(file, bytes);
            written.add(file);
        }
        return written;
    }

    /** @return the figure painted on a white image of {@code dpi / 72} pixels per point */
    public BufferedImage image(Figure figure) {
        double scale = dpi / POINTS_PER_INCH;
        BufferedImage image = new BufferedImage((int) Math.ceil(figure.width() * scale),
                (int) Math.ceil(figure.height() * scale), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.scale(scale, scale);
        figure.paint(g);
        g.dispose();
        return image;
    }

    private byte[] png(Figure figure, Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image(figure), "png", bytes)) {
                throw new LaeException(file + ": cannot write: this Java runtime has no PNG encoder");
            }
        } catch (IOException e) {
            throw new LaeException(file + ": cannot encode the PNG (" + e.getMessage() + ")", e);
        }
        return bytes.toByteArray();
    }

    /** @return the figure as an SVG document whose text is text (not outlines), in the figure's size in points */
    private static String svg(Figure figure) {
        Document document;
        try {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument(SVG_NAMESPACE, "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("this Java runtime has no XML document builder", e);
        }
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
        context.setComment(null);
        context.setImageHandler(new PngImages());
        SVGGraphics2D g = new SVGGraphics2D(context, false);
        g.setSVGCanvasSize(new Dimension(figure.width(), figure.height()));
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, figure.width(), figure.height());
        figure.paint(g);
        StringWriter svg = new StringWriter();
        try {
            g.stream(svg, true);
        } catch (IOException e) {
            throw new IllegalStateException("writing SVG to a string failed", e);
        }
        g.dispose();
        return svg.toString();
    }

    private static byte[] pdf(Figure figure, Path file) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(figure.width(), figure.height()));
            document.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(document, figure.width(), figure.height());
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, figure.width(), figure.height());
            figure.paint(g);
            g.dispose();
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawForm(g.getXFormObject());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new LaeException(file + ": cannot write the PDF (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Embeds bitmaps (an image grid's digits) in the SVG as PNG data, encoded by the JDK's ImageIO:
     * Batik's own encoder lives in a module of its (batik-codec) that lae leaves out.
     */
    private static final class PngImages extends ImageHandlerBase64Encoder {

        @Override
        public void encodeImage(RenderedImage image, OutputStream out) throws SVGGraphics2DIOException {
            try {
                if (!ImageIO.write(image, "png", out)) {
                    throw new SVGGraphics2DIOException("this Java runtime has no PNG encoder");
                }
            } catch (IOException e) {
                throw new SVGGraphics2DIOException(e);
            }
        }
    }
}
