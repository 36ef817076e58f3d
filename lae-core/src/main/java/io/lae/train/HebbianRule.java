package io.lae.train;

import io.lae.LaeException;
import io.lae.loss.Loss;
import io.lae.stats.Statistics;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code gha}, Sanger's generalized Hebbian algorithm, and {@code oja}, its p = 1 case (Oja's rule),
 * on tied weights W = B = Aᵀ: W ← W + (α/m)(YXᵀ − LT(YYᵀ)W), Y = WX, LT the lower triangle with the
 * diagonal (Bao §6.1). Over the statistics: YXᵀ = WΣxx and YYᵀ = WΣxxWᵀ (over a batch, XXᵀ of the
 * batch, applied as X(XᵀA) in O(n·b·p)). It follows no loss; the
 * loss is only evaluated for logging.
 */
public final class HebbianRule implements UpdateRule {

    /** Name of the generalized Hebbian algorithm. */
    public static final String GHA = "gha";
    /** Name of Oja's rule. */
    public static final String OJA = "oja";

    /** The generalized Hebbian algorithm's registry entry. */
    public static final RuleMethod GHA_METHOD = RuleMethod.of(GHA, "Sanger's generalized Hebbian algorithm on "
            + "W = B = Aᵀ: W ← W + (α/m)(YXᵀ − LT(YYᵀ)W) (Bao et al. 2020, §6.1)", () -> new HebbianRule(GHA));

    /** Oja's rule's registry entry. */
    public static final RuleMethod OJA_METHOD = RuleMethod.of(OJA, "Oja's rule, the generalized Hebbian algorithm "
            + "for one direction (p = 1)", () -> new HebbianRule(OJA));

    private final String name;

    /** @param name {@link #GHA} or {@link #OJA} */
    public HebbianRule(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean tiesWeights() {
        return true;
    }

    @Override
    public void validate(Loss loss, Statistics stats, int p) {
        UpdateRule.requireAutoencoder(name, stats);
        if (name.equals(OJA) && p != 1) {
            throw new LaeException("--rule oja learns one direction: use --latent 1, or --rule gha for p = " + p);
        }
    }

    private final Mask upperWithDiagonal = new Mask((i, j) -> j >= i ? 1 : 0);

    /** In terms of A = Wᵀ: direction −(1/m)(Σxx A − A·UT(AᵀΣxxA)), UT the upper triangle with the diagonal. */
    @Override
    public void step(Model model, StepContext context) {
        INDArray a = model.decoder();
        INDArray sa = context.inputMomentTimes(a);
        INDArray upper = a.transpose().mmul(sa).muli(upperWithDiagonal.of(a.dataType(), (int) a.columns()));
        INDArray direction = a.mmul(upper).subi(sa).muli(1.0 / context.sampleCount());
        context.optimizer().apply(model.parameters(), Map.of(Model.DECODER, direction), context.state(),
                context.learningRate());
    }
}
