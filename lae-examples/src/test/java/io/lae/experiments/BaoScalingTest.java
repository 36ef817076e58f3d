package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lae.Precision;
import io.lae.runs.RunDirectory;
import io.lae.runs.TrainingConfig;
import io.lae.train.Initialization;
import io.lae.vae.VaeParameters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
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
        ExperimentContext ctx = new ExperimentContext(ExperimentScale.QUICK, dir, null, Precision.FLOAT64,
                new PrintWriter(new StringWriter(), true));
        INDArray x = BaoScaling.data(ctx, 30, 300, 1234).inputs();
        assertArrayEquals(new double[] {1.2898478508, -9.9669542313, -7.7750563622},
                x.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 3)).toDoubleVector(), 1e-9);
        assertArrayEquals(new double[] {0.4226190746, 2.5012907982, -11.9357261658},
                x.get(NDArrayIndex.point(299), NDArrayIndex.interval(27, 30)).toDoubleVector(), 1e-9);
    }

    /**
     * Every autoencoder of the sweep starts where the authors' train_synth.py starts it, from their torch
     * draw after {@code torch.manual_seed(1234)}: the linear VAE's start, one for all five models at a given k.
     * A run records it in run.json; lae's own draw stays available.
     */
    @Test
    void everyModelStartsFromTheAuthorsInitialWeights() {
        ExperimentContext ctx = new ExperimentContext(ExperimentScale.QUICK, dir, null, Precision.FLOAT64,
                new PrintWriter(new StringWriter(), true));
        VaeParameters vae = VaeParameters.authorsInit(30, 2, 1e-4, 1234, DataType.DOUBLE);
        for (BaoScaling.Model model : BaoScaling.Model.values()) {
            if (model == BaoScaling.Model.VAE) {
                continue;
            }
            TrainingConfig c = BaoScaling.config(model, "adam", 2, 1500, 1234, 30, "data", ctx, BaoScaling.AUTHORS_INIT);
            assertEquals(Initialization.Kind.TORCH, c.init(), model.label());
            io.lae.train.Model start = c.initialModel(30, 30, c.stepSettings().rule().tiesWeights());
            assertEquals(vae.encoder(), start.encoder(), model.label());
            assertEquals(vae.decoder(), start.decoder(), model.label());
        }
        assertEquals(Initialization.Kind.NORMAL, BaoScaling.config(BaoScaling.Model.RAG, "adam", 2, 1500, 1234, 30, "data", ctx, false)
                .init());
        TrainingConfig short20 = BaoScaling.config(BaoScaling.Model.NON_UNIFORM, "nesterov", 2, 20, 1234, 30, "data", ctx,
                BaoScaling.AUTHORS_INIT);
        ctx.train("nonuniform", short20, BaoScaling.data(ctx, 30, 300, 1234));
        assertEquals(Initialization.Kind.TORCH, RunDirectory.readConfig(dir.resolve("nonuniform")).init());
    }

    /** Fig. 4's one linear VAE marker (k = 2, ≈ 1 960 epochs) is Adam's; with Nesterov the VAE has no point. */
    @Test
    void theLinearVaeReachesItOnlyWithAdamAtKTwo() {
        assertEquals(0, BaoScaling.Model.VAE.figureLastSuccess("nesterov"));
        assertEquals(2, BaoScaling.Model.VAE.figureLastSuccess("adam"));
    }
}
