package io.lae.figures;

import java.awt.Graphics2D;

/**
 * A figure that paints itself on any {@link Graphics2D}: a PNG's, an SVG document's or a PDF
 * page's, so that one drawing gives every format ({@link FigureOutput} writes them).
 *
 * <p>Sizes are in points, 1/72 inch: a figure 800 points wide prints 11.1 inches wide, and its PNG
 * at {@link FigureOutput#dpi() 144 dpi} is 1600 pixels wide.
 */
public interface Figure {

    /** @return the figure's width in points */
    int width();

    /** @return the figure's height in points */
    int height();

    /**
     * Paints the figure in the rectangle (0, 0, {@link #width()}, {@link #height()}) of {@code g},
     * background included. It leaves {@code g}'s transform and clip as they were.
     *
     * @param g where to paint
     * @throws IllegalStateException    if the figure has nothing to draw yet
     * @throws IllegalArgumentException if its data leave nothing to draw (e.g. every point dropped)
     */
    void paint(Graphics2D g);
}
