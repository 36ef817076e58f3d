package io.lae.closedform;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.TestData;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GroundTruth} against data whose principal directions are known by construction
 * (X = U diag(σ) Vᵀ) and, for a regression, against Σ = Σyx Σxx⁻¹ Σxy formed in plain Java
 * with a Gauss–Jordan inverse.
 */
class GroundTruthTest {

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    @Test
    void recoversTheConstructedEigenvaluesAndDirectionsOfAnAutoencoder() {
        Random rng = new Random(40);
        TestData.Spectral data = TestData.withSpectrum(TestData.distinctSingularValues(12, rng), 30, rng);
        GroundTruth truth = GroundTruth.of(StatisticsAccumulator.of(data.rowArray(), false));

        double[] lambda = truth.eigenvalues();
        double worstValue = 0;
        for (int i = 0; i < lambda.length; i++) {
            worstValue = Math.max(worstValue, TestData.relativeError(data.eigenvalues()[i], lambda[i]));
        }
        // U_pᵀ (truth's U_p) is diagonal with ±1 entries when both hold the same directions in order
        double[][] overlap = TestData.multiply(TestData.transpose(TestData.array(data.leading(12))),
                TestData.array(truth.directions(12)));
        double worstDirection = 0;
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                worstDirection = Math.max(worstDirection, Math.abs(Math.abs(overlap[i][j]) - (i == j ? 1 : 0)));
            }
        }

        assertTrue(observe("GroundTruth eigenvalues vs constructed", worstValue) < 1e-12, "eigenvalues " + worstValue);
        assertTrue(observe("GroundTruth directions: max||UᵀÛ| − I|", worstDirection) < 1e-10, "directions " + worstDirection);
    }

    @Test
    void sigmaOfAnAutoencoderIsSigmaXX() {
        Statistics stats = StatisticsAccumulator.of(nd(TestData.anisotropic(20, 4, 0, new Random(41))), true);

        assertSame(stats.sigmaXX(), GroundTruth.sigma(stats));
    }

    @Test
    void sigmaOfARegressionIsSyxSxxInverseSxy() {
        Random rng = new Random(42);
        double[][] x = TestData.anisotropic(50, 7, 1, rng);
        Statistics stats = StatisticsAccumulator.of(nd(x), nd(TestData.linearTargets(x, 5, rng)), true);
        double[][] syx = TestData.array(stats.sigmaYX());
        double[][] expected = TestData.multiply(TestData.multiply(syx, TestData.inverse(TestData.array(stats.sigmaXX()))),
                TestData.transpose(syx));

        assertTrue(observe("GroundTruth.sigma vs Gauss–Jordan Σyx Σxx⁻¹ Σxy",
                TestData.relativeError(expected, TestData.array(GroundTruth.sigma(stats)))) < 1e-12);
    }

    @Test
    void statisticsNoDataHasAreRefused() {
        INDArray indefinite = Nd4j.createFromArray(new double[][] {{1, 2}, {2, 1}});
        Statistics stats = new Statistics(indefinite, indefinite, 2, 100, Nd4j.zeros(DataType.DOUBLE, 2),
                Nd4j.zeros(DataType.DOUBLE, 2), true);
        LaeException e = assertThrows(LaeException.class, () -> GroundTruth.of(stats));
        assertTrue(e.getMessage().startsWith("Σ is not positive semi-definite: its smallest eigenvalue is -1.00000 and "
                + "its largest 3.00000"), e.getMessage());
        // rank-deficient data (more features than samples) rounds to tiny negative eigenvalues: still accepted
        Statistics wide = StatisticsAccumulator.of(nd(TestData.anisotropic(5, 40, 0, new Random(43))), true);
        assertTrue(GroundTruth.of(wide).eigenvalues()[39] > -1e-9);
    }
}
