package io.lae.fit;

import static io.lae.TestData.nd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import io.lae.closedform.GroundTruth;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.Model;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What scikit-learn's PCA gives, computed here from the weights and the statistics, checked against the same
 * quantities computed another way: from the eigenvalues, and from the codes of the rows themselves.
 */
class ComponentsTest {

    private static final int M = 400;
    private static final int N = 6;
    private static final int P = 3;
    private static double[][] rows;
    private static Statistics stats;
    private static GroundTruth truth;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        rows = TestData.anisotropic(M, N, 2.0, new Random(8));
        stats = StatisticsAccumulator.of(nd(rows), true);
        truth = GroundTruth.of(stats);
    }

    /** The exact PCA solution: A = U_p, B = U_pᵀ, with arbitrary signs and a scaled decoder. */
    private static Model pca(double[] signs, double scale) {
        INDArray u = truth.directions(P).mulRowVector(Nd4j.createFromArray(signs));
        return Model.of(u.transpose(), u.mul(scale));
    }

    @Test
    void atThePcaSolutionTheyAreTheEigenvaluesAndTheirShares() {
        Components c = Components.of(pca(new double[] {1, -1, 1}, 3.0), stats);
        double total = Arrays.stream(truth.eigenvalues()).sum();
        for (int i = 0; i < P; i++) {
            double lambda = truth.eigenvalues()[i];
            assertEquals(lambda / (M - 1), c.explainedVariance()[i], 1e-12 * lambda);
            assertEquals(lambda / total, c.explainedVarianceRatio()[i], 1e-12);
            assertEquals(Math.sqrt(lambda / (M - 1)), c.codeStd()[i], 1e-12 * Math.sqrt(lambda));
        }
    }

    @Test
    void codeStdIsTheSampleStandardDeviationOfTheCodes() {
        Random rng = new Random(3);
        Model model = Model.of(nd(TestData.gaussian(P, N, 1, rng)), nd(TestData.gaussian(N, P, 1, rng)));
        Components c = Components.of(model, stats);
        INDArray x = nd(rows);
        INDArray codes = x.subRowVector(x.mean(0)).mmul(model.encoder().transpose());
        for (int i = 0; i < P; i++) {
            double std = codes.getColumn(i).stdNumber().doubleValue(); // ND4J: bias-corrected, as NumPy's ddof=1
            assertEquals(std, c.codeStd()[i], 1e-10 * std);
        }
    }

    @Test
    void signsAreFixedByTheLargestEntryAndChangeNoProduct() {
        Model flipped = pca(new double[] {-1, 1, -1}, 1.0);
        Model canonical = flipped.canonicalSigns();
        for (int i = 0; i < P; i++) {
            double[] column = canonical.decoder().getColumn(i).toDoubleVector();
            double largest = Arrays.stream(column).reduce(0, (a, b) -> Math.abs(b) > Math.abs(a) ? b : a);
            assertTrue(largest > 0, "column " + i + ": " + Arrays.toString(column));
        }
        assertEquals(0, canonical.decoder().mmul(canonical.encoder())
                .sub(flipped.decoder().mmul(flipped.encoder())).amaxNumber().doubleValue(), 1e-15);
        Model other = pca(new double[] {1, -1, -1}, 1.0).canonicalSigns();
        assertEquals(canonical.decoder(), other.decoder(), "two fits that differ by signs give the same weights");
        assertEquals(canonical.encoder(), other.encoder());
        Model tied = Model.tied(flipped.decoder()).canonicalSigns();
        assertTrue(tied.isTied());
        assertEquals(canonical.decoder(), tied.decoder());
    }

    @Test
    void whitenedCodesHaveUnitVarianceOnTheTrainingRows() {
        FittedAutoencoder fitted = new FittedAutoencoder(pca(new double[] {1, 1, 1}, 1.0), stats,
                io.lae.train.RunStatus.FINISHED, java.util.List.of());
        INDArray white = Nd4j.createFromArray(fitted.encodeWhitened(rows));
        for (int i = 0; i < P; i++) {
            assertEquals(1.0, white.getColumn(i).stdNumber().doubleValue(), 1e-10);
        }
        assertArrayEquals(Arrays.stream(truth.eigenvalues()).limit(P).map(l -> l / (M - 1)).toArray(),
                fitted.explainedVariance(), 1e-10);
        assertEquals(DataType.DOUBLE, white.dataType());
    }
}
