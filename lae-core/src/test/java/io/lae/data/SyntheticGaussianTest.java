package io.lae.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.LaeException;
import io.lae.linalg.SymmetricEigen;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SyntheticGaussianTest {

    @Test
    void sampleCovarianceApproachesTheRotatedSpectrum() {
        double[] v = {9, 4, 1, 0.25};
        INDArray x = SyntheticData.gaussian(40_000, v, true, 3).readAll();
        INDArray cov = x.transpose().mmul(x).div(x.rows());
        double[] eig = SymmetricEigen.of(cov).valueArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], eig[i], 0.05 * v[i], "eigenvalue " + i);
        }
        // rotated: the covariance is not diagonal
        assertTrue(Math.abs(cov.getDouble(0, 1)) > 0.05, "off-diagonal " + cov.getDouble(0, 1));
    }

    @Test
    void unrotatedIsDiagonalAndSeeded() {
        INDArray a = SyntheticData.gaussian(20_000, new double[] {9, 1}, false, 5).readAll();
        INDArray b = SyntheticData.gaussian(20_000, new double[] {9, 1}, false, 5).readAll();
        assertEquals(0, a.sub(b).amaxNumber().doubleValue());
        INDArray cov = a.transpose().mmul(a).div(a.rows());
        assertEquals(9, cov.getDouble(0, 0), 0.3);
        assertEquals(0, cov.getDouble(0, 1), 0.1);
    }

    @Test
    void nonPositiveVarianceIsRefused() {
        assertThrows(LaeException.class, () -> SyntheticData.gaussian(10, new double[] {1, 0}, false, 0));
    }
}
