package io.lae.stats;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The state of a {@link StatisticsAccumulator} as plain arrays: the sums of a set of rows taken about a
 * shift s (docs/math.md §1), which is what a worker sends back when the rows are split among many
 * (one per partition of a Spark job, say). Sums over disjoint rows with the same shift {@link #merge
 * merge} by addition; {@link StatisticsAccumulator#of(ShiftedSums)} turns the total back into an
 * accumulator whose {@code build} gives the statistics, centred exactly.
 *
 * <p>With x̃ = x − s_x and ỹ = y − s_y over the rows: {@code productXX} = Σ x̃x̃ᵀ (n'×n'),
 * {@code productYX} = Σ ỹx̃ᵀ (n×n'), {@code sumX} = Σ x̃, {@code sumY} = Σ ỹ, {@code sumSquaresY} = Σ‖ỹ‖²
 * and {@code count} the number of rows. Matrices are row-major. An autoencoder (Y = X) keeps only the
 * x arrays: {@code shiftY}, {@code productYX} and {@code sumY} are null and {@code sumSquaresY} is 0
 * (it is Tr(productXX)). The shift is null only while no row and no shift was given.
 *
 * <p>Immutable in use: {@link #merge} returns a new object and never changes its arguments; the
 * arrays are not copied on construction, so a caller must not change them afterwards.
 *
 * @param inputDim    n'
 * @param outputDim   n (n' for an autoencoder)
 * @param autoencoder whether Y = X
 * @param shiftX      s_x (length n'), or null before the first row
 * @param shiftY      s_y (length n), or null for an autoencoder
 * @param productXX   Σ x̃x̃ᵀ, n'×n' row-major
 * @param productYX   Σ ỹx̃ᵀ, n×n' row-major, or null for an autoencoder
 * @param sumX        Σ x̃ (length n')
 * @param sumY        Σ ỹ (length n), or null for an autoencoder
 * @param sumSquaresY Σ‖ỹ‖² (0 for an autoencoder)
 * @param count       the number of rows m
 */
public record ShiftedSums(int inputDim, int outputDim, boolean autoencoder, double[] shiftX, double[] shiftY,
                          double[] productXX, double[] productYX, double[] sumX, double[] sumY,
                          double sumSquaresY, long count) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Checks the lengths against n' and n. */
    public ShiftedSums {
        requireLength(shiftX, inputDim, "shiftX", true);
        requireLength(productXX, (long) inputDim * inputDim, "productXX", false);
        requireLength(sumX, inputDim, "sumX", false);
        if (autoencoder) {
            if (outputDim != inputDim || shiftY != null || productYX != null || sumY != null || sumSquaresY != 0) {
                throw new IllegalArgumentException("an autoencoder's sums keep the x arrays alone");
            }
        } else {
            requireLength(shiftY, outputDim, "shiftY", true);
            requireLength(productYX, (long) outputDim * inputDim, "productYX", false);
            requireLength(sumY, outputDim, "sumY", false);
            if ((shiftX == null) != (shiftY == null)) {
                throw new IllegalArgumentException("shiftX and shiftY are given together");
            }
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
    }

    /**
     * Sums of no rows about a given shift: what each worker starts from, so that all share one shift.
     *
     * @param shiftX s_x, e.g. a first pass's mean input
     * @param shiftY s_y, or null for an autoencoder
     * @return zero sums
     */
    public static ShiftedSums empty(double[] shiftX, double[] shiftY) {
        int inputDim = shiftX.length;
        if (shiftY == null) {
            return new ShiftedSums(inputDim, inputDim, true, shiftX.clone(), null,
                    new double[inputDim * inputDim], null, new double[inputDim], null, 0, 0);
        }
        int outputDim = shiftY.length;
        return new ShiftedSums(inputDim, outputDim, false, shiftX.clone(), shiftY.clone(),
                new double[inputDim * inputDim], new double[outputDim * inputDim], new double[inputDim],
                new double[outputDim], 0, 0);
    }

    /**
     * The sums over the rows of both: element-wise addition.
     *
     * @param other sums over other rows, about the same shift (or either with no rows and no shift)
     * @return the sums over the rows of this and {@code other}
     * @throws IllegalArgumentException if the shapes, the kind or the shifts differ
     */
    public ShiftedSums merge(ShiftedSums other) {
        if (other.inputDim != inputDim || other.outputDim != outputDim || other.autoencoder != autoencoder) {
            throw new IllegalArgumentException("cannot merge sums of " + describe() + " with sums of "
                    + other.describe());
        }
        if (shiftX == null) {
            return other;
        }
        if (other.shiftX == null) {
            return this;
        }
        if (!Arrays.equals(shiftX, other.shiftX) || !Arrays.equals(shiftY, other.shiftY)) {
            throw new IllegalArgumentException("sums about different shifts do not add: give every part the same "
                    + "shift (ShiftedSums.empty)");
        }
        return new ShiftedSums(inputDim, outputDim, autoencoder, shiftX, shiftY, added(productXX, other.productXX),
                added(productYX, other.productYX), added(sumX, other.sumX), added(sumY, other.sumY),
                sumSquaresY + other.sumSquaresY, count + other.count);
    }

    private String describe() {
        return (autoencoder ? "an autoencoder, n = " + inputDim : "a regression, n' = " + inputDim + ", n = " + outputDim);
    }

    private static double[] added(double[] a, double[] b) {
        if (a == null) {
            return null;
        }
        double[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    private static void requireLength(double[] array, long length, String name, boolean nullable) {
        if (array == null ? !nullable : array.length != length) {
            throw new IllegalArgumentException(name + " must have length " + length + ", got "
                    + (array == null ? "null" : array.length));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShiftedSums s && s.inputDim == inputDim && s.outputDim == outputDim
                && s.autoencoder == autoencoder && Arrays.equals(s.shiftX, shiftX) && Arrays.equals(s.shiftY, shiftY)
                && Arrays.equals(s.productXX, productXX) && Arrays.equals(s.productYX, productYX)
                && Arrays.equals(s.sumX, sumX) && Arrays.equals(s.sumY, sumY)
                && Double.compare(s.sumSquaresY, sumSquaresY) == 0 && s.count == count;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(productXX) * 31 + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return "ShiftedSums[" + describe() + ", m = " + count + "]";
    }
}
