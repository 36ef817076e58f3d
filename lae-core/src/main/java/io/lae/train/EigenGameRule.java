package io.lae.train;

import io.lae.LaeException;
import io.lae.loss.Loss;
import io.lae.stats.Statistics;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * EigenGame: the top-p principal directions as the Nash equilibrium of a game whose players are the directions
 * v₁ … v_p, each rewarded for the variance it captures and penalised for aligning with the players before it
 * (Gemp, McWilliams, Vernade, Graepel, "EigenGame: PCA as a Nash equilibrium", ICLR 2021, arXiv 2010.00554), and
 * μ-EigenGame, its form whose update is linear in the data ("EigenGame Unloaded", ICLR 2022, arXiv 2102.04152). Like
 * {@code gha} it trains one matrix V = A (n×p) with B = Aᵀ, and follows no loss: the loss is only logged.
 *
 * <p>With M = Σxx/m (XᵀX/b over a mini-batch of b rows) and every player moving at once (the papers' parallel
 * updates, 2021 Algorithm 2 and 2022 Algorithm 1):
 * <ul>
 *   <li>{@code eigengame} (α-EigenGame): the utility gradient ∇ᵢ = 2Mvᵢ − 2 Σ_{j&lt;i} (⟨vᵢ, Mvⱼ⟩ / ⟨vⱼ, Mvⱼ⟩) Mvⱼ,
 *       projected on the tangent space of the sphere, ∇ᵢᴿ = ∇ᵢ − ⟨∇ᵢ, vᵢ⟩ vᵢ (the Riemannian gradient). It divides by
 *       ⟨vⱼ, Mvⱼ⟩, so over mini-batches its expected update is not the full-batch one (biased);</li>
 *   <li>{@code mu-eigengame} (μ-EigenGame): Δᵢ = Mvᵢ − Σ_{j&lt;i} ⟨vᵢ, Mvⱼ⟩ vⱼ, linear in M, so a mini-batch's
 *       update is the full-batch one in expectation (unbiased); no projection, as in the authors' code.</li>
 * </ul>
 * Each player ascends its utility: the optimizer takes −∇ᴿ (or −Δ) as its descent direction, so {@code sgd} with
 * rate η gives vᵢ + η∇ᵢᴿ, the papers' step. Then every vᵢ is scaled back to unit length, and the players start each
 * step at unit length.
 */
public final class EigenGameRule implements UpdateRule {

    /** Name of α-EigenGame. */
    public static final String ALPHA = "eigengame";
    /** Name of μ-EigenGame. */
    public static final String MU = "mu-eigengame";

    /** α-EigenGame's registry entry. */
    public static final RuleMethod ALPHA_METHOD = new RuleMethod(ALPHA, "α-EigenGame, players v_i ascending their "
            + "Riemannian utility gradient in parallel; biased over mini-batches (Gemp et al. 2021)",
            () -> new EigenGameRule(ALPHA));

    /** μ-EigenGame's registry entry. */
    public static final RuleMethod MU_METHOD = new RuleMethod(MU, "μ-EigenGame, Δ_i = Mv_i − Σ_{j<i} ⟨v_i, Mv_j⟩ v_j in "
            + "parallel; unbiased over mini-batches (Gemp et al. 2022)", () -> new EigenGameRule(MU));

    private final boolean mu;
    private final Mask strictlyUpper = new Mask((i, j) -> j > i ? 1 : 0);
    private final Mask identity = new Mask((i, j) -> i == j ? 1 : 0);

    /** @param name {@link #ALPHA} or {@link #MU} */
    public EigenGameRule(String name) {
        if (!name.equals(ALPHA) && !name.equals(MU)) {
            throw new IllegalArgumentException("not an EigenGame rule: " + name);
        }
        this.mu = name.equals(MU);
    }

    @Override
    public String name() {
        return mu ? MU : ALPHA;
    }

    @Override
    public boolean tiesWeights() {
        return true;
    }

    @Override
    public void validate(Loss loss, Statistics stats, int p) {
        if (!stats.isAutoencoder()) {
            throw new LaeException("--rule " + name() + " finds principal directions of the data: remove --targets");
        }
    }

    @Override
    public void step(Model model, StepContext context) {
        INDArray v = model.decoder();
        normalizeColumns(v);
        INDArray mv = context.inputMomentTimes(v).muli(1.0 / context.sampleCount());
        // C_ji = ⟨vⱼ, Mvᵢ⟩; the strictly upper triangle holds the pairs j < i
        INDArray c = v.transpose().mmul(mv);
        INDArray above = c.mul(strictlyUpper.of(v.dataType(), (int) v.columns()));
        INDArray ascent;
        if (mu) {
            ascent = mv.sub(v.mmul(above));
        } else {
            INDArray weights = above.diviColumnVector(diagonal(c));
            INDArray gradient = mv.sub(mv.mmul(weights)).muli(2);
            INDArray radial = gradient.mul(v).sum(0).reshape(1, v.columns());
            ascent = gradient.subi(v.mulRowVector(radial));
        }
        context.optimizer().apply(model.parameters(), Map.of(Model.DECODER, ascent.negi()), context.state(),
                context.learningRate());
        normalizeColumns(v);
    }

    /** @return the diagonal of a p×p matrix as a p×1 column */
    private INDArray diagonal(INDArray square) {
        int p = (int) square.rows();
        return square.mul(identity.of(square.dataType(), p)).sum(1).reshape(p, 1);
    }

    /** Scales every column of {@code v} to unit length, in place. */
    private static void normalizeColumns(INDArray v) {
        v.diviRowVector(v.norm2(0).reshape(1, v.columns()));
    }
}
