package io.lae.loss;

import io.lae.LaeException;
import io.lae.stats.Statistics;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A loss made of a nested reconstruction term and an optional penalty term: the shape shared
 * by all six losses of docs/math.md §2. Subclasses only choose the terms.
 */
public abstract class CompositeLoss implements CheckableLoss {

    private final String name;
    private final NestedReconstruction reconstruction;
    private final LossTerm penalty;
    private final StackedBuffers buffers;
    private StackedGradients stacked;
    private BatchGradients batch;

    /**
     * @param name           the loss name
     * @param reconstruction the data term
     * @param penalty        the penalty term, or null for none
     */
    protected CompositeLoss(String name, NestedReconstruction reconstruction, LossTerm penalty) {
        this(name, reconstruction, penalty, new StackedBuffers());
    }

    /**
     * @param name           the loss name
     * @param reconstruction the data term
     * @param penalty        the penalty term, or null for none
     * @param buffers        the fused kernel's arrays, shared with losses never evaluated in the same step
     */
    protected CompositeLoss(String name, NestedReconstruction reconstruction, LossTerm penalty,
                            StackedBuffers buffers) {
        this.name = name;
        this.reconstruction = reconstruction;
        this.penalty = penalty;
        this.buffers = buffers;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int latentSize() {
        return reconstruction.latentSize();
    }

    /** @return the reconstruction term */
    public NestedReconstruction reconstruction() {
        return reconstruction;
    }

    /** @return whether the loss has a penalty term besides the reconstruction */
    public boolean hasPenalty() {
        return penalty != null;
    }

    @Override
    public LossEvaluation evaluate(INDArray encoder, INDArray decoder, Statistics stats) {
        checkShapes(encoder, decoder, stats);
        return withGradients(encoder, decoder, overStatistics(encoder, decoder, stats), true);
    }

    @Override
    public LossEvaluation gradients(INDArray encoder, INDArray decoder, Statistics stats) {
        checkShapes(encoder, decoder, stats);
        return withGradients(encoder, decoder, overStatistics(encoder, decoder, stats), false);
    }

    @Override
    public LossEvaluation gradients(StackedWeights weights, Statistics stats) {
        if (!stats.isAutoencoder()) {
            return gradients(weights.encoder(), weights.decoder(), stats);
        }
        checkShapes(weights.encoder(), weights.decoder(), stats);
        if (stacked == null) {
            stacked = kernel(buffers, true);
        }
        return stacked.compute(weights, stats);
    }

    /**
     * @param into   the arrays the kernel writes into
     * @param onHost whether it steps on the host on the CPU backend (false: ND4J's ops throughout)
     * @return this loss's fused gradient kernel over the stacked weights
     */
    StackedGradients kernel(StackedBuffers into, boolean onHost) {
        return new StackedGradients(reconstruction, diagonalLambdas(), productLambda(), into, onHost);
    }

    @Override
    public LossEvaluation evaluateBatch(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        return withGradients(encoder, decoder, overBatch(encoder, decoder, x, y), true);
    }

    /**
     * On the CPU backend, with B and A laid out as the stacked weights' halves, the batch kernel
     * ({@link BatchGradients}): direct BLAS calls and plain-Java passes into buffers kept between steps; the
     * arrays are reused by the next call.
     */
    @Override
    public LossEvaluation gradientsBatch(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        if (BatchGradients.takes(encoder, decoder)) {
            if (batch == null) {
                batch = batchKernel(buffers);
            }
            return batch.compute(encoder, decoder, x, y);
        }
        return withGradients(encoder, decoder, overBatch(encoder, decoder, x, y), false);
    }

    /**
     * @param into the arrays the kernel writes into
     * @return this loss's mini-batch gradient kernel on the host
     */
    BatchGradients batchKernel(StackedBuffers into) {
        return new BatchGradients(reconstruction, diagonalLambdas(), productLambda(), into.batch);
    }

    /** @return the per-unit penalty's λ_i, or null without one */
    private double[] diagonalLambdas() {
        return penalty instanceof DiagonalPenalty diagonal ? diagonal.lambdas() : null;
    }

    /** @return the product penalty's λ_π, or 0 without one */
    private double productLambda() {
        return penalty instanceof ProductPenalty product ? product.lambda() : 0;
    }

    @Override
    public double value(INDArray encoder, INDArray decoder, Statistics stats) {
        checkShapes(encoder, decoder, stats);
        return sumOfTerms(decoder, overStatistics(encoder, decoder, stats), null, null, true);
    }

    /** One term's value (NaN unless wanted), its gradients added to the accumulators (null for the value alone). */
    private interface TermCall {
        double on(LossTerm term, INDArray decoderGram, INDArray gradEncoder, INDArray gradDecoder, boolean withValue);
    }

    private static TermCall overStatistics(INDArray encoder, INDArray decoder, Statistics stats) {
        return (term, gram, gradEncoder, gradDecoder, withValue) -> term.accumulate(encoder, decoder, gram, stats,
                gradEncoder, gradDecoder, withValue);
    }

    private static TermCall overBatch(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        return (term, gram, gradEncoder, gradDecoder, withValue) -> term.accumulateBatch(encoder, decoder, gram, x, y,
                gradEncoder, gradDecoder, withValue);
    }

    private LossEvaluation withGradients(INDArray encoder, INDArray decoder, TermCall call, boolean withValue) {
        // laid out like the weights, so that the optimizer's step runs over them in one flat pass
        INDArray gradEncoder = Nd4j.create(encoder.dataType(), encoder.shape(), encoder.ordering());
        INDArray gradDecoder = Nd4j.create(decoder.dataType(), decoder.shape(), decoder.ordering());
        double value = sumOfTerms(decoder, call, gradEncoder, gradDecoder, withValue);
        return new LossEvaluation(value, gradEncoder, gradDecoder);
    }

    /** Sums the terms, forming AᵀA once for all of them. */
    private double sumOfTerms(INDArray decoder, TermCall call, INDArray gradEncoder, INDArray gradDecoder,
                              boolean withValue) {
        INDArray decoderGram = Nd4j.gemm(decoder, decoder, true, false);
        double value = call.on(reconstruction, decoderGram, gradEncoder, gradDecoder, withValue);
        if (penalty != null) {
            value += call.on(penalty, decoderGram, gradEncoder, gradDecoder, withValue);
        }
        return value;
    }

    @Override
    public double valueFromData(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        double value = reconstruction.valueFromData(encoder, decoder, x, y);
        return penalty == null ? value : value + penalty.valueFromData(encoder, decoder, x, y);
    }

    @Override
    public SDVariable defineGraph(SameDiff graph, SDVariable encoder, SDVariable decoder, Statistics stats) {
        Statistics typed = stats.as(encoder.dataType());
        SDVariable sxx = graph.constant(typed.sigmaXX().dup());
        SDVariable syx = typed.isAutoencoder() ? sxx : graph.constant(typed.sigmaYX().dup());
        GraphInputs in = new GraphInputs(graph, encoder, decoder, sxx, syx, stats.tyy(), stats.sampleCount());
        SDVariable value = reconstruction.define(in);
        return penalty == null ? value : value.add(penalty.define(in));
    }

    /** The minimum of the reconstruction term; losses with a penalty have none here. */
    @Override
    public OptionalDouble optimalValue(double[] eigenvalues, Statistics stats) {
        return !hasPenalty() ? OptionalDouble.of(reconstruction.optimalValue(eigenvalues, stats))
                : OptionalDouble.empty();
    }

    /**
     * @throws LaeException unless B is p×n', A is n×p and both match the statistics' dtype
     */
    private void checkShapes(INDArray encoder, INDArray decoder, Statistics stats) {
        int p = latentSize();
        long[] wantEncoder = {p, stats.inputDim()};
        long[] wantDecoder = {stats.outputDim(), p};
        if (!Arrays.equals(encoder.shape(), wantEncoder)) {
            throw new LaeException("encoder is " + shape(encoder) + " but must be p×n' = " + p + "×"
                    + stats.inputDim() + " (p latent units, n' input features)");
        }
        if (!Arrays.equals(decoder.shape(), wantDecoder)) {
            throw new LaeException("decoder is " + shape(decoder) + " but must be n×p = "
                    + stats.outputDim() + "×" + p + " (n output features, p latent units)");
        }
        if (encoder.dataType() != stats.dataType() || decoder.dataType() != stats.dataType()) {
            throw new IllegalArgumentException("weights are " + encoder.dataType() + "/" + decoder.dataType()
                    + " but statistics are " + stats.dataType() + ": use stats.as(type) once");
        }
    }

    private static String shape(INDArray a) {
        return a.rank() == 2 ? a.rows() + "×" + a.columns() : Arrays.toString(a.shape());
    }

    @Override
    public String toString() {
        return name;
    }
}
