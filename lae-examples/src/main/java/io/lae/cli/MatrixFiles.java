package io.lae.cli;

import io.lae.LaeException;
import io.lae.io.Npy;
import io.lae.stats.StatisticsAccumulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads and writes the matrices and values the commands exchange with users, with one-line errors. */
final class MatrixFiles {

    private MatrixFiles() {
    }

    /**
     * @param path the {@code .npy} file
     * @param role what the file holds, for messages ("data", "encoder", …)
     * @return its contents as a float64 matrix
     * @throws LaeException if it is not a 2-D array of finite numbers
     */
    static INDArray readMatrix(Path path, String role) {
        INDArray array = Npy.read(path);
        if (array.rank() != 2) {
            throw new LaeException(path + ": the " + role + " must be a 2-D array, but its shape is "
                    + java.util.Arrays.toString(array.shape()) + (array.rank() == 1 ? " (reshape it to one row or column)" : ""));
        }
        requireFinite(path, array, role);
        return array;
    }

    private static void requireFinite(Path path, INDArray array, String role) {
        int row = StatisticsAccumulator.firstNonFiniteRow(array);
        if (row >= 0) {
            throw new LaeException(path + ": row " + row + " (0-based) of the " + role
                    + " holds NaN or infinity: remove or impute it");
        }
    }

    /**
     * @param matrix an array
     * @return "rows×columns"
     */
    static String shape(INDArray matrix) {
        return matrix.rows() + "×" + matrix.columns();
    }

    /**
     * @param dir an output directory, created if missing
     * @return the directory
     */
    static Path outputDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LaeException(dir + ": cannot create the output directory (" + e.getMessage() + ")", e);
        }
    }
}
