package io.lae.figures;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rows of small grey images, each row labelled at its left: decoder columns and principal
 * directions as 28 × 28 digits, or inputs beside their reconstructions.
 *
 * <pre>{@code
 * new ImageGrid(28, 28, ImageGrid.Normalisation.SYMMETRIC).title("Decoder columns")
 *         .columnTitles("1", "2", "3").addRow("PCA", u1, u2, u3).addRow("ordered loss", w1, w2, w3);
 * }</pre>
 *
 * <p>Images are flat vectors in row-major order, scaled up (×3 by default) with nearest-neighbour
 * pixels so that each value stays one sharp square.
 */
public final class ImageGrid implements Figure {

    /** How an image's values become grey levels, each image on its own. */
    public enum Normalisation {

        /** Symmetric about 0, for vectors of arbitrary sign: 0 is mid-grey, ±max|v| white and black. */
        SYMMETRIC {
            @Override
            double[] positions(double[] image) {
                double scale = Arrays.stream(image).map(Math::abs).max().orElseThrow();
                return Arrays.stream(image).map(v -> scale == 0 ? 0.5 : 0.5 + 0.5 * v / scale).toArray();
            }
        },

        /** The fixed range [0, 1], for pixel intensities: 0 is black, 1 white, beyond clamped. */
        UNIT {
            @Override
            double[] positions(double[] image) {
                return image;
            }
        };

        /** @return where each of the image's values lies on the grey scale from 0 (black) to 1 (white) */
        abstract double[] positions(double[] image);
    }

    private static final int GAP = 6;

    private record Row(String label, double[][] images) {
    }

    private final int height;
    private final int width;
    private final Normalisation normalisation;
    private final List<Row> rows = new ArrayList<>();
    private String title = "";
    private String[] columnTitles = {};
    private int scale = 3;

    /**
     * @param height        rows of pixels in each image
     * @param width         pixels in each row of an image
     * @param normalisation how values become grey levels
     */
    public ImageGrid(int height, int width, Normalisation normalisation) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size " + height + " × " + width + " is empty");
        }
        this.height = height;
        this.width = width;
        this.normalisation = Objects.requireNonNull(normalisation, "normalisation");
    }

    /**
     * @param title the title above the grid
     * @return this grid
     */
    public ImageGrid title(String title) {
        this.title = Objects.requireNonNull(title, "title");
        return this;
    }

    /**
     * @param titles a title above each column of images; fewer titles leave the last columns bare
     * @return this grid
     */
    public ImageGrid columnTitles(String... titles) {
        columnTitles = titles.clone();
        return this;
    }

    /**
     * @param factor how many screen pixels wide and high each image pixel is, 1 or more (default 3)
     * @return this grid
     */
    public ImageGrid scale(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("image scale " + factor + " is below 1");
        }
        scale = factor;
        return this;
    }

    /**
     * Adds a row of images below the rows added before.
     *
     * @param label  the row's label, drawn at its left ("" for none)
     * @param images one or more images, each {@code height × width} finite values, row-major; copied
     * @return this grid
     * @throws IllegalArgumentException if there is no image, or one has the wrong length or a NaN
     *                                  or infinite value
     */
    public ImageGrid addRow(String label, double[]... images) {
        Objects.requireNonNull(label, "label");
        if (images.length == 0) {
            throw new IllegalArgumentException("image row '" + label + "' has no images");
        }
        for (int k = 0; k < images.length; k++) {
            if (images[k].length != height * width) {
                throw new IllegalArgumentException("image " + k + " of row '" + label + "' has " + images[k].length
                        + " values; expected " + height + " × " + width + " = " + height * width);
            }
            if (!Arrays.stream(images[k]).allMatch(Double::isFinite)) {
                throw new IllegalArgumentException("image " + k + " of row '" + label
                        + "' has a NaN or infinite value");
            }
        }
        rows.add(new Row(label, Arrays.stream(images).map(double[]::clone).toArray(double[][]::new)));
        return this;
    }

    /**
     * @param row    a row, from 0, in the order added
     * @param column an image in that row, from 0
     * @return where the image is drawn in the painted figure
     */
    public Rectangle imageBounds(int row, int column) {
        Objects.checkIndex(column, rows.get(row).images().length);
        return new Rectangle(left() + column * (width * scale + GAP), top() + row * (height * scale + GAP),
                width * scale, height * scale);
    }

    @Override
    public int width() {
        return Math.max(left() + gridWidth(), Theme.PAD + Theme.width(Theme.TITLE, title)) + Theme.PAD;
    }

    @Override
    public int height() {
        return top() + rows.size() * (height * scale + GAP) - GAP + Theme.PAD;
    }

    private int gridWidth() {
        int columns = Math.max(columnTitles.length, rows.stream().mapToInt(r -> r.images().length).max().orElse(0));
        return columns * (width * scale + GAP) - GAP;
    }

    /** Paints the grid; each image is a bitmap of its pixels, scaled without smoothing. */
    @Override
    public void paint(Graphics2D canvas) {
        if (rows.isEmpty()) {
            throw new IllegalStateException("image grid '" + title + "' has no rows; add one first");
        }
        Graphics2D g = Theme.graphics(canvas);
        // each value one sharp square, in the PNG and in viewers of the SVG and PDF
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        if (!title.isEmpty()) {
            Theme.text(g, Theme.TITLE, title, width() / 2.0, Theme.PAD + Theme.height(Theme.TITLE) / 2.0, 0.5);
        }
        for (int j = 0; j < columnTitles.length; j++) {
            Theme.text(g, Theme.TICK, columnTitles[j], left() + j * (width * scale + GAP) + width * scale / 2.0,
                    top() - GAP - Theme.height(Theme.TICK) / 2.0, 0.5);
        }
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Rectangle first = imageBounds(i, 0);
            Theme.text(g, Theme.LABEL, row.label(), first.x - 2 * GAP, first.getCenterY(), 1);
            for (int j = 0; j < row.images().length; j++) {
                Rectangle at = imageBounds(i, j);
                g.drawImage(bitmap(row.images()[j]), at.x, at.y, at.width, at.height, null);
            }
        }
        g.dispose();
    }

    /** @return the image at one pixel per value, grey by {@link #normalisation} */
    private BufferedImage bitmap(double[] pixels) {
        double[] grey = normalisation.positions(pixels);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                image.setRGB(c, r, ColorMap.GREY.rgb(grey[r * width + c]));
            }
        }
        return image;
    }

    /** @return the x of the first column of images, right of the widest row label */
    private int left() {
        int labels = rows.stream().mapToInt(r -> Theme.width(Theme.LABEL, r.label())).max().orElse(0);
        return Theme.PAD + (labels == 0 ? 0 : labels + 2 * GAP);
    }

    /** @return the y of the first row of images, below the title and the column titles */
    private int top() {
        return Theme.PAD + (title.isEmpty() ? 0 : Theme.height(Theme.TITLE) + Theme.PAD)
                + (columnTitles.length == 0 ? 0 : Theme.height(Theme.TICK) + GAP);
    }
}
