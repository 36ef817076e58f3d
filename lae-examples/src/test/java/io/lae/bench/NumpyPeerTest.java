package io.lae.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lae.Precision;
import io.lae.runs.TrainingConfig;
import io.lae.stats.Statistics;
import io.lae.train.Initialization;
import io.lae.train.Model;
import io.lae.train.RotationAugmentedRule;
import io.lae.train.TrainingStep;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The NumPy peer computes lae's step: from the same Σ and weights, three steps of every method with SGD
 * (which shows the gradient itself) and with Adam, in float64, move the weights as lae's steps do, to 1e-10
 * relative. Skipped where python3 with NumPy is absent.
 */
class NumpyPeerTest {

    private static final int N = 12;
    private static final int P = 3;
    private static final long M = 50;
    private static NumpyPeer peer;

    @BeforeAll
    static void start() {
        try {
            peer = NumpyPeer.start();
        } catch (NumpyPeer.Unavailable e) {
            peer = null;
        }
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordered", "mse", "sum", "product", "nonuniform", "nested-dropout", "rag"})
    void theStepsMoveTheWeightsAsLaesDo(String name) {
        assumeTrue(peer != null, "python3 with NumPy is absent");
        Random rng = new Random(80);
        double[][] g = new double[N][N];
        double[][] weights = new double[2 * P][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                g[i][j] = rng.nextGaussian();
            }
        }
        for (double[] row : weights) {
            for (int j = 0; j < N; j++) {
                row[j] = 0.3 * rng.nextGaussian();
            }
        }
        INDArray gm = Nd4j.createFromArray(g);
        INDArray sigma = gm.transpose().mmul(gm).divi(N);
        Method method = Method.named(name);
        for (String optimizer : new String[] {"sgd", "adam"}) {
            double lr = optimizer.equals("sgd") ? 1e-3 : 1e-2;
            TrainingConfig config = method.settings().apply(TrainingConfig.builder().latent(P).optimizer(optimizer, lr)
                    .seed(1).dtype(Precision.FLOAT64).init(Initialization.Kind.NORMAL, 0.01), P).build();
            Statistics stats = new Statistics(sigma, sigma, 1.0, M, Nd4j.zeros(DataType.DOUBLE, N),
                    Nd4j.zeros(DataType.DOUBLE, N), true);
            INDArray w = Nd4j.createFromArray(weights);
            Model model = Model.of(w.get(interval(0, P)), w.get(interval(P, 2 * P)).transpose());
            TrainingStep step = TrainingStep.fresh(config.stepSettings(), stats, model);
            for (int t = 0; t < 3; t++) {
                step.apply(model, t, lr, null);
            }
            NumpyPeer.Form form = NumpyPeer.Form.of(config.lossSpec().form(P), M,
                    RotationAugmentedRule.NAME.equals(config.rule()));
            double[][] numpy = peer.steps(sigma.toDoubleMatrix(), weights, form, optimizer, lr, 3);
            INDArray laeMoved = Nd4j.vstack(model.encoder(), model.decoder().transpose()).sub(w);
            INDArray numpyMoved = Nd4j.createFromArray(numpy).sub(w);
            double error = laeMoved.sub(numpyMoved).norm2Number().doubleValue() / laeMoved.norm2Number().doubleValue();
            assertTrue(laeMoved.norm2Number().doubleValue() > 1e-4, "the weights must move");
            assertTrue(error < 1e-10, name + " with " + optimizer + ": relative difference " + error);
        }
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex interval(int from, int to) {
        return org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to);
    }
}
