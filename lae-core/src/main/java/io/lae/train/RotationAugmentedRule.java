package io.lae.train;

import io.lae.loss.LossEvaluation;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code rag}, the rotation augmented gradient (Bao Algorithm 1) as a gradient transform (SPEC
 * section 3): with YYᵀ = BΣxxBᵀ and Γ = (1/m)·½(upper(YYᵀ) − upper(YYᵀ)ᵀ) (strict upper triangle,
 * skew-symmetric), the directions are g_B = ∇_B − ΓB and g_A = ∇_A + AΓ. With plain SGD this is
 * exactly B ← (I + (α/m)A_t)B − α∇B, A ← A(I − (α/m)A_t) − α∇A. Start balanced (B = Aᵀ).
 *
 * <p>As YYᵀ is symmetric, Γ = YYᵀ ∘ Ω with Ω_ij = sign(j − i)/(2m): one element-wise product. When
 * the loss formed BΣxxBᵀ on the way (the stacked full-batch path) it is reused, so the rule adds two
 * p×p-sized GEMMs to the step and no product with Σxx.
 */
public final class RotationAugmentedRule extends DirectionRule {

    /** The name on the command line. */
    public static final String NAME = "rag";

    private INDArray mask;
    private long maskCount;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Map<String, INDArray> directions(Model model, LossEvaluation eval, StepContext context) {
        StepContext.CodeMoment moment = eval.codeMoment() != null
                ? new StepContext.CodeMoment(eval.codeMoment(), context.sampleCount())
                : context.codeMoment(model.encoder());
        INDArray gamma = moment.moment().mul(mask(moment.moment().dataType(), (int) moment.moment().rows(),
                moment.count()));
        INDArray gb = eval.gradEncoder();
        INDArray ga = eval.gradDecoder();
        Nd4j.gemm(gamma, model.encoder(), gb, false, false, -1.0, 1.0);                // ∇_B − ΓB
        Nd4j.gemm(model.decoder(), gamma, ga, false, false, 1.0, 1.0);                 // ∇_A + AΓ
        return Map.of(Model.ENCODER, gb, Model.DECODER, ga);
    }

    /** Ω, Ω_ij = sign(j − i)/(2m), built once per dtype, size and count. */
    private INDArray mask(DataType type, int p, long count) {
        if (Masks.stale(mask, type, p) || maskCount != count) {
            mask = Masks.build(p, type, (i, j) -> Math.signum(j - i) * 0.5 / count);
            maskCount = count;
        }
        return mask;
    }
}
