package io.lae.check;

import io.lae.loss.CheckableLoss;
import io.lae.loss.Loss;
import io.lae.loss.LossEvaluation;
import io.lae.loss.LossMethod;
import io.lae.loss.LossSpec;
import io.lae.loss.Losses;
import io.lae.loss.SameDiffGradients;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Holds a loss's analytic gradient against SameDiff autodiff and against finite differences, its
 * statistics form against its literal definition on raw data, and its mini-batch form on all the
 * data against its statistics form, at a random point in float64.
 *
 * <p>Finite differences use the five-point stencil f'(0) ≈ (−f(2h) + 8f(h) − 8f(−h) + f(−2h))/(12h),
 * whose truncation error is a multiple of f⁽⁵⁾: every loss here is a polynomial of degree ≤ 4 in
 * the weights, so the stencil is exact up to rounding and the check can be tight (1e-6 and far below).
 */
public final class GradientCheck {

    /** The largest relative error the suite accepts. */
    public static final double TOLERANCE = 1e-6;

    /** Coordinates checked one by one; beyond this many a random subset of this size. */
    static final int MAX_COORDINATES = 240;

    /** Shapes of the standard suite: p = 1, p = n, n ≠ n' both ways, tiny and n ≈ 50. */
    public static final List<CheckShape> STANDARD_SHAPES = List.of(
            CheckShape.autoencoder(4, 1, 12),
            CheckShape.autoencoder(5, 5, 15),
            CheckShape.autoencoder(7, 3, 30),
            CheckShape.regression(6, 4, 3, 25),
            CheckShape.regression(3, 7, 2, 25),
            CheckShape.autoencoder(50, 10, 150),
            CheckShape.regression(40, 48, 12, 150));

    private GradientCheck() {
    }

    /**
     * Runs every loss of the registry on every standard shape, each hyperparameter at its example value
     * ({@link LossSpec#example}).
     *
     * @param seed the random seed
     * @return one result per (loss, shape)
     */
    public static List<GradientCheckResult> runSuite(long seed) {
        List<GradientCheckResult> results = new ArrayList<>();
        for (LossMethod method : Losses.REGISTRY.methods()) {
            for (CheckShape shape : STANDARD_SHAPES) {
                results.add(run(LossSpec.example(method, shape.latent()), shape, seed));
            }
        }
        return results;
    }

    /**
     * Checks one loss at one random point.
     *
     * @param spec  the loss
     * @param shape the sizes
     * @param seed  the random seed for data and weights
     * @return the errors found
     */
    public static GradientCheckResult run(LossSpec spec, CheckShape shape, long seed) {
        Random random = new Random(seed);
        Nd4j.getRandom().setSeed(seed);
        CheckableLoss loss = spec.create(shape.latent());
        INDArray xRows = anisotropicGaussian(shape.samples(), shape.inputDim(), random);
        INDArray yRows = shape.autoencoder() ? xRows : linearTargets(xRows, shape.outputDim(), random);
        Statistics stats = shape.autoencoder() ? StatisticsAccumulator.of(xRows, false)
                : StatisticsAccumulator.of(xRows, yRows, false);
        INDArray encoder = gaussian(shape.latent(), shape.inputDim(), 1 / Math.sqrt(shape.inputDim()), random);
        INDArray decoder = gaussian(shape.outputDim(), shape.latent(), 1 / Math.sqrt(shape.latent()), random);

        LossEvaluation analytic = loss.evaluate(encoder, decoder, stats);
        double literal = loss.valueFromData(encoder, decoder, xRows.transpose(), yRows.transpose());
        SameDiffResult autodiff = sameDiff(loss, encoder, decoder, stats);
        double gradScale = Math.max(analytic.gradEncoder().amaxNumber().doubleValue(),
                analytic.gradDecoder().amaxNumber().doubleValue());
        double sdGradError = Math.max(maxAbsDiff(analytic.gradEncoder(), autodiff.gradEncoder),
                maxAbsDiff(analytic.gradDecoder(), autodiff.gradDecoder)) / gradScale;
        FiniteDifferences fd = finiteDifferences(loss, encoder, decoder, stats, analytic, random);
        LossEvaluation batch = loss.evaluateBatch(encoder, decoder, xRows.transpose(), yRows.transpose());
        double value = analytic.value();
        double batchError = Math.max(Math.abs(batch.value() - value) / Math.abs(value),
                Math.max(maxAbsDiff(batch.gradEncoder(), analytic.gradEncoder()),
                        maxAbsDiff(batch.gradDecoder(), analytic.gradDecoder())) / gradScale);
        return new GradientCheckResult(loss.name(), shape,
                Math.abs(value - autodiff.value) / Math.abs(value), sdGradError,
                fd.maxError / gradScale, fd.coordinates, Math.abs(value - literal) / Math.abs(literal), batchError);
    }

    private record SameDiffResult(double value, INDArray gradEncoder, INDArray gradDecoder) {
    }

    private static SameDiffResult sameDiff(CheckableLoss loss, INDArray encoder, INDArray decoder, Statistics stats) {
        SameDiff sd = SameDiff.create();
        SDVariable b = sd.var("encoder", encoder.dup());
        SDVariable a = sd.var("decoder", decoder.dup());
        SDVariable value = loss.defineGraph(sd, b, a, stats).rename("loss");
        sd.setLossVariables("loss");
        double v = value.eval().getDouble(0);
        Map<String, INDArray> grads = SameDiffGradients.of(sd, "encoder", "decoder");
        return new SameDiffResult(v, grads.get("encoder"), grads.get("decoder"));
    }

    private record FiniteDifferences(double maxError, int coordinates) {
    }

    /** Five-point central differences on every coordinate, or on a random subset of them. */
    private static FiniteDifferences finiteDifferences(Loss loss, INDArray encoder, INDArray decoder,
                                                       Statistics stats, LossEvaluation analytic, Random random) {
        long encoderSize = encoder.length();
        long total = encoderSize + decoder.length();
        int count = (int) Math.min(total, MAX_COORDINATES);
        double h = 1e-2 * Math.max(encoder.amaxNumber().doubleValue(), decoder.amaxNumber().doubleValue());
        double maxError = 0;
        for (int k = 0; k < count; k++) {
            long index = total <= MAX_COORDINATES ? k : (long) (random.nextDouble() * total);
            boolean inEncoder = index < encoderSize;
            INDArray weights = inEncoder ? encoder : decoder;
            long flat = inEncoder ? index : index - encoderSize;
            double original = weights.getDouble(flat);
            double[] f = new double[4];
            double[] offsets = {2 * h, h, -h, -2 * h};
            for (int s = 0; s < 4; s++) {
                weights.putScalar(flat, original + offsets[s]);
                f[s] = loss.value(encoder, decoder, stats);
            }
            weights.putScalar(flat, original);
            double numeric = (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * h);
            double exact = (inEncoder ? analytic.gradEncoder() : analytic.gradDecoder()).getDouble(flat);
            maxError = Math.max(maxError, Math.abs(numeric - exact));
        }
        return new FiniteDifferences(maxError, count);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** Rows of independent Gaussians with standard deviations 1 + j/n' per column, plus an offset. */
    private static INDArray anisotropicGaussian(int m, int n, Random random) {
        double[][] rows = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = 0.3 + (1 + (double) j / n) * random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(rows);
    }

    /** Y = X Wᵀ + noise, rows as samples. */
    private static INDArray linearTargets(INDArray xRows, int outputDim, Random random) {
        INDArray w = gaussian(outputDim, (int) xRows.columns(), 1 / Math.sqrt(xRows.columns()), random);
        return xRows.mmul(w.transpose()).addi(gaussian((int) xRows.rows(), outputDim, 0.1, random));
    }

    private static INDArray gaussian(int rows, int cols, double std, Random random) {
        double[][] values = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                values[i][j] = std * random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(values);
    }
}
