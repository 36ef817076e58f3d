package io.lae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lae.vae.VaeParameters;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ports of the generators behind the authors' Python code against what NumPy 2.4 (legacy
 * {@code RandomState}), SciPy 1.3–1.8's {@code ortho_group} (its Householder loop, run on that
 * generator) and torch 1.3's CPU {@code normal_} (ported to NumPy; {@code torch.rand} after
 * {@code torch.manual_seed(0)} is the well-known 0.4963) print, e.g.
 * {@code np.random.seed(1234); np.random.normal(size=5)}. The weights agree to float32 precision
 * (2e-11 at 1e-4): torch rounds each Box–Muller step to float, the port only the result.
 */
class AuthorsRandomTest {

    @Test
    void numpyLegacyNormalsAndDoubles() {
        NumpyRandomState numpy = new NumpyRandomState(1234);
        double[] expected = {0.47143516, -1.19097569, 1.43270697, -0.3126519, -0.72058873};
        for (double e : expected) {
            assertEquals(e, numpy.nextGaussian(), 1e-8);
        }
        NumpyRandomState seven = new NumpyRandomState(7);
        for (double e : new double[] {0.07630829, 0.77991879, 0.43840923}) {
            assertEquals(e, seven.nextDouble(), 1e-8);
        }
    }

    @Test
    void scipyOrthoGroupDrawsTheSameMatrixAndConsumesTheSameDeviates() {
        NumpyRandomState numpy = new NumpyRandomState(1234);
        double[][] h = numpy.orthoGroup(4);
        double[][] expected = {
            {0.24212565, 0.66815912, -0.2243999, 0.66677076},
            {-0.61167641, 0.17484098, 0.71584656, 0.28783034},
            {0.73582782, -0.22453492, 0.61705864, 0.16546941},
            {-0.16057573, -0.68744315, -0.23758581, 0.66722585}};
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(expected[i], h[i], 1e-8, "row " + i);
        }
        assertEquals(1.15003572, numpy.nextGaussian(), 1e-8, "the next np.random.normal() after ortho_group.rvs(4)");
        assertEquals(0.99194602, numpy.nextGaussian(), 1e-8);
    }

    @Test
    void theAuthorsFig4SamplesDrawnAsTheirNumpyCodeDrawsThem() {
        double[] variances = new double[30];
        for (int i = 0; i < 30; i++) {
            variances[i] = 1 + 99 * (1 - i / 29.0);
        }
        INDArray x = SyntheticData.authorsPca(300, variances, 1234).readAll();
        assertArrayEquals(new double[] {1.2898478508, -9.9669542313, -7.7750563622},
                x.getRow(0).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).toDoubleVector(), 1e-9);
        assertArrayEquals(new double[] {0.4226190746, 2.5012907982, -11.9357261658},
                x.getRow(299).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(27, 30)).toDoubleVector(), 1e-9);
    }

    /**
     * What torch itself prints (the same CPU algorithms since 1.0, 1.3 included):
     * {@code torch.manual_seed(0); torch.randn(4, 4)} (normal_fill, to the 4 printed decimals),
     * {@code torch.manual_seed(42); torch.rand(3)}, and {@code torch.manual_seed(42); nn.Linear(1, 1)}, whose
     * Kaiming-uniform weight and bias (bound 1 for one input) are 0.7645 and 0.8300: one 32-bit output per
     * float32 uniform_ entry, as {@link TorchCpuRandom#skipUniform} consumes them.
     */
    @Test
    void torchPrintsTheseNumbers() {
        float[] randn = new TorchCpuRandom(0).normal(16, 1);
        double[] printed = {-1.1258, -1.1524, -0.2506, -0.4339, 0.8487, 0.6920, -0.3160, -2.1152, 0.3223, -1.2633,
            0.3500, 0.3081, 0.1198, 1.2377, 1.1168, -0.2473};
        for (int i = 0; i < 16; i++) {
            assertEquals(printed[i], randn[i], 5e-5, "randn(4, 4)[" + i + "]");
        }
        TorchCpuRandom seed42 = new TorchCpuRandom(42);
        for (double e : new double[] {0.8823, 0.9150, 0.3829}) {
            assertEquals(e, seed42.nextUniform(), 5e-5);
        }
        TorchCpuRandom linear = new TorchCpuRandom(42);
        assertEquals(0.7645, 2 * linear.nextUniform() - 1, 5e-5, "nn.Linear(1, 1).weight");
        assertEquals(0.8300, 2 * linear.nextUniform() - 1, 5e-5, "nn.Linear(1, 1).bias");
    }

    @Test
    void torchUniformAndTheAuthorsVaeInitialisation() {
        assertEquals(0.49625658988952637, new TorchCpuRandom(0).nextUniform(), 0);
        VaeParameters init = VaeParameters.authorsInit(10, 3, 1e-4, 1234, DataType.DOUBLE);
        double[][] w1 = {
            {-2.971354661e-05, -1.537970529e-04, -1.024849771e-04, -3.780615589e-05},
            {1.053389788e-04, 3.691784877e-05, 6.279586160e-06, -3.296746218e-05},
            {7.387925143e-05, 1.590334432e-04, -1.222161227e-04, -2.746366772e-05}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(w1[i][j], init.encoder().getDouble(i, j), 2e-11, "W1[" + i + "," + j + "]");
            }
        }
        double[][] w2Last = {{5.867966320e-05, -2.877589395e-05, -3.234239557e-05},
            {1.702310110e-04, 5.864676132e-05, -6.212051085e-05}};
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(w2Last[i], init.decoder().getRow(8 + i).toDoubleVector(), 2e-11, "W2 row " + (8 + i));
        }
        assertEquals(0, init.logVariance().sumNumber().doubleValue());
        assertEquals(0, init.logNoise().getDouble(0));
    }
}
