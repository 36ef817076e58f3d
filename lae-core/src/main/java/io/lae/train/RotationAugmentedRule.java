package io.lae.train;

import io.lae.linalg.HostBlas;
import io.lae.linalg.HostMemory;
import io.lae.loss.LossEvaluation;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code rag}, the rotation augmented gradient (Bao Algorithm 1) as a gradient transform (docs/math.md
 * §3): with YYᵀ = BΣxxBᵀ and Γ = (1/m)·½(upper(YYᵀ) − upper(YYᵀ)ᵀ) (strict upper triangle,
 * skew-symmetric), the directions are g_B = ∇_B − ΓB and g_A = ∇_A + AΓ. With plain SGD this is
 * exactly B ← (I + (α/m)A_t)B − α∇B, A ← A(I − (α/m)A_t) − α∇A. Start balanced (B = Aᵀ).
 *
 * <p>As YYᵀ is symmetric, Γ = (1/m) YYᵀ ∘ Ω with Ω_ij = sign(j − i)/2: one element-wise product, the 1/m
 * going into the GEMMs that apply Γ. When
 * the loss formed BΣxxBᵀ on the way (the stacked full-batch path) it is reused, so the rule adds two
 * p×p-sized GEMMs to the step and no product with Σxx. On the CPU backend the product with Ω is one plain-Java
 * pass into a buffer kept between steps and the GEMMs are direct BLAS calls ({@link HostMemory}, {@link HostBlas}).
 */
public final class RotationAugmentedRule extends DirectionRule {

    /** The name on the command line. */
    public static final String NAME = "rag";

    /** Its registry entry. */
    public static final RuleMethod METHOD = RuleMethod.of(NAME, "the rotation augmented gradient ∇_B − ΓB, ∇_A + AΓ: "
            + "ordered directions from the mse loss; start balanced (Bao et al. 2020, Algorithm 1)",
            RotationAugmentedRule::new);

    private final Mask skew = new Mask((i, j) -> 0.5 * Math.signum(j - i));
    private INDArray countTimesGamma;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Map<String, INDArray> directions(Model model, LossEvaluation eval, StepContext context) {
        StepContext.CodeMoment moment = eval.codeMoment() != null
                ? new StepContext.CodeMoment(eval.codeMoment(), context.sampleCount())
                : context.codeMoment(model.encoder());
        INDArray yyt = moment.moment();
        INDArray omega = skew.of(yyt.dataType(), (int) yyt.rows());
        INDArray countTimesGamma = gamma(yyt);
        if (HostMemory.flat(yyt, omega, countTimesGamma)) {
            HostMemory.multiply(yyt, omega, countTimesGamma);                            // mΓ = YYᵀ ∘ Ω
        } else {
            countTimesGamma = yyt.mul(omega);
        }
        double perSample = 1.0 / moment.count();
        INDArray gb = eval.gradEncoder();
        INDArray ga = eval.gradDecoder();
        HostBlas.gemm(countTimesGamma, model.encoder(), gb, false, false, -perSample, 1.0);  // ∇_B − ΓB
        HostBlas.gemm(model.decoder(), countTimesGamma, ga, false, false, perSample, 1.0);   // ∇_A + AΓ
        return Map.of(Model.ENCODER, gb, Model.DECODER, ga);
    }

    /** @return mΓ's buffer, p×p column-major like YYᵀ, allocated outside any workspace once per dtype and size */
    private INDArray gamma(INDArray yyt) {
        if (countTimesGamma == null || countTimesGamma.dataType() != yyt.dataType() || countTimesGamma.rows() != yyt.rows()) {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                countTimesGamma = Nd4j.create(yyt.dataType(), new long[] {yyt.rows(), yyt.rows()}, 'f');
            }
        }
        return countTimesGamma;
    }
}
