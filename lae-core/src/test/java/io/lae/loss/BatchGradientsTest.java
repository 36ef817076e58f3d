package io.lae.loss;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mini-batch kernel on the host ({@link BatchGradients}: direct BLAS calls, plain-Java passes) against the
 * ND4J path ({@link Loss#evaluateBatch}, which sums the terms' gradients op by op) for every loss: the sums are
 * grouped differently, so they agree to rounding, 1e-12 relative in float64 and 1e-5 in float32.
 */
class BatchGradientsTest {

    private static final int P = 6;
    private static final int N = 1100;
    private static INDArray rows;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        rows = nd(TestData.anisotropic(40, N, 0.3, new Random(70)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mse", "ordered", "sum", "nonuniform", "nested-dropout", "product"})
    void theHostKernelGivesTheNd4jGradients(String name) {
        Random rng = new Random(71);
        StackedWeights w = StackedWeights.of(nd(TestData.gaussian(P, N, 0.2, rng)), nd(TestData.gaussian(N, P, 0.2, rng)));
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            StackedWeights typed = StackedWeights.of(w.encoder().castTo(type), w.decoder().castTo(type));
            INDArray x = rows.castTo(type).transpose();
            Loss loss = LossSpec.example(name, P).create(P);
            assertTrue(BatchGradients.takes(typed.encoder(), typed.decoder()), "the stacked halves take the host kernel");
            LossEvaluation reference = loss.evaluateBatch(typed.encoder().dup(), typed.decoder().dup(), x, x);
            LossEvaluation host = loss.gradientsBatch(typed.encoder(), typed.decoder(), x, x);
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            double errB = observe(name + " " + type + " ∇B host vs ND4J", TestData.relativeError(
                    reference.gradEncoder().castTo(DataType.DOUBLE), host.gradEncoder().castTo(DataType.DOUBLE)));
            double errA = observe(name + " " + type + " ∇A host vs ND4J", TestData.relativeError(
                    reference.gradDecoder().castTo(DataType.DOUBLE), host.gradDecoder().castTo(DataType.DOUBLE)));
            assertTrue(errB < tolerance, name + " " + type + " ∇B relative error " + errB);
            assertTrue(errA < tolerance, name + " " + type + " ∇A relative error " + errA);
            assertTrue(Double.isNaN(host.value()));
        }
    }

    @Test
    void itHandsBackTheCodeMomentAndLaysTheGradientsOutLikeTheWeights() {
        Random rng = new Random(72);
        StackedWeights w = StackedWeights.of(nd(TestData.gaussian(P, N, 0.2, rng)), nd(TestData.gaussian(N, P, 0.2, rng)));
        INDArray x = rows.transpose();
        LossEvaluation host = LossSpec.example("ordered", P).create(P).gradientsBatch(w.encoder(), w.decoder(), x, x);
        INDArray z = w.encoder().mmul(x);
        assertTrue(TestData.relativeError(z.mmul(z.transpose()), host.codeMoment()) < 1e-13);
        assertSame(w.encoder().ordering(), host.gradEncoder().ordering());
        assertSame(w.decoder().ordering(), host.gradDecoder().ordering());
    }

    @Test
    void weightsLaidOutOtherwiseTakeTheNd4jPath() {
        INDArray b = nd(TestData.gaussian(P, N, 0.2, new Random(73)));
        assertFalse(BatchGradients.takes(b, b.transpose().dup('c')), "a row-major decoder is not the stacked layout");
    }
}
