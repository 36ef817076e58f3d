package io.lae.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/** A boxed list of series names as text, each after a sample of its line or marker. */
final class Legend {

    /** One series: its name, colour, and how it is drawn. */
    record Entry(String name, Color color, LineFigure.Style style) {
    }

    /** The most entries a legend holds; past that, a figure groups its series or labels them directly. */
    static final int MAX_ENTRIES = 8;

    private static final int PADDING = 8;
    private static final int SAMPLE = 36;
    private static final int DOT = 8;
    private static final int ROW_GAP = 6;

    private final List<Entry> entries;

    Legend(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return whether there is nothing to list */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @return the width of the box in points (0 when empty) */
    int width() {
        if (entries.isEmpty()) {
            return 0;
        }
        int names = entries.stream().mapToInt(e -> Theme.width(Theme.LEGEND, e.name())).max().orElse(0);
        return 2 * PADDING + SAMPLE + PADDING + names;
    }

    /** @return the height of the box in points (0 when empty) */
    int height() {
        return entries.isEmpty() ? 0 : 2 * PADDING + entries.size() * rowHeight() - ROW_GAP;
    }

    /** Draws the legend with its top left corner at (x, y). */
    void draw(Graphics2D canvas, double x, double y) {
        Graphics2D g = Theme.graphics(canvas);
        g.setColor(Theme.BACKGROUND);
        g.fill(new Rectangle2D.Double(x, y, width(), height()));
        g.setColor(Theme.GRID);
        g.setStroke(new BasicStroke(1));
        g.draw(new Rectangle2D.Double(x, y, width(), height()));
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            double centre = y + PADDING + k * rowHeight() + (rowHeight() - ROW_GAP) / 2.0;
            g.setColor(e.color());
            if (e.style() == LineFigure.Style.POINTS) {
                g.fill(new Ellipse2D.Double(x + PADDING + (SAMPLE - DOT) / 2.0, centre - DOT / 2.0, DOT, DOT));
            } else {
                g.setStroke(e.style().stroke());
                g.draw(new Line2D.Double(x + PADDING, centre, x + PADDING + SAMPLE, centre));
            }
            g.setColor(Theme.TEXT);
            Theme.text(g, Theme.LEGEND, e.name(), x + 2 * PADDING + SAMPLE, centre, 0);
        }
        g.dispose();
    }

    private static int rowHeight() {
        return Math.max(Theme.height(Theme.LEGEND), DOT) + ROW_GAP;
    }
}
