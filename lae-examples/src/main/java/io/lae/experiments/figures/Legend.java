package io.lae.experiments.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.List;

/** A boxed list of series names, each after a sample of its line or marker. */
final class Legend {

    /** One series: its name, colour, and how it is drawn. */
    record Entry(String name, Color color, LineFigure.Style style) {
    }

    private static final int PADDING = 8;
    private static final int SAMPLE = 36;
    private static final int DOT = 8;
    private static final int ROW_GAP = 6;

    private final List<Entry> entries;

    Legend(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    int width() {
        int names = entries.stream().mapToInt(e -> Theme.width(Theme.LEGEND, e.name())).max().orElse(0);
        return 2 * PADDING + SAMPLE + PADDING + names;
    }

    int height() {
        return 2 * PADDING + entries.size() * rowHeight() - ROW_GAP;
    }

    /** Draws the legend with its top left corner at (x, y). */
    void draw(Graphics2D g, int x, int y) {
        g.setColor(Theme.BACKGROUND);
        g.fillRect(x, y, width(), height());
        g.setColor(Theme.GRID);
        g.drawRect(x, y, width(), height());
        Graphics2D samples = Theme.smooth(g);
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            double centre = y + PADDING + k * rowHeight() + (rowHeight() - ROW_GAP) / 2.0;
            samples.setColor(e.color());
            if (e.style() == LineFigure.Style.POINTS) {
                Theme.dot(samples, x + PADDING + SAMPLE / 2.0, centre, DOT);
            } else {
                samples.setStroke(e.style().stroke());
                samples.drawLine(x + PADDING, (int) Math.round(centre), x + PADDING + SAMPLE, (int) Math.round(centre));
            }
            g.setColor(Theme.TEXT);
            Theme.text(g, Theme.LEGEND, e.name(), x + 2 * PADDING + SAMPLE, centre, 0);
        }
        samples.dispose();
    }

    private static int rowHeight() {
        return Math.max(Theme.height(Theme.LEGEND), DOT) + ROW_GAP;
    }
}
