package io.lae.experiments.figures;

import java.util.Objects;

/**
 * What the figures drawn on one {@link AxesPlot} share: a title, axis titles, a legend that can be
 * hidden and a size.
 *
 * @param <F> the figure's own type, which the fluent setters return
 */
abstract class AxesFigure<F extends AxesFigure<F>> implements Figure {

    final String title;
    final String xLabel;
    final String yLabel;
    boolean legend = true;
    int width = 800;
    int height = 500;

    /**
     * @param title  the title above the plot ("" for none)
     * @param xLabel the x axis title ("" for none)
     * @param yLabel the y axis title ("" for none)
     */
    AxesFigure(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    }

    /** @return this figure, as its own type */
    abstract F self();

    /**
     * @param visible false to draw no legend (it is drawn by default, right of the plot)
     * @return this figure
     */
    public F legend(boolean visible) {
        legend = visible;
        return self();
    }

    /**
     * @param width  pixels across, at least 200 (default 800)
     * @param height pixels down, at least 150 (default 500)
     * @return this figure
     */
    public F size(int width, int height) {
        Theme.checkSize(width, height);
        this.width = width;
        this.height = height;
        return self();
    }
}
