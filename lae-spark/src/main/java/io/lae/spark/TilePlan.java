package io.lae.spark;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the second pass splits the products when one task's n'×n' partial would not fit its share of an executor:
 * Σx̃x̃ᵀ and Σỹx̃ᵀ in b×b tiles (the last row and column of tiles narrower), Σx̃x̃ᵀ's upper triangle of tiles only
 * (it is symmetric), {@code tilesPerTask} tiles per task. A task reads its rows once per group of tiles, so the data
 * are read ⌈tiles / tilesPerTask⌉ times; each tile is summed over the tasks by key.
 *
 * <p>A task's partial takes {@value #COPIES} copies of its float64 products at most (ND4J's sums, their heap copy,
 * the serialized result, the merge): the products are tiled when 4·8·(n'² + [r]·n·n') bytes exceed the task's
 * memory, and then {@code tilesPerTask} = ⌊task memory / (4·8·b²)⌋.
 *
 * @param size         b, the tile's side
 * @param tilesPerTask the tiles a task sums at once (at least 1)
 */
record TilePlan(int size, int tilesPerTask) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    /** The copies of a partial a task holds at most. */
    static final int COPIES = 4;
    /** b unless set: 1024 (8 MiB a tile). */
    static final int DEFAULT_SIZE = 1024;

    /** Checks that both are positive. */
    TilePlan {
        if (size < 1 || tilesPerTask < 1) {
            throw new IllegalArgumentException("a tile plan needs a positive size and tiles per task");
        }
    }

    /**
     * @param inputDim   n'
     * @param outputDim  n
     * @param regression whether Y ≠ X (Σỹx̃ᵀ is a product of its own)
     * @param taskBytes  the memory a task may use
     * @return empty when the whole partial fits a task, else the plan with b = min(1024, n')
     */
    static Optional<TilePlan> forMemory(int inputDim, int outputDim, boolean regression, long taskBytes) {
        double products = (double) inputDim * inputDim + (regression ? (double) outputDim * inputDim : 0);
        if (COPIES * 8.0 * products <= taskBytes) {
            return Optional.empty();
        }
        int size = Math.min(DEFAULT_SIZE, inputDim);
        return Optional.of(new TilePlan(size, (int) Math.max(1, taskBytes / (COPIES * 8L * size * size))));
    }

    /**
     * @param inputDim  n'
     * @param outputDim n
     * @param regression whether Y ≠ X
     * @return the tiles to sum: (I, J) with I ≤ J of Σx̃x̃ᵀ, and every (I, J) of Σỹx̃ᵀ for a regression
     */
    List<Tile> tiles(int inputDim, int outputDim, boolean regression) {
        int across = (inputDim + size - 1) / size;
        List<Tile> tiles = new ArrayList<>();
        for (int i = 0; i < across; i++) {
            for (int j = i; j < across; j++) {
                tiles.add(new Tile(Tile.Kind.XX, i, j));
            }
        }
        if (regression) {
            for (int i = 0; i < (outputDim + size - 1) / size; i++) {
                for (int j = 0; j < across; j++) {
                    tiles.add(new Tile(Tile.Kind.YX, i, j));
                }
            }
        }
        return tiles;
    }

    /**
     * A key of the tiled sums: tile (row, column) of a product, or the vector sums.
     *
     * @param kind   which product, or the vectors
     * @param row    the tile's row I (rows I·b … of the product)
     * @param column the tile's column J
     */
    record Tile(Kind kind, int row, int column) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        /** What a key sums. */
        enum Kind {
            /** a tile of Σx̃x̃ᵀ */
            XX,
            /** a tile of Σỹx̃ᵀ */
            YX,
            /** m, Σx̃, Σỹ and Σ‖ỹ‖², in that order */
            VECTORS
        }
    }
}
