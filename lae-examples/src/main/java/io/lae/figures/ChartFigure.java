package io.lae.figures;

/**
 * What lae's XChart figures share: their size in points and whether they draw a legend.
 *
 * @param <F> the figure's own type, which the setters return
 */
public abstract class ChartFigure<F extends ChartFigure<F>> implements Figure {

    private boolean legend = true;
    private int width = 800;
    private int height = 500;

    /**
     * @param visible false to draw no legend (by default it is drawn right of the plot)
     * @return this figure
     */
    public F legend(boolean visible) {
        legend = visible;
        return self();
    }

    /**
     * @param width  points across, at least 200 (default 800)
     * @param height points down, at least 150 (default 500)
     * @return this figure
     */
    public F size(int width, int height) {
        Theme.checkSize(width, height);
        this.width = width;
        this.height = height;
        return self();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** @return whether the legend is drawn */
    protected boolean legendShown() {
        return legend;
    }

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }
}
