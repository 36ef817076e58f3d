package io.lae.loss;

import io.lae.stats.Statistics;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kunin's product penalty λ‖AB‖² (L_π, Kunin §2), computed as λ Tr(AᵀA · BBᵀ) so no n×n'
 * product is formed; ∇_B = 2λ AᵀA B, ∇_A = 2λ A BBᵀ.
 */
public final class ProductPenalty implements LossTerm {

    private final double lambda;

    /** @param lambda λ ≥ 0 */
    public ProductPenalty(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("λ must be finite and non-negative, got " + lambda);
        }
        this.lambda = lambda;
    }

    /** @return λ */
    public double lambda() {
        return lambda;
    }

    @Override
    public double accumulate(INDArray encoder, INDArray decoder, INDArray decoderGram, Statistics stats,
                             INDArray gradEncoder, INDArray gradDecoder) {
        return penalty(encoder, decoder, decoderGram, gradEncoder, gradDecoder);
    }

    /** The penalty does not depend on the data: per batch it is the same as over the statistics. */
    @Override
    public double accumulateBatch(INDArray encoder, INDArray decoder, INDArray decoderGram, INDArray x, INDArray y,
                                  INDArray gradEncoder, INDArray gradDecoder) {
        return penalty(encoder, decoder, decoderGram, gradEncoder, gradDecoder);
    }

    private double penalty(INDArray encoder, INDArray decoder, INDArray decoderGram, INDArray gradEncoder,
                           INDArray gradDecoder) {
        INDArray encoderGram = encoder.mmul(encoder.transpose());
        if (gradEncoder != null) {
            gradEncoder.addi(decoderGram.mmul(encoder).muli(2 * lambda));
        }
        if (gradDecoder != null) {
            gradDecoder.addi(decoder.mmul(encoderGram).muli(2 * lambda));
        }
        return lambda * decoderGram.mul(encoderGram).sumNumber().doubleValue();
    }

    @Override
    public double valueFromData(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        INDArray product = decoder.mmul(encoder);
        return lambda * product.mul(product).sumNumber().doubleValue();
    }

    /** Builds the literal λ sum((AB)∘(AB)), independent of the trace identity used above. */
    @Override
    public SDVariable define(GraphInputs in) {
        SDVariable product = in.decoder().mmul(in.encoder());
        return product.mul(product).sum().mul(lambda);
    }
}
