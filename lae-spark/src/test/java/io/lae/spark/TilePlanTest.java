package io.lae.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.spark.TilePlan.Tile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tiling decision and the tiles, at the sizes docs/performance.md's cost model works through. */
class TilePlanTest {

    private static final long TASK = (long) (0.4 * ((16L << 30) - (300L << 20)) / 4); // 16 GiB executors, 4 cores

    @Test
    void untiledWhileFourCopiesOfThePartialFitTheTask() {
        assertTrue(TilePlan.forMemory(4000, 4000, false, TASK).isEmpty());
        assertTrue(TilePlan.forMemory(8000, 8000, false, TASK).isPresent());
        // a regression's Σỹx̃ᵀ counts too
        assertTrue(TilePlan.forMemory(5000, 6000, true, TASK).isPresent());
    }

    @Test
    void costModelSizes() {
        TilePlan plan = TilePlan.forMemory(20_000, 20_000, false, TASK).orElseThrow();
        assertEquals(new TilePlan(1024, 50), plan);
        List<Tile> tiles = plan.tiles(20_000, 20_000, false);
        assertEquals(210, tiles.size()); // k = 20 across, the upper triangle
        assertEquals(5, (tiles.size() + plan.tilesPerTask() - 1) / plan.tilesPerTask());
    }

    @Test
    void regressionTilesCoverTheUpperTriangleAndAllOfSigmaYX() {
        List<Tile> tiles = new TilePlan(4, 1).tiles(9, 5, true);
        assertEquals(6, tiles.stream().filter(t -> t.kind() == Tile.Kind.XX).count()); // 3 across: 3 + 2 + 1
        assertEquals(2 * 3, tiles.stream().filter(t -> t.kind() == Tile.Kind.YX).count()); // ⌈5/4⌉ × ⌈9/4⌉
        assertTrue(tiles.stream().filter(t -> t.kind() == Tile.Kind.XX).allMatch(t -> t.row() <= t.column()));
    }
}
