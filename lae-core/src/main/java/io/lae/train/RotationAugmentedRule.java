package io.lae.train;

import io.lae.loss.LossEvaluation;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code rag}, the rotation augmented gradient (Bao Algorithm 1) as a gradient transform (SPEC
 * section 3): with YYᵀ = BΣxxBᵀ and Γ = (1/m)·½(upper(YYᵀ) − upper(YYᵀ)ᵀ) (strict upper triangle,
 * skew-symmetric), the directions are g_B = ∇_B − ΓB and g_A = ∇_A + AΓ. With plain SGD this is
 * exactly B ← (I + (α/m)A_t)B − α∇B, A ← A(I − (α/m)A_t) − α∇A. Start balanced (B = Aᵀ).
 */
public final class RotationAugmentedRule extends DirectionRule {

    /** The name on the command line. */
    public static final String NAME = "rag";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Map<String, INDArray> directions(Model model, LossEvaluation eval, StepContext context) {
        INDArray b = model.encoder();
        INDArray a = model.decoder();
        INDArray gamma = rotation(b, context);
        INDArray gb = eval.gradEncoder().subi(gamma.mmul(b));
        INDArray ga = eval.gradDecoder().addi(a.mmul(gamma));
        return Map.of(Model.ENCODER, gb, Model.DECODER, ga);
    }

    /** Γ = (1/m)·½(triu(M, 1) − triu(M, 1)ᵀ) with M = B Σxx Bᵀ (over a batch: M = ZZᵀ, Z = BX, and 1/b). */
    static INDArray rotation(INDArray encoder, StepContext context) {
        StepContext.CodeMoment m = context.codeMoment(encoder);
        INDArray upper = Nd4j.triu(m.moment(), 1);
        return upper.sub(upper.transpose()).muli(0.5 / m.count());
    }
}
