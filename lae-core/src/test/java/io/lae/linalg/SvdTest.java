package io.lae.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SvdTest {

    private static INDArray gaussian(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return Nd4j.createFromArray(a);
    }

    @Test
    void reconstructsARectangularMatrix() {
        INDArray m = gaussian(7, 4, 1);
        Svd svd = Svd.of(m);
        assertEquals(4, svd.values().length);
        double err = svd.truncated(4).sub(m).amaxNumber().doubleValue();
        assertTrue(err < 1e-12, "reconstruction error " + err);
        INDArray gram = svd.v().transpose().mmul(svd.v());
        assertTrue(gram.sub(Nd4j.eye(4)).amaxNumber().doubleValue() < 1e-12);
    }

    @Test
    void knownSpectrumOfAScaledOrthogonalProduct() {
        INDArray q1 = SymmetricEigen.of(gaussian(5, 5, 2).add(gaussian(5, 5, 2).transpose())).vectors();
        INDArray q2 = SymmetricEigen.of(gaussian(5, 5, 3).add(gaussian(5, 5, 3).transpose())).vectors();
        double[] s = {9, 4, 2, 1, 0.5};
        INDArray m = q1.mulRowVector(Nd4j.createFromArray(s)).mmul(q2.transpose());
        Svd svd = Svd.of(m);
        assertArrayEquals(s, svd.values(), 1e-12);
        // v₁ = Mᵀu₁/s₁: signs are matched
        INDArray v1 = m.transpose().mmul(svd.u().getColumn(0).reshape(5, 1)).div(s[0]).reshape(-1);
        assertTrue(v1.sub(svd.v().getColumn(0)).amaxNumber().doubleValue() < 1e-12);
    }

    @Test
    void rankDeficientMatrixHasZeroTrailingValuesAndExactTruncation() {
        INDArray m = gaussian(6, 2, 4).mmul(gaussian(2, 6, 5));
        Svd svd = Svd.of(m);
        assertTrue(svd.values()[2] < 1e-6 * svd.values()[0], () -> java.util.Arrays.toString(svd.values()));
        assertTrue(svd.truncated(2).sub(m).amaxNumber().doubleValue() < 1e-10);
    }
}
