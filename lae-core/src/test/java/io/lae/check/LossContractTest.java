package io.lae.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lae.loss.LossSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contract every loss passes (EJML-style: one subclass per loss names it). On each standard
 * shape, in float64: analytic gradient vs SameDiff autodiff vs finite differences, SameDiff value
 * vs analytic value, statistics form vs the literal definition on X, and the mini-batch form on all
 * of X vs the statistics form.
 */
abstract class LossContractTest {

    /** Analytic and SameDiff compute the same polynomial; they should agree far below the suite tolerance. */
    static final double SAMEDIFF_TOLERANCE = 1e-9;

    /** @return the loss name under test */
    abstract String lossName();

    @BeforeAll
    static void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static Stream<CheckShape> shapes() {
        return GradientCheck.STANDARD_SHAPES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void analyticAgreesWithSameDiffFiniteDifferencesAndLiteral(CheckShape shape) {
        LossSpec spec = LossSpec.example(lossName(), shape.latent());
        GradientCheckResult r = GradientCheck.run(spec, shape, 42);
        assertTrue(r.gradientVsSameDiff() < SAMEDIFF_TOLERANCE, () -> "SameDiff gradient: " + r);
        assertTrue(r.valueVsSameDiff() < SAMEDIFF_TOLERANCE, () -> "SameDiff value: " + r);
        assertTrue(r.gradientVsFiniteDifference() < GradientCheck.TOLERANCE, () -> "finite differences: " + r);
        assertTrue(r.statisticsVsLiteral() < SAMEDIFF_TOLERANCE, () -> "literal definition: " + r);
        assertTrue(r.batchVsStatistics() < SAMEDIFF_TOLERANCE, () -> "mini-batch path: " + r);
        assertTrue(r.coordinatesChecked() > 0);
    }
}
