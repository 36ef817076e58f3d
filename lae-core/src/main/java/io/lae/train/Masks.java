package io.lae.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Constant p×p matrices that turn triangle extractions into one element-wise product (ND4J's
 * {@code Nd4j.triu} answers in the default dtype, not its input's, and crashes on a float32 input
 * under float64 defaults).
 */
final class Masks {

    /** An entry of a mask. */
    interface Entry {
        /**
         * @param i the row
         * @param j the column
         * @return the entry (i, j)
         */
        double at(int i, int j);
    }

    private Masks() {
    }

    /**
     * @param p     the size
     * @param type  the dtype
     * @param entry the entries
     * @return the p×p matrix, column-major, allocated outside any workspace (it outlives the step)
     */
    static INDArray build(int p, DataType type, Entry entry) {
        double[][] values = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                values[i][j] = entry.at(i, j);
            }
        }
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createFromArray(values).castTo(type).dup('f');
        }
    }

    /** @return whether {@code mask} is missing or was built for another dtype or size */
    static boolean stale(INDArray mask, DataType type, long p) {
        return mask == null || mask.dataType() != type || mask.rows() != p;
    }
}
