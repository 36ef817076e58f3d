package io.lae.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A matrix drawn as a grid of square cells on a colour scale, with a colour bar: e.g. the cosines
 * between found and true directions, black = −1 and white = 1 (Kunin Fig. 4, Bao Fig. 3).
 *
 * <pre>{@code
 * new HeatMap(cosines, -1, 1, ColorMap.GREY).title("UᵀU*").rowLabel("found").columnLabel("true")
 *         .rowSeparators(p).columnSeparators(p);
 * FigureOutput.DEFAULT.write(map, dir.resolve("cosines"));
 * }</pre>
 *
 * <p>Row 0 is at the top. Rows and columns are numbered from 1 along the left and bottom edges.
 * Values outside [min, max] get the scale's end colours.
 */
public final class HeatMap implements Figure {

    /** The largest matrix drawn, in pixels, unless {@link #cellSize(int)} says otherwise. */
    private static final int MAX_MATRIX_WIDTH = 600;
    private static final int MAX_MATRIX_HEIGHT = 480;
    private static final int MIN_CELL = 3;
    private static final int MIN_BAR_HEIGHT = 120;
    private static final int BAR_WIDTH = 18;
    private static final int BAR_GAP = 20;
    private static final int TICK = 4;
    private static final int BAR_TICKS = 5;
    /** Index ticks are this many cells apart at most: the first of these that gives ≤ 10 labels. */
    private static final int[] INDEX_STEPS = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000};

    /** Where everything goes, in pixels: the colour bar's top is level with the matrix's. */
    private record Layout(int cell, int matrixX, int matrixY, int barX, int barHeight, int width, int height) {
    }

    private final double[][] values;
    private final double min;
    private final double max;
    private final ColorMap map;
    private String title = "";
    private String rowLabel = "";
    private String columnLabel = "";
    private int[] rowSeparators = {};
    private int[] columnSeparators = {};
    private int cellSize;

    /**
     * @param values the matrix, rectangular, at least 1 × 1, all finite; it is copied
     * @param min    the value at the low end of the colour scale
     * @param max    the value at the high end, greater than {@code min}
     * @param map    the colour scale
     * @throws IllegalArgumentException if the matrix is empty, ragged or has a NaN or infinite
     *                                  entry, or if not {@code min < max}
     */
    public HeatMap(double[][] values, double min, double max, ColorMap map) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("heat map matrix is empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != values[0].length) {
                throw new IllegalArgumentException("heat map matrix is ragged: row " + i + " has "
                        + values[i].length + " values, row 0 has " + values[0].length);
            }
            for (int j = 0; j < values[i].length; j++) {
                if (!Double.isFinite(values[i][j])) {
                    throw new IllegalArgumentException("heat map entry (" + i + ", " + j + ") is " + values[i][j]);
                }
            }
        }
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("heat map scale [" + min + ", " + max
                    + "] is not two finite numbers with min < max");
        }
        this.values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
        this.min = min;
        this.max = max;
        this.map = Objects.requireNonNull(map, "map");
    }

    /**
     * @param title the title above the heat map
     * @return this heat map
     */
    public HeatMap title(String title) {
        this.title = Objects.requireNonNull(title, "title");
        return this;
    }

    /**
     * @param label the title of the rows, left of them, reading upwards
     * @return this heat map
     */
    public HeatMap rowLabel(String label) {
        rowLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /**
     * @param label the title of the columns, below them
     * @return this heat map
     */
    public HeatMap columnLabel(String label) {
        columnLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /**
     * @param indices rows, 1 to rows − 1, above which a thin line separates blocks
     * @return this heat map
     */
    public HeatMap rowSeparators(int... indices) {
        rowSeparators = checkSeparators(indices, values.length, "row");
        return this;
    }

    /**
     * @param indices columns, 1 to columns − 1, left of which a thin line separates blocks
     * @return this heat map
     */
    public HeatMap columnSeparators(int... indices) {
        columnSeparators = checkSeparators(indices, values[0].length, "column");
        return this;
    }

    /**
     * @param pixels the side of a cell, at least 3; by default cells are as large as fits about
     *               600 × 480 pixels (4 pixels for a 100 × 100 matrix, 240 for 2 × 2)
     * @return this heat map
     */
    public HeatMap cellSize(int pixels) {
        if (pixels < MIN_CELL) {
            throw new IllegalArgumentException("heat map cell size " + pixels + " is below " + MIN_CELL + " pixels");
        }
        cellSize = pixels;
        return this;
    }

    /**
     * @param row    a row, from 0
     * @param column a column, from 0
     * @return where the cell is drawn in the painted figure
     */
    public Rectangle cellBounds(int row, int column) {
        Objects.checkIndex(row, values.length);
        Objects.checkIndex(column, values[0].length);
        Layout l = layout();
        return new Rectangle(l.matrixX() + column * l.cell(), l.matrixY() + row * l.cell(), l.cell(), l.cell());
    }

    @Override
    public int width() {
        return layout().width();
    }

    @Override
    public int height() {
        return layout().height();
    }

    @Override
    public void paint(Graphics2D canvas) {
        Layout l = layout();
        Graphics2D g = Theme.graphics(canvas);
        int rows = values.length;
        int columns = values[0].length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                g.setColor(new Color(map.rgb(values[i][j], min, max)));
                g.fillRect(l.matrixX() + j * l.cell(), l.matrixY() + i * l.cell(), l.cell(), l.cell());
            }
        }
        int matrixWidth = columns * l.cell();
        int matrixHeight = rows * l.cell();
        drawSeparators(g, l, matrixWidth, matrixHeight);
        Theme.frame(g, l.matrixX(), l.matrixY(), matrixWidth, matrixHeight);
        drawIndices(g, l, rows, columns);
        if (!title.isEmpty()) {
            Theme.text(g, Theme.TITLE, title, l.width() / 2.0, Theme.PAD + Theme.height(Theme.TITLE) / 2.0, 0.5);
        }
        if (!columnLabel.isEmpty()) {
            Theme.text(g, Theme.LABEL, columnLabel, l.matrixX() + matrixWidth / 2.0,
                    l.matrixY() + matrixHeight + indexHeight() + Theme.height(Theme.LABEL) / 2.0, 0.5);
        }
        if (!rowLabel.isEmpty()) {
            Theme.verticalText(g, Theme.LABEL, rowLabel, Theme.PAD + Theme.height(Theme.LABEL) / 2.0,
                    l.matrixY() + matrixHeight / 2.0);
        }
        drawColourBar(g, l);
        g.dispose();
    }

    private Layout layout() {
        int rows = values.length;
        int columns = values[0].length;
        int cell = cellSize > 0 ? cellSize
                : Math.max(MIN_CELL, Math.min(MAX_MATRIX_WIDTH / columns, MAX_MATRIX_HEIGHT / rows));
        int top = Theme.PAD + (title.isEmpty() ? 0 : Theme.height(Theme.TITLE) + Theme.PAD);
        int left = Theme.PAD + (rowLabel.isEmpty() ? 0 : Theme.height(Theme.LABEL) + TICK)
                + Theme.width(Theme.TICK, Integer.toString(rows)) + 2 * TICK;
        int barX = left + columns * cell + BAR_GAP;
        int barLabels = IntStream.range(0, BAR_TICKS).map(k -> Theme.width(Theme.TICK, Theme.number(barValue(k))))
                .max().orElseThrow();
        int width = Math.max(barX + BAR_WIDTH + 2 * TICK + barLabels, Theme.PAD + Theme.width(Theme.TITLE, title))
                + Theme.PAD;
        int barHeight = Math.max(rows * cell, MIN_BAR_HEIGHT);
        int matrixAndLabels = rows * cell + indexHeight() + (columnLabel.isEmpty() ? 0 : Theme.height(Theme.LABEL));
        int height = top + Math.max(matrixAndLabels, barHeight + Theme.height(Theme.TICK) / 2) + Theme.PAD;
        return new Layout(cell, left, top, barX, barHeight, width, height);
    }

    /** @return the height of the column numbers under the matrix */
    private static int indexHeight() {
        return Theme.height(Theme.TICK) + 2 * TICK;
    }

    private double barValue(int tick) {
        return min + (max - min) * tick / (BAR_TICKS - 1);
    }

    private void drawSeparators(Graphics2D g, Layout l, int matrixWidth, int matrixHeight) {
        int thickness = l.cell() >= 12 ? 2 : 1;
        g.setColor(map.separator());
        for (int i : rowSeparators) {
            g.fillRect(l.matrixX(), l.matrixY() + i * l.cell() - thickness / 2, matrixWidth, thickness);
        }
        for (int j : columnSeparators) {
            g.fillRect(l.matrixX() + j * l.cell() - thickness / 2, l.matrixY(), thickness, matrixHeight);
        }
    }

    /** Numbers rows and columns from 1 at round intervals. */
    private static void drawIndices(Graphics2D g, Layout l, int rows, int columns) {
        g.setColor(Theme.TEXT);
        double below = l.matrixY() + rows * l.cell() + indexHeight() / 2.0;
        for (int j : indices(columns)) {
            Theme.text(g, Theme.TICK, Integer.toString(j + 1), l.matrixX() + (j + 0.5) * l.cell(), below, 0.5);
        }
        for (int i : indices(rows)) {
            Theme.text(g, Theme.TICK, Integer.toString(i + 1), l.matrixX() - 2 * TICK,
                    l.matrixY() + (i + 0.5) * l.cell(), 1);
        }
    }

    /**
     * @return the 0-based indices to number: every step-th from 1 (2, 4, 6 … or 10, 20 …), and
     *         the first one too where the step is 5 or more
     */
    private static int[] indices(int count) {
        int step = Arrays.stream(INDEX_STEPS).filter(s -> count / s <= 10).findFirst().orElse(count);
        IntStream multiples = IntStream.iterate(step - 1, i -> i < count, i -> i + step);
        return (step >= 5 ? IntStream.concat(IntStream.of(0), multiples) : multiples).toArray();
    }

    private void drawColourBar(Graphics2D g, Layout l) {
        for (int k = 0; k < l.barHeight(); k++) {
            g.setColor(new Color(map.rgb(1 - k / (l.barHeight() - 1.0))));
            g.fillRect(l.barX(), l.matrixY() + k, BAR_WIDTH, 1);
        }
        Theme.frame(g, l.barX(), l.matrixY(), BAR_WIDTH, l.barHeight());
        int right = l.barX() + BAR_WIDTH;
        for (int k = 0; k < BAR_TICKS; k++) {
            int y = l.matrixY() + (int) Math.round((l.barHeight() - 1) * (1 - k / (BAR_TICKS - 1.0)));
            g.setColor(Theme.FRAME);
            g.drawLine(right, y, right + TICK, y);
            g.setColor(Theme.TEXT);
            Theme.text(g, Theme.TICK, Theme.number(barValue(k)), right + 2 * TICK, y, 0);
        }
    }

    private static int[] checkSeparators(int[] indices, int count, String what) {
        for (int i : indices) {
            if (i < 1 || i >= count) {
                throw new IllegalArgumentException("heat map " + what + " separator " + i + " is outside 1.."
                        + (count - 1));
            }
        }
        return indices.clone();
    }
}
