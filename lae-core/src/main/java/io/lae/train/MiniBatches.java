package io.lae.train;

import io.lae.stats.Statistics;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Mini-batches over the raw samples, reshuffled every epoch. The order of epoch e comes from a
 * generator seeded with (seed, e), and step t reads batch t mod k of epoch ⌊t/k⌋ (k batches per
 * epoch, the last one possibly smaller), so any step's batch is known without replaying the run:
 * resuming needs no generator state. {@link #allRows} serves every step all rows in their order, for
 * full-batch steps that need the rows rather than the statistics (per-sample nested dropout).
 */
public final class MiniBatches {

    private final INDArray inputRows;
    private final INDArray targetRows;
    private final int batchSize;
    private final long seed;
    /** The whole data as one batch, samples as columns, when every step takes all rows; else null. */
    private final Batch whole;
    private long cachedEpoch = -1;
    /** The epoch's order as an index array on the device: sent once an epoch, not once a step. */
    private INDArray order;

    /**
     * @param inputs    m×n' samples as rows
     * @param targets   m×n targets, or null for an autoencoder
     * @param stats     the statistics of the same data: their means are subtracted when they were centred
     * @param batchSize b
     * @param seed      the shuffling seed
     * @param type      the run's dtype
     */
    public MiniBatches(INDArray inputs, INDArray targets, Statistics stats, int batchSize, long seed, DataType type) {
        this(inputs, targets, stats, batchSize, seed, type, false);
    }

    private MiniBatches(INDArray inputs, INDArray targets, Statistics stats, int batchSize, long seed, DataType type,
                        boolean allRows) {
        this.inputRows = centred(inputs, stats.centered() ? stats.meanX() : null, type);
        this.targetRows = targets == null ? inputRows : centred(targets, stats.centered() ? stats.meanY() : null, type);
        this.batchSize = allRows ? (int) inputRows.rows() : batchSize;
        this.seed = seed;
        INDArray x = inputRows.transpose();
        this.whole = allRows ? new Batch(x, targetRows == inputRows ? x : targetRows.transpose()) : null;
    }

    /**
     * @param inputs  m×n' samples as rows
     * @param targets m×n targets, or null for an autoencoder
     * @param stats   the statistics of the same data: their means are subtracted when they were centred
     * @param type    the run's dtype
     * @return batches that give every step all m rows, in their order (no shuffling, no copy)
     */
    public static MiniBatches allRows(INDArray inputs, INDArray targets, Statistics stats, DataType type) {
        return new MiniBatches(inputs, targets, stats, 0, 0, type, true);
    }

    private static INDArray centred(INDArray rows, INDArray mean, DataType type) {
        INDArray d = rows.castTo(DataType.DOUBLE);
        return (mean == null ? d : d.subRowVector(mean.reshape(1, rows.columns()))).castTo(type);
    }

    /** @return k = ⌈m/b⌉ */
    public long batchesPerEpoch() {
        return batchesPerEpoch(inputRows.rows(), batchSize);
    }

    /**
     * @param rows      m
     * @param batchSize b
     * @return k = ⌈m/b⌉, the steps of an epoch
     */
    public static long batchesPerEpoch(long rows, int batchSize) {
        return (rows + batchSize - 1) / batchSize;
    }

    /**
     * @param step t, 0-based
     * @return the batch of step t: X (n'×b) and Y (n×b), samples as columns
     */
    public Batch batch(long step) {
        if (whole != null) {
            return whole;
        }
        long epoch = step / batchesPerEpoch();
        if (epoch != cachedEpoch) {
            int[] permutation = permutation((int) inputRows.rows(), new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch));
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                order = Nd4j.createFromArray(permutation);
            }
            cachedEpoch = epoch;
        }
        long start = (step % batchesPerEpoch()) * batchSize;
        INDArray indices = order.get(NDArrayIndex.interval(start, Math.min(order.length(), start + batchSize)));
        INDArray x = gatherRows(inputRows, indices).transpose();
        return new Batch(x, targetRows == inputRows ? x : gatherRows(targetRows, indices).transpose());
    }

    /**
     * The rows at the given indices, gathered where the data live ({@code INDArray.getRows(int...)} would
     * copy the indices from the host, blocking, on every call on the GPU).
     */
    private static INDArray gatherRows(INDArray rows, INDArray indices) {
        return Nd4j.exec(new Gather(rows, indices, 0))[0];
    }

    /** Fisher–Yates. */
    private static int[] permutation(int m, SplittableRandom random) {
        int[] p = new int[m];
        for (int i = 0; i < m; i++) {
            p[i] = i;
        }
        for (int i = m - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * One mini-batch, samples as columns.
     *
     * @param x X, n'×b
     * @param y Y, n×b (the same array as x for an autoencoder)
     */
    public record Batch(INDArray x, INDArray y) {
        /** @return b */
        public long size() {
            return x.columns();
        }
    }
}
