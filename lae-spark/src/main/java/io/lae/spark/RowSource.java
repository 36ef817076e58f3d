package io.lae.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;

/**
 * A data set's rows as Spark partitions, each read by its own task from the file (no row passes through the
 * driver). The rows are ordered in <em>segments</em>, named so that the names sort in the data's order: a .npy file
 * (one segment, whichever partitions read it), a partition of a CSV file (a range of its bytes), a file of a
 * Parquet directory. Positions within a segment are rows, or lines for a CSV file.
 *
 * <p>Implementations are created on the driver, checked there (shape, columns, types) and shipped to the tasks.
 */
interface RowSource extends Serializable {

    /** @return the path as given, for messages */
    String path();

    /** @return n, the columns each row has once read */
    int columns();

    /**
     * The rows as blocks of at most {@code blockRows} rows, each within one segment; a partition's reader throws
     * {@link RowProblem.Found} at its first bad row (a value that is not a number, a ragged row, a null).
     *
     * @param blockRows the most rows a block holds
     * @return the blocks, lazily read
     */
    JavaRDD<RowBlock> blocks(int blockRows);

    /**
     * @param problem a bad row
     * @param counts  the rows and positions of the segments before it
     * @return one line: the file, the position (saying how it is counted) and the partition, the problem and its fix
     */
    String describe(RowProblem problem, SegmentCounts counts);

    /**
     * @param other another source of as many rows
     * @return whether both split into partitions of the same rows, read in blocks of the same rows, so their blocks
     *     pair one to one without a shuffle
     */
    boolean alignsWith(RowSource other);
}
