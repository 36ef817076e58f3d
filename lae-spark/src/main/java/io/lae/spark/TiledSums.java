package io.lae.spark;

import io.lae.spark.TilePlan.Tile;
import io.lae.stats.ShiftedSums;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.Tuple2;

/**
 * The second pass in tiles ({@link TilePlan}): with x̃ = x − s_x and ỹ = y − s_y, tile (I, J) of Σx̃x̃ᵀ is
 * Σ x̃_I x̃_Jᵀ over the rows, x̃_I the I-th b columns of a row (a GEMM x̃_Iᵀx̃_J per block of rows), and likewise
 * Σ ỹ_I x̃_Jᵀ. Every task sums the tiles of one group over its rows and emits them keyed by tile; the sums are
 * added by key ({@code reduceByKey}) and come to the driver one tile at a time, which places them (and the
 * transpose of each off-diagonal tile of Σx̃x̃ᵀ) into the n'×n' and n×n' sums. The first group also sums m, Σx̃,
 * Σỹ and Σ‖ỹ‖². The result is the {@link ShiftedSums} the untiled pass gives, up to rounding.
 */
final class TiledSums {

    private static final WorkspaceConfiguration BLOCK = WorkspaceConfiguration.builder()
            .policyLearning(LearningPolicy.FIRST_LOOP).build();
    private static final String BLOCK_ID = "lae-spark-tiles";
    private static final Tile VECTORS = new Tile(Tile.Kind.VECTORS, 0, 0);

    private TiledSums() {
    }

    /**
     * @param blocks the samples
     * @param shiftX s_x
     * @param shiftY s_y, or null for an autoencoder
     * @param plan   the tile size and tiles per task
     * @return the sums of all samples about the shift
     */
    static ShiftedSums of(JavaRDD<PairedBlock> blocks, double[] shiftX, double[] shiftY, TilePlan plan) {
        int inputDim = shiftX.length;
        boolean regression = shiftY != null;
        int outputDim = regression ? shiftY.length : inputDim;
        List<Tile> tiles = plan.tiles(inputDim, outputDim, regression);
        JavaPairRDD<Tile, double[]> parts = null;
        for (int start = 0; start < tiles.size(); start += plan.tilesPerTask()) {
            List<Tile> group = List.copyOf(tiles.subList(start, Math.min(tiles.size(), start + plan.tilesPerTask())));
            boolean vectors = start == 0;
            JavaPairRDD<Tile, double[]> part = blocks.mapPartitionsToPair(
                    rows -> sum(rows, group, vectors, shiftX, shiftY, plan.size()));
            parts = parts == null ? part : parts.union(part);
        }
        double[] productXX = new double[inputDim * inputDim];
        double[] productYX = regression ? new double[outputDim * inputDim] : null;
        double[] vectors = null;
        Iterator<Tuple2<Tile, double[]>> summed = parts.reduceByKey(TiledSums::added, tiles.size() + 1)
                .toLocalIterator();
        while (summed.hasNext()) {
            Tuple2<Tile, double[]> tile = summed.next();
            switch (tile._1().kind()) {
                case XX -> place(productXX, inputDim, tile._1(), tile._2(), inputDim, plan.size(), true);
                case YX -> place(productYX, inputDim, tile._1(), tile._2(), outputDim, plan.size(), false);
                case VECTORS -> vectors = tile._2();
            }
        }
        long count = (long) vectors[0];
        double[] sumX = Arrays.copyOfRange(vectors, 1, 1 + inputDim);
        if (!regression) {
            return new ShiftedSums(inputDim, inputDim, true, shiftX, null, productXX, null, sumX, null, 0, count);
        }
        double[] sumY = Arrays.copyOfRange(vectors, 1 + inputDim, 1 + inputDim + outputDim);
        return new ShiftedSums(inputDim, outputDim, false, shiftX, shiftY, productXX, productYX, sumX, sumY,
                vectors[vectors.length - 1], count);
    }

    /** One task: the group's tiles (and the vectors) over its blocks. */
    private static Iterator<Tuple2<Tile, double[]>> sum(Iterator<PairedBlock> blocks, List<Tile> group,
                                                        boolean withVectors, double[] shiftX, double[] shiftY,
                                                        int size) {
        TaskThreads.limit();
        int inputDim = shiftX.length;
        int outputDim = shiftY == null ? inputDim : shiftY.length;
        INDArray sx = Nd4j.createFromArray(shiftX).reshape(1, inputDim);
        INDArray sy = shiftY == null ? null : Nd4j.createFromArray(shiftY).reshape(1, outputDim);
        Map<Tile, INDArray> sums = new LinkedHashMap<>();
        for (Tile tile : group) {
            int rows = width(tile.kind() == Tile.Kind.XX ? inputDim : outputDim, tile.row(), size);
            sums.put(tile, Nd4j.zeros(DataType.DOUBLE, rows, width(inputDim, tile.column(), size)));
        }
        INDArray sumX = Nd4j.zeros(DataType.DOUBLE, 1, inputDim);
        INDArray sumY = Nd4j.zeros(DataType.DOUBLE, 1, outputDim);
        double sumSquaresY = 0;
        long count = 0;
        while (blocks.hasNext()) {
            PairedBlock block = blocks.next();
            if (block.x().rows() == 0) {
                continue;
            }
            try (MemoryWorkspace scope = Nd4j.getWorkspaceManager().getAndActivateWorkspace(BLOCK, BLOCK_ID)) {
                INDArray xs = block.x().castTo(DataType.DOUBLE).subRowVector(sx);
                INDArray ys = sy == null ? null : block.y().castTo(DataType.DOUBLE).subRowVector(sy);
                Map<Integer, INDArray> stripsX = new HashMap<>();
                Map<Integer, INDArray> stripsY = new HashMap<>();
                for (Map.Entry<Tile, INDArray> entry : sums.entrySet()) {
                    Tile tile = entry.getKey();
                    INDArray left = tile.kind() == Tile.Kind.XX ? strip(xs, tile.row(), size, stripsX)
                            : strip(ys, tile.row(), size, stripsY);
                    Nd4j.gemm(left, strip(xs, tile.column(), size, stripsX), entry.getValue(), true, false, 1.0, 1.0);
                }
                if (withVectors) {
                    INDArray ones = Nd4j.ones(DataType.DOUBLE, xs.rows(), 1);
                    sumX.addi(Nd4j.gemm(ones, xs, true, false));
                    if (ys != null) {
                        sumY.addi(Nd4j.gemm(ones, ys, true, false));
                        double norm = ys.norm2Number().doubleValue();
                        sumSquaresY += norm * norm;
                    }
                }
                count += xs.rows();
            }
        }
        List<Tuple2<Tile, double[]>> out = new ArrayList<>(sums.size() + 1);
        sums.forEach((tile, product) -> out.add(new Tuple2<>(tile, product.dup('c').data().asDouble())));
        if (withVectors) {
            double[] vectors = new double[2 + inputDim + outputDim];
            vectors[0] = count;
            System.arraycopy(sumX.data().asDouble(), 0, vectors, 1, inputDim);
            System.arraycopy(sumY.data().asDouble(), 0, vectors, 1 + inputDim, outputDim);
            vectors[vectors.length - 1] = sumSquaresY;
            out.add(new Tuple2<>(VECTORS, vectors));
        }
        return out.iterator();
    }

    /** Columns I·b … of a block, copied once per block (column-major, as the GEMM takes it). */
    private static INDArray strip(INDArray rows, int index, int size, Map<Integer, INDArray> strips) {
        return strips.computeIfAbsent(index, i -> rows.get(NDArrayIndex.all(),
                NDArrayIndex.interval((long) i * size, (long) i * size + width((int) rows.columns(), i, size))).dup('f'));
    }

    /** @return the width of tile row or column {@code index} of a dimension of {@code dim}, b = {@code size} */
    private static int width(int dim, int index, int size) {
        return Math.min(size, dim - index * size);
    }

    private static double[] added(double[] a, double[] b) {
        double[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    /** Places a tile (row-major) into a row-major matrix of {@code columns} columns, and its transpose if asked. */
    private static void place(double[] matrix, int columns, Tile tile, double[] values, int rows, int size,
                              boolean mirror) {
        int height = width(rows, tile.row(), size);
        int width = width(columns, tile.column(), size);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int i = tile.row() * size + r;
                int j = tile.column() * size + c;
                matrix[i * columns + j] = values[r * width + c];
                if (mirror) {
                    matrix[j * columns + i] = values[r * width + c];
                }
            }
        }
    }
}
