package io.lae.train;

import io.lae.loss.Loss;
import io.lae.method.Hyperparameter;
import io.lae.stats.Statistics;
import java.util.List;
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
 *
 * <p>With {@link #PLAYER_STEPS} t &gt; 0 the players move in order instead: player i alone during steps
 * [(i − 1)t, it), the last one from then on — the papers' sequential form (2021 Algorithm 1), with t steps per
 * player where the paper runs each to a tolerance. Train it with {@code sgd}: an optimizer with momentum keeps
 * moving a player after its turn.
 */
public final class EigenGameRule implements UpdateRule {

    /** Name of α-EigenGame. */
    public static final String ALPHA = "eigengame";
    /** Name of μ-EigenGame. */
    public static final String MU = "mu-eigengame";

    /**
     * Steps each player takes alone, in order, before the next one starts (the papers' sequential form, 2021
     * Algorithm 1, with a fixed number of steps per player); 0, the default, moves every player at once.
     */
    public static final Hyperparameter<Double> PLAYER_STEPS = Hyperparameter.number("player-steps",
            "steps each player takes alone, in order (the papers' sequential form); 0: every player at once", 0.0,
            50.0, t -> t >= 0 && t == Math.rint(t) && t < Long.MAX_VALUE, "a whole number of steps, at least 0");

    /** α-EigenGame's registry entry. */
    public static final RuleMethod ALPHA_METHOD = new RuleMethod(ALPHA, "α-EigenGame, players v_i ascending their "
            + "Riemannian utility gradient, in parallel or in order; biased over mini-batches (Gemp et al. 2021)",
            List.of(PLAYER_STEPS), settings -> new EigenGameRule(ALPHA, settings.get(PLAYER_STEPS).longValue()));

    /** μ-EigenGame's registry entry. */
    public static final RuleMethod MU_METHOD = new RuleMethod(MU, "μ-EigenGame, Δ_i = Mv_i − Σ_{j<i} ⟨v_i, Mv_j⟩ v_j, "
            + "in parallel or in order; unbiased over mini-batches (Gemp et al. 2022)", List.of(PLAYER_STEPS),
            settings -> new EigenGameRule(MU, settings.get(PLAYER_STEPS).longValue()));

    private final boolean mu;
    private final long playerSteps;
    private final Mask strictlyUpper = new Mask((i, j) -> j > i ? 1 : 0);
    private final Mask identity = new Mask((i, j) -> i == j ? 1 : 0);

    /**
     * Every player at once.
     *
     * @param name {@link #ALPHA} or {@link #MU}
     */
    public EigenGameRule(String name) {
        this(name, 0);
    }

    /**
     * @param name        {@link #ALPHA} or {@link #MU}
     * @param playerSteps steps each player takes alone, in order; 0 for every player at once
     */
    public EigenGameRule(String name, long playerSteps) {
        if (!name.equals(ALPHA) && !name.equals(MU)) {
            throw new IllegalArgumentException("not an EigenGame rule: " + name);
        }
        if (playerSteps < 0) {
            throw new IllegalArgumentException("steps per player must be at least 0, got " + playerSteps);
        }
        this.mu = name.equals(MU);
        this.playerSteps = playerSteps;
    }

    /** @return the steps each player takes alone, or 0 when every player moves at once */
    public long playerSteps() {
        return playerSteps;
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
        UpdateRule.requireAutoencoder(name(), stats);
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
        if (playerSteps > 0) { // sequential: only player i = ⌊t / playerSteps⌋ (the last from then on) moves
            long active = Math.min(v.columns() - 1, context.state().step() / playerSteps);
            INDArray moving = ascent.getColumn(active).dup();
            ascent.assign(0).putColumn((int) active, moving);
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
