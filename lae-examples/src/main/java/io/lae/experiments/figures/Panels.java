package io.lae.experiments.figures;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rendered figures side by side in a grid, filled row by row, with an optional overall title:
 * e.g. the heat maps of three losses in one PNG.
 *
 * <pre>{@code
 * new Panels(3).title("Cosines to the true directions").add(mse).add(product).add(sum)
 *         .save(dir.resolve("cosines.png"));
 * }</pre>
 *
 * <p>Every cell of the grid is as wide as the widest panel and as high as the highest; a smaller
 * panel is centred in its cell. The image is {@code columns × cell width} wide and
 * {@code rows × cell height} high, plus {@link #TITLE_HEIGHT} with a title.
 */
public final class Panels implements Figure {

    /** The height of the band the overall title takes above the panels, in pixels. */
    public static final int TITLE_HEIGHT = 48;

    private final int columns;
    private final List<BufferedImage> panels = new ArrayList<>();
    private String title = "";

    /** @param columns how many panels go side by side, 1 or more */
    public Panels(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("panels need at least 1 column, not " + columns);
        }
        this.columns = columns;
    }

    /**
     * @param title the overall title above the panels
     * @return these panels
     */
    public Panels title(String title) {
        this.title = Objects.requireNonNull(title, "title");
        return this;
    }

    /**
     * @param panel an image for the next cell
     * @return these panels
     */
    public Panels add(BufferedImage panel) {
        panels.add(Objects.requireNonNull(panel, "panel"));
        return this;
    }

    /**
     * @param figure a figure, rendered now, for the next cell
     * @return these panels
     */
    public Panels add(Figure figure) {
        return add(figure.render());
    }

    @Override
    public BufferedImage render() {
        if (panels.isEmpty()) {
            throw new IllegalStateException("panels '" + title + "' are empty; add a figure first");
        }
        int cellWidth = panels.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int cellHeight = panels.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
        int rows = (panels.size() + columns - 1) / columns;
        int top = title.isEmpty() ? 0 : TITLE_HEIGHT;
        BufferedImage image = Theme.canvas(columns * cellWidth, top + rows * cellHeight);
        Graphics2D g = Theme.graphics(image);
        if (!title.isEmpty()) {
            Theme.text(g, Theme.HEADLINE, title, image.getWidth() / 2.0, TITLE_HEIGHT / 2.0 + 4, 0.5);
        }
        for (int k = 0; k < panels.size(); k++) {
            BufferedImage panel = panels.get(k);
            g.drawImage(panel, (k % columns) * cellWidth + (cellWidth - panel.getWidth()) / 2,
                    top + (k / columns) * cellHeight + (cellHeight - panel.getHeight()) / 2, null);
        }
        g.dispose();
        return image;
    }
}
