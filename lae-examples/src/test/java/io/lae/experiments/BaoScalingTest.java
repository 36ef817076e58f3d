package io.lae.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lae.Precision;
import io.lae.loss.NonUniformL2Loss;
import io.lae.loss.Scale;
import io.lae.sweep.PlannedRun;
import io.lae.sweep.Study;
import io.lae.sweep.StudyFile;
import io.lae.train.NestedDropoutDraw;
import io.lae.train.StopTarget;
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
     * The study file trains each autoencoder as the authors' code configures it: the configuration the experiment
     * built in code before it ran through the study engine, per model, optimizer and k.
     */
    @Test
    void theStudyConfiguresEachModelAsTheAuthorsCodeDoes() {
        int[] ks = {2, 5, 50};
        int d = 100;
        Study study = StudyFile.parse(BaoScaling.study(ks, 1500, 1234, d, "the data", Precision.FLOAT64, 0), "bao");
        assertEquals(BaoScaling.AUTOENCODERS.size() * ks.length * BaoScaling.OPTIMIZERS.size(), study.runs().size());
        for (PlannedRun run : study.runs()) {
            BaoScaling.Model model = BaoScaling.AUTOENCODERS.stream()
                    .filter(m -> m.runName().equals(run.settings().get(Study.RUN_AXIS))).findFirst().orElseThrow();
            int k = run.config().latent();
            String optimizer = run.config().optimizer();
            TrainingConfig.Builder b = TrainingConfig.builder().data("the data").latent(k).scale(Scale.MEAN)
                    .center(false).optimizer(optimizer, model.learningRate(optimizer, k)).momentum(0.9).steps(1500)
                    .init(Initialization.Kind.TORCH, 1e-4).seed(1234).dtype(Precision.FLOAT64).logEvery(10)
                    .checkpointEvery(0).until(StopTarget.parse("d_align=0.3"));
            TrainingConfig expected = switch (model) {
                case NON_UNIFORM -> b.loss("nonuniform")
                        .lambdas(NonUniformL2Loss.squaredLinspace(0.1, Math.min(0.1 * (d - k - 1), d * 0.01), k)).build();
                case RAG -> b.loss("mse").rule("rag").build();
                case NESTED_DROPOUT -> b.loss("nested-dropout").stochastic(NestedDropoutDraw.PER_SAMPLE).build();
                case DETERMINISTIC_NESTED_DROPOUT -> b.loss("nested-dropout").build();
                case VAE -> throw new AssertionError("the VAE is not in the study");
            };
            ObjectMapper json = new ObjectMapper();
            assertEquals(json.valueToTree(expected), json.valueToTree(run.config()), run.name());
        }
        assertEquals("latent", study.stopAxis());
    }

    /**
     * Every autoencoder of the sweep starts where the authors' train_synth.py starts it, from their torch
     * draw after {@code torch.manual_seed(1234)}: the linear VAE's start, one for all five models at a given k.
     * A run records it in run.json.
     */
    @Test
    void everyModelStartsFromTheAuthorsInitialWeights() {
        ExperimentContext ctx = new ExperimentContext(ExperimentScale.QUICK, dir, null, Precision.FLOAT64,
                new PrintWriter(new StringWriter(), true));
        VaeParameters vae = VaeParameters.authorsInit(30, 2, 1e-4, 1234, DataType.DOUBLE);
        Study study = StudyFile.parse(BaoScaling.study(new int[] {2}, 20, 1234, 30, "data", Precision.FLOAT64, 0),
                "bao");
        for (PlannedRun run : study.runs()) {
            TrainingConfig c = run.config();
            assertEquals(Initialization.Kind.TORCH, c.init(), run.name());
            io.lae.train.Model start = c.initialModel(30, 30, c.stepSettings().rule().tiesWeights());
            assertEquals(vae.encoder(), start.encoder(), run.name());
            assertEquals(vae.decoder(), start.decoder(), run.name());
        }
        TrainingConfig short20 = study.runs().getFirst().config();
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
