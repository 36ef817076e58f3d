package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** bao-fig4's data and its reading of the figure, against the authors' code (XuchanBao/linear-ae). */
class BaoScalingTest {

    @TempDir
    Path dir;

    /**
     * The quick scale's data (d = 30, m = 300) are the samples the authors' train_synth.py draws with
     * {@code np.random.seed(1234)}: first and last entries as NumPy prints them (SciPy 1.3–1.8's
     * ortho_group, legacy normal, float32).
     */
    @Test
    void theDataAreTheAuthorsSamples() {
        ExperimentContext ctx = new ExperimentContext(ExperimentScale.QUICK, dir, null, "float64",
                new PrintWriter(new StringWriter(), true));
        INDArray x = BaoScaling.data(ctx, 30, 300, 1234).inputs();
        assertArrayEquals(new double[] {1.2898478508, -9.9669542313, -7.7750563622},
                x.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 3)).toDoubleVector(), 1e-9);
        assertArrayEquals(new double[] {0.4226190746, 2.5012907982, -11.9357261658},
                x.get(NDArrayIndex.point(299), NDArrayIndex.interval(27, 30)).toDoubleVector(), 1e-9);
    }

    /** Fig. 4's one linear VAE marker (k = 2, ≈ 1 960 epochs) is Adam's; with Nesterov the VAE has no point. */
    @Test
    void theLinearVaeReachesItOnlyWithAdamAtKTwo() {
        assertEquals(0, BaoScaling.Model.VAE.figureLastSuccess("nesterov"));
        assertEquals(2, BaoScaling.Model.VAE.figureLastSuccess("adam"));
    }
}
