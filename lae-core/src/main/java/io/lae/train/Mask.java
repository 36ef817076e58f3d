package io.lae.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A constant p×p matrix that turns a triangle extraction into one element-wise product (ND4J's
 * {@code Nd4j.triu} answers in the default dtype, not its input's, and crashes on a float32 input
 * under float64 defaults). Built on first use and again only when the dtype or size changes.
 */
final class Mask {

    /** An entry of the mask. */
    interface Entry {
        /**
         * @param i the row
         * @param j the column
         * @return the entry (i, j)
         */
        double at(int i, int j);
    }

    private final Entry entry;
    private INDArray cached;

    /** @param entry the entries */
    Mask(Entry entry) {
        this.entry = entry;
    }

    /**
     * @param type the dtype
     * @param p    the size
     * @return the p×p mask, column-major, allocated outside any workspace (it outlives the step)
     */
    INDArray of(DataType type, int p) {
        if (cached == null || cached.dataType() != type || cached.rows() != p) {
            double[][] values = new double[p][p];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    values[i][j] = entry.at(i, j);
                }
            }
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                cached = Nd4j.createFromArray(values).castTo(type).dup('f');
            }
        }
        return cached;
    }
}
