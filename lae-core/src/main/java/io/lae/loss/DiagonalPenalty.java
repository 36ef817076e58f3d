package io.lae.loss;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-unit L2 penalty ‖Λ^{1/2}B‖² + ‖AΛ^{1/2}‖² = Σ_i λ_i (‖B_{i,:}‖² + ‖A_{:,i}‖²), Λ =
 * diag(λ₁..λ_p): Bao's non-uniform L2 (eq. 3) and, with every λ_i = λ, Kunin's sum penalty
 * λ(‖A‖² + ‖B‖²) (L_σ, Kunin §2). ∇_B = 2ΛB, ∇_A = 2AΛ.
 */
public final class DiagonalPenalty extends Penalty {

    private final double[] lambdas;
    /** λ as a p×1 column in the dtype last asked for: built once, not sent to the device every step. */
    private INDArray cachedColumn;

    /** @param lambdas λ₁..λ_p, finite and non-negative */
    public DiagonalPenalty(double[] lambdas) {
        if (Arrays.stream(lambdas).anyMatch(l -> !(l >= 0) || Double.isInfinite(l))) {
            throw new IllegalArgumentException("penalty weights must be finite and non-negative: "
                    + Arrays.toString(lambdas));
        }
        this.lambdas = lambdas.clone();
    }

    /**
     * @param p      the latent size
     * @param lambda λ
     * @return the uniform penalty λ(‖A‖² + ‖B‖²)
     */
    public static DiagonalPenalty uniform(int p, double lambda) {
        double[] all = new double[p];
        Arrays.fill(all, lambda);
        return new DiagonalPenalty(all);
    }

    /** @return λ₁..λ_p */
    public double[] lambdas() {
        return lambdas.clone();
    }

    @Override
    double penalty(INDArray encoder, INDArray decoder, INDArray decoderGram, INDArray gradEncoder,
                           INDArray gradDecoder, boolean withValue) {
        INDArray column = column(encoder.dataType());
        INDArray row = column.reshape(1, lambdas.length);
        if (gradEncoder != null) {
            gradEncoder.addi(encoder.mulColumnVector(column).muli(2));
        }
        if (gradDecoder != null) {
            gradDecoder.addi(decoder.mulRowVector(row).muli(2));
        }
        if (!withValue) {
            return Double.NaN;
        }
        double encoderPart = encoder.mul(encoder).sum(1).mul(column.reshape(lambdas.length)).sumNumber().doubleValue();
        double decoderPart = Nd4j.diag(decoderGram).mul(column.reshape(lambdas.length)).sumNumber().doubleValue();
        return encoderPart + decoderPart;
    }

    @Override
    public double valueFromData(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        double total = 0;
        for (int i = 0; i < lambdas.length; i++) {
            INDArray row = encoder.getRow(i);
            INDArray col = decoder.getColumn(i);
            total += lambdas[i] * (row.mul(row).sumNumber().doubleValue() + col.mul(col).sumNumber().doubleValue());
        }
        return total;
    }

    /** Builds sum((ΛB)∘B) + sum((AΛ)∘A). */
    @Override
    public SDVariable define(GraphInputs in) {
        SDVariable diag = in.graph().constant(Nd4j.diag(column(in.encoder().dataType()).reshape(lambdas.length)));
        SDVariable encoderPart = diag.mmul(in.encoder()).mul(in.encoder()).sum();
        SDVariable decoderPart = in.decoder().mmul(diag).mul(in.decoder()).sum();
        return encoderPart.add(decoderPart);
    }

    /** @return λ as a p×1 column in {@code type}, cached outside any workspace (it outlives the step); do not modify */
    private INDArray column(DataType type) {
        if (cachedColumn == null || cachedColumn.dataType() != type) {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                cachedColumn = Nd4j.createFromArray(lambdas).castTo(type).reshape(lambdas.length, 1);
            }
        }
        return cachedColumn;
    }
}
