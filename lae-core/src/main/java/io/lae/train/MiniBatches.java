package io.lae.train;

import io.lae.stats.Statistics;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Mini-batches over the raw samples, reshuffled every epoch in the {@link BatchOrder} every engine shares.
 * {@link #allRows} serves every step all rows in their order, for full-batch steps that need the rows
 * rather than the statistics (per-sample nested dropout).
 */
public final class MiniBatches {

    private final INDArray inputRows;
    private final INDArray targetRows;
    /** The order of the batches; null when every step takes all rows. */
    private final BatchOrder batchOrder;
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
        this.batchOrder = allRows ? null : new BatchOrder((int) inputRows.rows(), batchSize, seed);
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

    /** @return k = ⌈m/b⌉ (1 when every step takes all rows) */
    public long batchesPerEpoch() {
        return batchOrder == null ? 1 : batchOrder.batchesPerEpoch();
    }

    /**
     * @param rows      m
     * @param batchSize b
     * @return k = ⌈m/b⌉, the steps of an epoch
     */
    public static long batchesPerEpoch(long rows, int batchSize) {
        return BatchOrder.batchesPerEpoch(rows, batchSize);
    }

    /** @return the order of the batches, or empty when every step takes all rows in their order */
    public Optional<BatchOrder> order() {
        return Optional.ofNullable(batchOrder);
    }

    /** @return the rows the batches are drawn from, m×n', centred when the statistics were, in the run's dtype */
    public INDArray inputRows() {
        return inputRows;
    }

    /** @return the targets' rows, m×n (the same array as {@link #inputRows} for an autoencoder) */
    public INDArray targetRows() {
        return targetRows;
    }

    /**
     * @param step t, 0-based
     * @return the batch of step t: X (n'×b) and Y (n×b), samples as columns
     */
    public Batch batch(long step) {
        if (whole != null) {
            return whole;
        }
        BatchOrder.Window window = batchOrder.window(step);
        if (window.epoch() != cachedEpoch) {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                order = Nd4j.createFromArray(batchOrder.permutation(window.epoch()));
            }
            cachedEpoch = window.epoch();
        }
        INDArray indices = order.get(NDArrayIndex.interval(window.start(), window.start() + window.size()));
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
