package io.lae.spark;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Consecutive rows of one segment of a {@link RowSource}, as a c×n float64 matrix. Blocks pass between narrow
 * transformations inside a task and are never serialized.
 *
 * @param segment  the segment holding the rows (see {@link RowSource})
 * @param firstRow the index of the first row within its segment, 0-based
 * @param rows     c×n float64, one sample per row (c may be 0: a block that only reports {@code extent})
 * @param extent   the positions of the segment read through this block: its lines for a CSV file (blank lines and
 *                 the header included), else its rows
 */
record RowBlock(String segment, long firstRow, INDArray rows, long extent) {
}
