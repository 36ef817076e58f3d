package io.lae.spark;

import io.lae.stats.StatisticsAccumulator;
import java.io.Serial;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first pass over a {@link RowSource}: the column sums Σx and the count m, whose quotient x̄ = Σx / m is the
 * shift s the second pass takes its products about (docs/math.md §1; any shift gives the same statistics, the
 * mean keeps the cancellation in Σ(x − s)(x − s)ᵀ − D Dᵀ/m small), the rows and positions of each segment, and the
 * first bad row, so every row is checked before the products are formed.
 *
 * @param columnSums Σx over the rows read (length n)
 * @param count      m, the rows read
 * @param segments   the rows and positions of each segment
 * @param problem    the first bad row in the data's order, or null
 */
record FirstPass(double[] columnSums, long count, SegmentCounts segments, RowProblem problem) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param source    the rows
     * @param blockRows the rows summed at a time
     * @return the pass over all of them (a partition stops at its first bad row)
     */
    static FirstPass over(RowSource source, int blockRows) {
        int columns = source.columns();
        return source.blocks(blockRows)
                .mapPartitionsWithIndex((partition, blocks) -> List.of(of(partition, blocks, columns)).iterator(), false)
                .treeReduce(FirstPass::merge);
    }

    /** Sums one partition's blocks: 1ᵀX by a GEMM with a ones vector, as the local accumulator does. */
    private static FirstPass of(int partition, Iterator<RowBlock> blocks, int columns) {
        TaskThreads.limit();
        INDArray sums = Nd4j.zeros(DataType.DOUBLE, 1, columns);
        SegmentCounts segments = new SegmentCounts();
        long count = 0;
        try {
            while (blocks.hasNext()) {
                RowBlock block = blocks.next();
                INDArray rows = block.rows();
                if (rows.rows() > 0) {
                    INDArray blockSums = Nd4j.gemm(Nd4j.ones(DataType.DOUBLE, rows.rows(), 1), rows, true, false);
                    int bad = Double.isFinite(blockSums.sumNumber().doubleValue()) ? -1
                            : StatisticsAccumulator.firstNonFiniteRow(rows);
                    if (bad >= 0) {
                        throw new RowProblem.Found(new RowProblem(partition, block.segment(), block.firstRow() + bad,
                                "holds NaN or infinity", "remove or impute it"));
                    }
                    sums.addi(blockSums);
                    count += rows.rows();
                }
                segments.add(block);
            }
            return new FirstPass(sums.data().asDouble(), count, segments, null);
        } catch (RowProblem.Found found) {
            return new FirstPass(sums.data().asDouble(), count, segments, found.problem);
        }
    }

    /** @return the pass over the rows of both (disjoint partitions) */
    FirstPass merge(FirstPass other) {
        double[] sums = columnSums.clone();
        for (int j = 0; j < sums.length; j++) {
            sums[j] += other.columnSums[j];
        }
        RowProblem first = problem == null ? other.problem : problem.first(other.problem);
        return new FirstPass(sums, count + other.count, segments.merge(other.segments), first);
    }

    /** @return x̄ = Σx / m, the shift of the second pass */
    double[] mean() {
        double[] mean = columnSums.clone();
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= count;
        }
        return mean;
    }
}
