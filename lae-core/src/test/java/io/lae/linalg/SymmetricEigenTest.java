package io.lae.linalg;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;

/**
 * {@link SymmetricEigen}: the LAPACK health check the project relies on (raw {@code syev}
 * residual and orthogonality at n = 200, computed in plain Java), the same for the sorted,
 * sign-fixed decomposition, descending order, the sign convention, and spectra known exactly.
 */
class SymmetricEigenTest {

    private static final double TOLERANCE = 1e-10;

    private static final int HEALTH_CHECK_SIZE = 200;

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    /** The random symmetric matrix of the n = 200 checks. */
    private static double[][] healthCheckMatrix() {
        return TestData.symmetric(HEALTH_CHECK_SIZE, new Random(2024));
    }

    /**
     * OpenBLAS 0.3.19, which ND4J M2.1 brings, picks broken AVX-512 kernels unless OPENBLAS_CORETYPE=Haswell
     * is set before its library loads: syev then returns residuals of order 1 without any error (README,
     * Native libraries). Every ground truth in lae depends on this decomposition, so LAPACK itself is
     * checked here, under the OpenBLAS lae depends on and with nothing set outside the JVM, before any
     * post-processing of lae's.
     */
    @Test
    void lapackSyevIsHealthyInFloat64() {
        double[][] s = healthCheckMatrix();
        INDArray vectors = nd(s).dup('f');
        double[] lambda = Eigen.symmetricGeneralizedEigenvalues(vectors, true).toDoubleVector();
        double[][] u = TestData.array(vectors);

        double residual = observe("LAPACK syev n=200 relative residual", residual(s, u, lambda));
        double orthogonality = observe("LAPACK syev n=200 max|UᵀU − I|", orthogonality(u));

        assertTrue(residual < TOLERANCE && orthogonality < TOLERANCE,
                "FLOAT64 LAPACK IS WRONG ON THIS MACHINE: syev at n = 200 gives relative residual " + residual
                + " and max|UᵀU − I| = " + orthogonality + " (both must be < " + TOLERANCE + "). "
                + "The OpenBLAS loaded (" + io.lae.platform.NativeSetup.prepare().openBlasVersion().orElse("unknown")
                + ") uses broken kernels: it must be " + io.lae.platform.NativeSetup.FIXED_OPENBLAS
                + " or newer (README, Native libraries). Every ground truth, metric and closed form of lae is "
                + "wrong until this is fixed.");
    }

    @Test
    void decompositionHasASmallResidualAndOrthonormalVectors() {
        double[][] s = healthCheckMatrix();
        SymmetricEigen eigen = SymmetricEigen.of(nd(s));
        double[][] u = TestData.array(eigen.vectors());

        double residual = observe("SymmetricEigen n=200 relative residual", residual(s, u, eigen.valueArray()));
        double orthogonality = observe("SymmetricEigen n=200 max|UᵀU − I|", orthogonality(u));

        String hint = " (if lapackSyevIsHealthyInFloat64 fails too, fix LAPACK first)";
        assertTrue(residual < TOLERANCE, "max|SU − UΛ|/max|S| = " + residual + hint);
        assertTrue(orthogonality < TOLERANCE, "max|UᵀU − I| = " + orthogonality + hint);
        assertEquals(residual, eigen.residual(nd(s)), TOLERANCE, "SymmetricEigen.residual disagrees with a loop");
    }

    /** @return max|S U − U diag(λ)| / max|S|, by loops */
    private static double residual(double[][] s, double[][] u, double[] lambda) {
        double[][] su = TestData.multiply(s, u);
        double max = 0;
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < u.length; j++) {
                max = Math.max(max, Math.abs(su[i][j] - u[i][j] * lambda[j]));
            }
        }
        return max / TestData.maxAbs(s);
    }

    /** @return max|UᵀU − I|, by loops */
    private static double orthogonality(double[][] u) {
        double[][] gram = TestData.multiply(TestData.transpose(u), u);
        double max = 0;
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < u.length; j++) {
                max = Math.max(max, Math.abs(gram[i][j] - (i == j ? 1 : 0)));
            }
        }
        return max;
    }

    @Test
    void eigenvaluesAreDescending() {
        double[] lambda = SymmetricEigen.of(nd(TestData.symmetric(30, new Random(3)))).valueArray();

        for (int i = 1; i < lambda.length; i++) {
            assertTrue(lambda[i - 1] >= lambda[i], "λ" + i + " = " + lambda[i - 1] + " < λ" + (i + 1) + " = " + lambda[i]);
        }
    }

    @Test
    void eachVectorsLargestComponentIsPositive() {
        double[][] u = TestData.array(SymmetricEigen.of(nd(TestData.symmetric(30, new Random(4)))).vectors());

        for (int j = 0; j < u.length; j++) {
            double largest = 0;
            for (double[] row : u) {
                largest = Math.abs(row[j]) > Math.abs(largest) ? row[j] : largest;
            }
            assertTrue(largest > 0, "column " + j + " has its largest component " + largest);
        }
    }

    @Test
    void aKnownSpectrumIsRecoveredWithItsDirections() {
        Random rng = new Random(5);
        double[] expected = {9, 4, 2.5, 1, 0.25, -0.5, -3};
        double[][] u = TestData.orthonormalColumns(7, 7, rng);
        double[][] s = new double[7][7];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                for (int k = 0; k < 7; k++) {
                    s[i][j] += u[i][k] * expected[k] * u[j][k];
                }
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(nd(s));

        assertArrayEquals(expected, eigen.valueArray(), 1e-13);
        double[][] overlap = TestData.multiply(TestData.transpose(u), TestData.array(eigen.vectors()));
        for (int k = 0; k < 7; k++) {
            assertTrue(Math.abs(Math.abs(overlap[k][k]) - 1) < TOLERANCE, "direction " + k + " not recovered");
        }
    }

    @Test
    void aDiagonalMatrixGivesSortedValuesAndUnitVectors() {
        SymmetricEigen eigen = SymmetricEigen.of(nd(new double[][] {{3, 0, 0}, {0, 1, 0}, {0, 0, 2}}));

        assertArrayEquals(new double[] {3, 2, 1}, eigen.valueArray(), 1e-15);
        double[][] expected = {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}};
        double[][] actual = TestData.array(eigen.vectors());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-15);
        }
        assertArrayEquals(new double[] {0, 1}, TestData.array(eigen.leading(2))[2], 1e-15);
    }
}
