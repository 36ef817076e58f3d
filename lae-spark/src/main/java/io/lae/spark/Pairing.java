package io.lae.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

/**
 * Pairs the rows of X with those of Y (the same samples, in the same order) for the second pass. Sources that
 * {@link RowSource#alignsWith align} (two .npy files of as many rows: the same row ranges per partition) pair block
 * by block in each task, without a shuffle. Others (CSV, Parquet) pair by a join on the row's index in the data,
 * counted from the first pass's rows per segment: a shuffle of both data sets, m·(n' + n)·8 bytes. The sums do
 * not depend on the order of the rows, so the joined pairs are summed in whatever order they arrive.
 */
final class Pairing {

    private Pairing() {
    }

    /**
     * @param x         the inputs
     * @param y         the targets, or null for an autoencoder
     * @param xCounts   the first pass's rows per segment of x
     * @param yCounts   the first pass's rows per segment of y (ignored for an autoencoder)
     * @param blockRows the most rows of a block
     * @return the samples as paired blocks
     */
    static JavaRDD<PairedBlock> of(RowSource x, RowSource y, SegmentCounts xCounts, SegmentCounts yCounts,
                                   int blockRows) {
        if (y == null) {
            return x.blocks(blockRows).filter(b -> b.rows().rows() > 0).map(b -> new PairedBlock(b.rows(), null));
        }
        if (x.alignsWith(y)) {
            return x.blocks(blockRows).zipPartitions(y.blocks(blockRows), Pairing::zipped);
        }
        JavaPairRDD<Long, Tuple2<double[], double[]>> joined = indexed(x, xCounts, blockRows)
                .join(indexed(y, yCounts, blockRows));
        int n = x.columns();
        int nOut = y.columns();
        return joined.values().mapPartitions(pairs -> blocks(pairs, n, nOut, blockRows));
    }

    /** Blocks of aligned sources: the same rows, block for block. */
    private static Iterator<PairedBlock> zipped(Iterator<RowBlock> xs, Iterator<RowBlock> ys) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return xs.hasNext();
            }

            @Override
            public PairedBlock next() {
                RowBlock bx = xs.next();
                RowBlock by = ys.next();
                if (bx.firstRow() != by.firstRow() || bx.rows().rows() != by.rows().rows()) {
                    throw new IllegalStateException("aligned sources gave blocks " + bx.segment() + "@" + bx.firstRow()
                            + " and " + by.segment() + "@" + by.firstRow());
                }
                return new PairedBlock(bx.rows(), by.rows());
            }
        };
    }

    /** Each row keyed by its index in the data: the rows of the segments before its own, plus its row there. */
    private static JavaPairRDD<Long, double[]> indexed(RowSource source, SegmentCounts counts, int blockRows) {
        return source.blocks(blockRows).flatMapToPair(block -> {
            long first = counts.rowsBefore(block.segment()) + block.firstRow();
            INDArray rows = block.rows();
            List<Tuple2<Long, double[]>> keyed = new ArrayList<>((int) rows.rows());
            for (int i = 0; i < rows.rows(); i++) {
                keyed.add(new Tuple2<>(first + i, rows.getRow(i).toDoubleVector()));
            }
            return keyed.iterator();
        });
    }

    /** Joined (x, y) rows gathered into blocks of at most {@code blockRows}. */
    private static Iterator<PairedBlock> blocks(Iterator<Tuple2<double[], double[]>> pairs, int n, int nOut,
                                                int blockRows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pairs.hasNext();
            }

            @Override
            public PairedBlock next() {
                if (!pairs.hasNext()) {
                    throw new NoSuchElementException();
                }
                double[] xs = new double[blockRows * n];
                double[] ys = new double[blockRows * nOut];
                int c = 0;
                for (; c < blockRows && pairs.hasNext(); c++) {
                    Tuple2<double[], double[]> pair = pairs.next();
                    System.arraycopy(pair._1(), 0, xs, c * n, n);
                    System.arraycopy(pair._2(), 0, ys, c * nOut, nOut);
                }
                return new PairedBlock(matrix(xs, c, n), matrix(ys, c, nOut));
            }
        };
    }

    /** @return the first {@code rows} rows of a row-major array as a rows×columns float64 matrix */
    static INDArray matrix(double[] rowMajor, int rows, int columns) {
        double[] used = rows * columns == rowMajor.length ? rowMajor : Arrays.copyOf(rowMajor, rows * columns);
        return Nd4j.create(used, new long[] {rows, columns}, 'c');
    }
}
