package io.lae.loss;

import static io.lae.TestData.nd;
import static io.lae.TestData.observe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.TestData;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float32 run (weights in float32, statistics accumulated in float64 and cast once with
 * {@link Statistics#as}) must give the float64 loss and gradients to float32 accuracy, ~1e-4
 * relative, for every loss at n = 20, p = 5 (autoencoder) and n = 20 from n' = 15 (regression).
 */
class Float32Test {

    private static final int P = 5;
    private static final double TOLERANCE = 1e-4;

    private static Statistics autoencoder;
    private static Statistics regression;

    @BeforeAll
    static void data() {
        TestData.useFloat64();
        Random rng = new Random(30);
        double[][] x = TestData.anisotropic(80, 20, 0.3, rng);
        autoencoder = StatisticsAccumulator.of(nd(x), true);
        double[][] inputs = TestData.anisotropic(80, 15, 0.3, rng);
        regression = StatisticsAccumulator.of(nd(inputs), nd(TestData.linearTargets(inputs, 20, rng)), true);
    }

    static Stream<Arguments> cases() {
        return Losses.REGISTRY.names().stream().flatMap(name -> Stream.of(Arguments.of(name, true), Arguments.of(name, false)));
    }

    @ParameterizedTest(name = "{0}, autoencoder={1}")
    @MethodSource("cases")
    void float32AgreesWithFloat64(String name, boolean isAutoencoder) {
        Statistics stats = isAutoencoder ? autoencoder : regression;
        Loss loss = LossSpec.example(name, P).create(P);
        Random rng = new Random(31);
        INDArray encoder = nd(TestData.gaussian(P, stats.inputDim(), 1 / Math.sqrt(stats.inputDim()), rng));
        INDArray decoder = nd(TestData.gaussian(stats.outputDim(), P, 1 / Math.sqrt(P), rng));

        LossEvaluation wide = loss.evaluate(encoder, decoder, stats);
        LossEvaluation narrow = loss.evaluate(encoder.castTo(DataType.FLOAT), decoder.castTo(DataType.FLOAT),
                stats.as(DataType.FLOAT));

        String label = name + (isAutoencoder ? " AE" : " regression");
        assertEquals(DataType.FLOAT, narrow.gradEncoder().dataType());
        double value = observe("float32 vs float64 value, " + label,
                Math.abs(narrow.value() - wide.value()) / Math.abs(wide.value()));
        double gradient = observe("float32 vs float64 gradient, " + label, Math.max(
                TestData.relativeError(wide.gradEncoder(), narrow.gradEncoder()),
                TestData.relativeError(wide.gradDecoder(), narrow.gradDecoder())));
        assertTrue(value < TOLERANCE, "value error " + value);
        assertTrue(gradient < TOLERANCE, "gradient error " + gradient);
    }
}
