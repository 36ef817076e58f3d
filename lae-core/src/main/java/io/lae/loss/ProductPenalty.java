package io.lae.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kunin's product penalty λ‖AB‖² (L_π, Kunin §2), computed as λ Tr(AᵀA · BBᵀ) so no n×n'
 * product is formed; ∇_B = 2λ AᵀA B, ∇_A = 2λ A BBᵀ.
 */
public final class ProductPenalty extends Penalty {

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
    double penalty(INDArray encoder, INDArray decoder, INDArray decoderGram, INDArray gradEncoder,
                           INDArray gradDecoder, boolean withValue) {
        INDArray encoderGram = encoder.mmul(encoder.transpose());
        if (gradEncoder != null) {
            gradEncoder.addi(decoderGram.mmul(encoder).muli(2 * lambda));
        }
        if (gradDecoder != null) {
            gradDecoder.addi(decoder.mmul(encoderGram).muli(2 * lambda));
        }
        return withValue ? lambda * decoderGram.mul(encoderGram).sumNumber().doubleValue() : Double.NaN;
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
