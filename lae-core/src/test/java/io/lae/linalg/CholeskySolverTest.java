package io.lae.linalg;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link CholeskySolver} by residuals computed in plain Java: S x = b, x S = b and, for the
 * lower solve, L⁻¹S = Lᵀ must be upper triangular with (Lᵀ)ᵀLᵀ = S. Matrices that are not
 * positive definite must be refused.
 */
class CholeskySolverTest {

    private static final double TOLERANCE = 1e-10;

    @BeforeAll
    static void float64() {
        TestData.useFloat64();
    }

    /** @return ‖S x − b‖∞ / (‖S‖∞ ‖x‖∞), backward-stable solvers give ~n·1e-16 */
    private static double residual(double[][] s, double[][] x, double[][] b) {
        double[][] sx = TestData.multiply(s, x);
        double max = 0;
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                max = Math.max(max, Math.abs(sx[i][j] - b[i][j]));
            }
        }
        return max / (TestData.maxAbs(s) * TestData.maxAbs(x));
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {5, 60, 120})
    void solveHasASmallResidual(int n) {
        Random rng = new Random(n);
        double[][] s = TestData.positiveDefinite(n, rng);
        double[][] b = TestData.gaussian(n, 3, 1, rng);

        double[][] x = TestData.array(CholeskySolver.factor(nd(s)).solve(nd(b)));

        assertTrue(observe("Cholesky solve residual n=" + n, residual(s, x, b)) < TOLERANCE);
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {5, 60, 120})
    void solveRightHasASmallResidual(int n) {
        Random rng = new Random(n + 100);
        double[][] s = TestData.positiveDefinite(n, rng);
        double[][] b = TestData.gaussian(4, n, 1, rng);

        double[][] x = TestData.array(CholeskySolver.factor(nd(s)).solveRight(nd(b)));

        // x S = b  ⇔  S xᵀ = bᵀ (S symmetric)
        assertTrue(observe("Cholesky solveRight residual n=" + n,
                residual(s, TestData.transpose(x), TestData.transpose(b))) < TOLERANCE);
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {5, 60, 120})
    void solveLowerOfSIsTheUpperTriangularFactorLTransposed(int n) {
        double[][] s = TestData.positiveDefinite(n, new Random(n + 200));

        double[][] lt = TestData.array(CholeskySolver.factor(nd(s)).solveLower(nd(s)));

        double below = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(lt[i][i] > 0, "diagonal of Lᵀ must be positive");
            for (int j = 0; j < i; j++) {
                below = Math.max(below, Math.abs(lt[i][j]));
            }
        }
        assertTrue(below / TestData.maxAbs(lt) < TOLERANCE, "L⁻¹S is not upper triangular: " + below);
        assertTrue(observe("Cholesky (L⁻¹S)ᵀ(L⁻¹S) vs S, n=" + n,
                TestData.relativeError(s, TestData.multiply(TestData.transpose(lt), lt))) < TOLERANCE);
    }

    @Test
    void solveLowerWhitens() {
        Random rng = new Random(7);
        double[][] s = TestData.positiveDefinite(8, rng);
        double[][] b = TestData.gaussian(8, 1, 1, rng);
        CholeskySolver solver = CholeskySolver.factor(nd(s));

        INDArray whitened = solver.solveLower(nd(b));
        double expected = TestData.multiply(TestData.transpose(b), TestData.array(solver.solve(nd(b))))[0][0];

        assertEquals(expected, whitened.mul(whitened).sumNumber().doubleValue(), TOLERANCE * expected);
    }

    @Test
    void theMatrixIsNotModified() {
        double[][] s = TestData.positiveDefinite(6, new Random(8));
        INDArray matrix = nd(s);

        CholeskySolver.factor(matrix);

        assertEquals(0.0, TestData.relativeError(s, TestData.array(matrix)));
    }

    @Test
    void anIndefiniteMatrixIsRejected() {
        double[][] u = TestData.orthonormalColumns(5, 5, new Random(9));
        double[][] d = new double[5][5];
        double[] eigenvalues = {3, 2, 1, 0.5, -0.25};
        for (int i = 0; i < 5; i++) {
            d[i][i] = eigenvalues[i];
        }
        double[][] indefinite = TestData.multiply(TestData.multiply(u, d), TestData.transpose(u));

        assertThrows(IllegalArgumentException.class, () -> CholeskySolver.factor(nd(indefinite)));
    }

    @Test
    void aNegativeDefiniteMatrixIsRejected() {
        double[][] s = TestData.positiveDefinite(4, new Random(10));
        for (double[] row : s) {
            for (int j = 0; j < row.length; j++) {
                row[j] = -row[j];
            }
        }

        assertThrows(IllegalArgumentException.class, () -> CholeskySolver.factor(nd(s)));
    }

    @Test
    void aNonSquareMatrixIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CholeskySolver.factor(nd(new double[3][4])));
    }
}
