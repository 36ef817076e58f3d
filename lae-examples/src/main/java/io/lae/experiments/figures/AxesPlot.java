package io.lae.experiments.figures;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The frame of an x-y plot, drawn with Java2D: title, axes with ticks, grid, axis titles and a
 * legend at the right; the figure draws its content inside. (XChart strokes each segment of a
 * line on its own, which restarts a dash pattern at every point: dense dashed curves came out solid.)
 */
final class AxesPlot {

    private static final int TICK = 5;
    /** Pixels per tick at least, along x and y; x labels are wider than they are high. */
    private static final int X_TICK_SPACING = 90;
    private static final int Y_TICK_SPACING = 50;
    private static final int MIN_AREA = 60;

    private final String title;
    /** The title broken into lines that fit the figure's width. */
    private final List<String> titleLines;
    private final String xLabel;
    private final String yLabel;
    private final int width;
    private final int height;
    private final Legend legend;
    private final Axis x;
    private final Axis y;
    private final Axis.Ticks xTicks;
    private final Axis.Ticks yTicks;
    private final Rectangle area;

    /**
     * @param legend the legend, or null for none
     * @throws IllegalArgumentException if the figure is too small to hold the plot beside its legend
     */
    AxesPlot(String title, String xLabel, String yLabel, int width, int height, Axis x, Axis y, Legend legend) {
        this.title = title;
        this.titleLines = Theme.wrap(Theme.TITLE, title, width - 2 * Theme.PAD);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
        this.legend = legend;
        this.x = x;
        this.y = y;
        int top = Theme.PAD + (titleLines.isEmpty() ? 0 : titleLines.size() * Theme.height(Theme.TITLE) + Theme.PAD);
        int bottom = height - Theme.PAD - (xLabel.isEmpty() ? 0 : Theme.height(Theme.LABEL) + TICK)
                - Theme.height(Theme.TICK) - 2 * TICK;
        yTicks = y.ticks(Math.max(2, (bottom - top) / Y_TICK_SPACING));
        int yTickLabels = Stream.of(yTicks.labels()).mapToInt(l -> Theme.width(Theme.TICK, l)).max().orElse(0);
        int left = Theme.PAD + (yLabel.isEmpty() ? 0 : Theme.height(Theme.LABEL) + 2 * TICK) + yTickLabels + 2 * TICK;
        int right = width - Theme.PAD - (legend == null ? 0 : legend.width() + Theme.PAD);
        if (right - left < MIN_AREA || bottom - top < MIN_AREA) {
            throw new IllegalArgumentException("figure '" + title + "' is too small (" + width + " × " + height
                    + ") for its plot" + (legend == null ? "" : " and legend"));
        }
        area = new Rectangle(left, top, right - left, bottom - top);
        xTicks = x.ticks(Math.max(2, area.width / X_TICK_SPACING));
    }

    /**
     * @return the plot with its linear axes widened so that one unit is as long on both; a
     *         widened y axis can change the tick labels and so the plot's width, hence a few passes
     */
    AxesPlot withEqualAspect() {
        AxesPlot plot = this;
        for (int pass = 0; pass < 4; pass++) {
            double ratio = plot.area.width / (plot.x.max() - plot.x.min())
                    / (plot.area.height / (plot.y.max() - plot.y.min()));
            if (Math.abs(ratio - 1) < 1e-3) {
                break;
            }
            plot = new AxesPlot(title, xLabel, yLabel, width, height, ratio > 1 ? plot.x.widen(ratio) : plot.x,
                    ratio > 1 ? plot.y : plot.y.widen(1 / ratio), legend);
        }
        return plot;
    }

    /** @return the horizontal pixel of the value {@code v} on the x axis */
    double screenX(double v) {
        return area.x + x.fraction(v) * area.width;
    }

    /** @return the vertical pixel of the value {@code v} on the y axis */
    double screenY(double v) {
        return area.y + area.height - y.fraction(v) * area.height;
    }

    /** @return the plot area, where the content goes */
    Rectangle area() {
        return new Rectangle(area);
    }

    /**
     * @param content draws the data, with anti-aliasing, clipped to the plot area
     * @return the whole figure
     */
    BufferedImage draw(Consumer<Graphics2D> content) {
        BufferedImage image = Theme.canvas(width, height);
        Graphics2D g = Theme.graphics(image);
        g.setColor(Theme.GRID);
        for (double v : xTicks.values()) {
            int px = (int) Math.round(screenX(v));
            g.drawLine(px, area.y, px, area.y + area.height);
        }
        for (double v : yTicks.values()) {
            int py = (int) Math.round(screenY(v));
            g.drawLine(area.x, py, area.x + area.width, py);
        }
        Graphics2D inside = Theme.smooth(g);
        inside.clip(area);
        content.accept(inside);
        inside.dispose();
        Theme.frame(g, area.x, area.y, area.width, area.height);
        drawTicks(g);
        double centreX = area.getCenterX();
        for (int i = 0; i < titleLines.size(); i++) {
            // centred over the plot, but kept inside the figure when the legend pushes the plot aside
            double half = Theme.width(Theme.TITLE, titleLines.get(i)) / 2.0;
            double x = Math.max(Theme.PAD + half, Math.min(width - Theme.PAD - half, centreX));
            Theme.text(g, Theme.TITLE, titleLines.get(i), x, Theme.PAD + (i + 0.5) * Theme.height(Theme.TITLE), 0.5);
        }
        if (!xLabel.isEmpty()) {
            Theme.text(g, Theme.LABEL, xLabel, centreX, height - Theme.PAD - Theme.height(Theme.LABEL) / 2.0, 0.5);
        }
        if (!yLabel.isEmpty()) {
            Theme.verticalText(g, Theme.LABEL, yLabel, Theme.PAD + Theme.height(Theme.LABEL) / 2.0, area.getCenterY());
        }
        if (legend != null) {
            legend.draw(g, area.x + area.width + Theme.PAD, (int) area.getCenterY() - legend.height() / 2);
        }
        g.dispose();
        return image;
    }

    private void drawTicks(Graphics2D g) {
        int bottom = area.y + area.height;
        double labelY = bottom + 2 * TICK + Theme.height(Theme.TICK) / 2.0;
        for (int k = 0; k < xTicks.values().length; k++) {
            int px = (int) Math.round(screenX(xTicks.values()[k]));
            g.setColor(Theme.FRAME);
            g.drawLine(px, bottom, px, bottom + TICK);
            g.setColor(Theme.TEXT);
            Theme.text(g, Theme.TICK, xTicks.labels()[k], px, labelY, 0.5);
        }
        for (int k = 0; k < yTicks.values().length; k++) {
            int py = (int) Math.round(screenY(yTicks.values()[k]));
            g.setColor(Theme.FRAME);
            g.drawLine(area.x - TICK - 1, py, area.x - 1, py);
            g.setColor(Theme.TEXT);
            Theme.text(g, Theme.TICK, yTicks.labels()[k], area.x - 2 * TICK, py, 1);
        }
    }
}
