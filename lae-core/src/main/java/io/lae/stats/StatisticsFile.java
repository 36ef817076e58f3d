package io.lae.stats;

import io.lae.LaeException;
import io.lae.io.NpzReader;
import io.lae.io.NpzWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Statistics} saved as a NumPy {@code .npz} archive ({@code lae stats --out FILE.npz}; docs/math.md §1),
 * which {@code numpy.load} reads: {@code sigma_xx} (n'×n'), {@code sigma_yx} (n×n'; equal to
 * {@code sigma_xx} for an autoencoder), {@code mean_x} (n'), {@code mean_y} (n), {@code tyy}, {@code m},
 * {@code centered} and {@code format_version} ({@value #FORMAT_VERSION}), the last four 0-d.
 *
 * <p>Read back, an autoencoder's {@code sigma_yx} becomes the very array {@code sigma_xx} (see
 * {@link Statistics}), so loaded statistics behave exactly as computed ones.
 */
public final class StatisticsFile {

    /** The version of the layout this class writes and the newest it reads. */
    public static final long FORMAT_VERSION = 1;

    private StatisticsFile() {
    }

    /** The file name extension of saved statistics. */
    public static final String EXTENSION = ".npz";

    /**
     * @param source a data source's name as the command line gives it
     * @return whether it names saved statistics (a {@value #EXTENSION} file) rather than rows
     */
    public static boolean isStatistics(String source) {
        return source != null && source.toLowerCase(Locale.ROOT).endsWith(EXTENSION);
    }

    /**
     * @param file  the archive, replaced atomically if it exists
     * @param stats the statistics
     * @param type  the matrices' and means' dtype: {@link DataType#DOUBLE} or {@link DataType#FLOAT}
     * @throws LaeException if writing fails
     */
    public static void write(Path file, Statistics stats, DataType type) {
        try (NpzWriter npz = new NpzWriter(file)) {
            npz.put("sigma_xx", stats.sigmaXX(), type);
            npz.put("sigma_yx", stats.sigmaYX(), type);
            npz.put("mean_x", stats.meanX(), type);
            npz.put("mean_y", stats.meanY(), type);
            npz.put("tyy", stats.tyy());
            npz.put("m", stats.sampleCount());
            npz.put("centered", stats.centered());
            npz.put("format_version", FORMAT_VERSION);
            npz.commit();
        }
    }

    /**
     * @param file an archive written by {@link #write} (or by NumPy with the same names)
     * @return the statistics, in float64
     * @throws LaeException if the file is missing, not such an archive, of a newer format, or inconsistent
     */
    public static Statistics read(Path file) {
        try (NpzReader npz = new NpzReader(file)) {
            double version = npz.readScalar("format_version");
            if (version > FORMAT_VERSION) {
                throw new LaeException(file + ": statistics format " + (long) version + " is newer than this lae reads ("
                        + FORMAT_VERSION + "); update lae or write them again with this one");
            }
            INDArray sigmaXX = matrix(npz, "sigma_xx", file);
            INDArray sigmaYX = matrix(npz, "sigma_yx", file);
            INDArray meanX = finite(npz, "mean_x", file);
            INDArray meanY = finite(npz, "mean_y", file);
            double m = npz.readScalar("m");
            if (!(m >= 1) || m != Math.rint(m)) {
                throw new LaeException(file + ": m = " + m + " is not a positive whole number of samples; write the "
                        + "statistics again with lae stats");
            }
            if (meanX.length() != sigmaXX.columns() || meanY.length() != sigmaYX.rows()) {
                throw new LaeException(file + ": mean_x has " + meanX.length() + " and mean_y " + meanY.length()
                        + " values for Σyx of " + sigmaYX.rows() + "×" + sigmaYX.columns()
                        + "; write the statistics again with lae stats");
            }
            double tyy = npz.readScalar("tyy");
            if (!Double.isFinite(tyy)) {
                throw new LaeException(file + ": 'tyy' is " + tyy + ": statistics of finite data are finite; write them "
                        + "again with lae stats");
            }
            try {
                return new Statistics(sigmaXX, sigmaYX, tyy, (long) m, meanX, meanY,
                        npz.readScalar("centered") != 0);
            } catch (IllegalArgumentException e) {
                throw new LaeException(file + ": " + e.getMessage() + "; write the statistics again with lae stats", e);
            }
        }
    }

    /** @return the array, after checking it holds no NaN or ±Inf (a sum over NaN or ±Inf is never finite) */
    private static INDArray finite(NpzReader npz, String name, Path file) {
        INDArray array = npz.read(name);
        if (array.length() > 0 && !Double.isFinite(array.mul(0).sumNumber().doubleValue())) {
            throw new LaeException(file + ": '" + name + "' holds NaN or infinite values: statistics of finite data are "
                    + "finite; write them again with lae stats");
        }
        return array;
    }

    private static INDArray matrix(NpzReader npz, String name, Path file) {
        INDArray array = finite(npz, name, file);
        if (array.rank() != 2) {
            throw new LaeException(file + ": '" + name + "' is not a matrix (rank " + array.rank()
                    + "); write the statistics again with lae stats");
        }
        return array;
    }
}
