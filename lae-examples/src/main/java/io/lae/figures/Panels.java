package io.lae.figures;

import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Figures side by side in a grid, filled row by row, with an optional overall title:
 * e.g. the heat maps of three losses in one figure.
 *
 * <pre>{@code
 * Panels cosines = new Panels(3).title("Cosines to the true directions").add(mse).add(product).add(sum);
 * FigureOutput.DEFAULT.write(cosines, dir.resolve("cosines"));
 * }</pre>
 *
 * <p>Every cell of the grid is as wide as the widest panel and as high as the highest; a smaller
 * panel is centred in its cell. The figure is {@code columns × cell width} wide and
 * {@code rows × cell height} high, plus {@link #TITLE_HEIGHT} for each line of the title (a title
 * wider than the panels wraps at spaces).
 */
public final class Panels implements Figure {

    /** The height of the band a line of the overall title takes above the panels, in points. */
    public static final int TITLE_HEIGHT = 48;

    private final int columns;
    private final List<Figure> panels = new ArrayList<>();
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
     * @param figure a figure for the next cell
     * @return these panels
     */
    public Panels add(Figure figure) {
        panels.add(Objects.requireNonNull(figure, "figure"));
        return this;
    }

    /** @throws IllegalStateException if no panel was added */
    @Override
    public int width() {
        requirePanels();
        return columns * cellWidth();
    }

    /** @throws IllegalStateException if no panel was added */
    @Override
    public int height() {
        requirePanels();
        int rows = (panels.size() + columns - 1) / columns;
        return titleLines().size() * TITLE_HEIGHT + rows * cellHeight();
    }

    /** @return the title broken into lines that fit the panels' width; none without a title */
    private List<String> titleLines() {
        return Theme.wrap(Theme.HEADLINE, title, columns * cellWidth() - 2 * Theme.PAD);
    }

    private int cellWidth() {
        return panels.stream().mapToInt(Figure::width).max().orElse(0);
    }

    private int cellHeight() {
        return panels.stream().mapToInt(Figure::height).max().orElse(0);
    }

    private void requirePanels() {
        if (panels.isEmpty()) {
            throw new IllegalStateException("panels '" + title + "' are empty; add a figure first");
        }
    }

    @Override
    public void paint(Graphics2D canvas) {
        requirePanels();
        int cellWidth = cellWidth();
        int cellHeight = cellHeight();
        List<String> lines = titleLines();
        int top = lines.size() * TITLE_HEIGHT;
        Graphics2D g = Theme.graphics(canvas);
        for (int i = 0; i < lines.size(); i++) {
            Theme.text(g, Theme.HEADLINE, lines.get(i), width() / 2.0, (i + 0.5) * TITLE_HEIGHT + 4, 0.5);
        }
        for (int k = 0; k < panels.size(); k++) {
            Figure panel = panels.get(k);
            Graphics2D cell = (Graphics2D) g.create();
            cell.translate((k % columns) * cellWidth + (cellWidth - panel.width()) / 2,
                    top + (k / columns) * cellHeight + (cellHeight - panel.height()) / 2);
            cell.clipRect(0, 0, panel.width(), panel.height());
            panel.paint(cell);
            cell.dispose();
        }
        g.dispose();
    }
}
