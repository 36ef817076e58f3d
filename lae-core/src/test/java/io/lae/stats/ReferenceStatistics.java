package io.lae.stats;

import static io.lae.TestData.relativeError;

import io.lae.TestData;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The statistics by their definition, from rows (samples) of X and Y, by plain-Java loops: the
 * reference {@link StatisticsAccumulator} is held against.
 *
 * @param sigmaXX Σxx = XXᵀ
 * @param sigmaYX Σyx = YXᵀ
 * @param tyy     ‖Y‖²
 * @param meanX   the mean input row
 * @param meanY   the mean target row
 */
public record ReferenceStatistics(double[][] sigmaXX, double[][] sigmaYX, double tyy, double[] meanX,
                                  double[] meanY) {

    /**
     * @param xRows the inputs, one sample per row
     * @param yRows the targets, one sample per row (the same array for an autoencoder)
     * @return the uncentred products
     */
    public static ReferenceStatistics of(double[][] xRows, double[][] yRows) {
        return new ReferenceStatistics(TestData.multiply(TestData.transpose(xRows), xRows),
                TestData.multiply(TestData.transpose(yRows), xRows), TestData.squaredNorm(yRows),
                mean(xRows), mean(yRows));
    }

    /**
     * Two-pass centring: the means first, then the products of the differences.
     *
     * @param xRows the inputs, one sample per row
     * @param yRows the targets, one sample per row
     * @return the centred products, with the means of the raw rows
     */
    public static ReferenceStatistics centered(double[][] xRows, double[][] yRows) {
        ReferenceStatistics c = of(minusMean(xRows), minusMean(yRows));
        return new ReferenceStatistics(c.sigmaXX, c.sigmaYX, c.tyy, mean(xRows), mean(yRows));
    }

    /**
     * @param s statistics to check
     * @return the largest relative error of Σxx, Σyx and tyy
     */
    public double productError(Statistics s) {
        return Math.max(Math.max(relativeError(sigmaXX, TestData.array(s.sigmaXX())),
                relativeError(sigmaYX, TestData.array(s.sigmaYX()))), relativeError(tyy, s.tyy()));
    }

    /**
     * @param s statistics to check
     * @return the largest relative error of the products and the means
     */
    public double errorOf(Statistics s) {
        return Math.max(productError(s), Math.max(vectorError(meanX, s.meanX()), vectorError(meanY, s.meanY())));
    }

    /**
     * @param rows samples as rows
     * @return the mean row
     */
    public static double[] mean(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / rows.length;
            }
        }
        return mean;
    }

    /**
     * @param rows samples as rows
     * @return a copy with the mean row subtracted from every row
     */
    public static double[][] minusMean(double[][] rows) {
        double[] mean = mean(rows);
        double[][] centered = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            centered[k] = rows[k].clone();
            for (int j = 0; j < mean.length; j++) {
                centered[k][j] -= mean[j];
            }
        }
        return centered;
    }

    /**
     * @param expected a vector
     * @param actual   the vector computed
     * @return max |expected − actual| / max |expected|
     */
    public static double vectorError(double[] expected, INDArray actual) {
        return relativeError(new double[][] {expected}, new double[][] {actual.toDoubleVector()});
    }
}
