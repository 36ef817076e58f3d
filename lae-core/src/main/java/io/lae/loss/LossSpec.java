package io.lae.loss;

import io.lae.LaeException;
import java.util.List;

/**
 * A loss by name with its hyperparameters, as given on the command line or in {@code run.json};
 * {@link #create(int)} validates it against the latent size and builds the loss.
 *
 * @param name    one of {@link #NAMES}
 * @param scale   the data-term scale, or null for the loss's default (docs/math.md §2)
 * @param lambda  λ of {@code product} and {@code sum}, or null
 * @param lambdas λ₁..λ_p of {@code nonuniform}, or null
 * @param prior   p_B(1..p) of {@code nested-dropout}, or null for the geometric prior with ρ = 0.9
 */
public record LossSpec(String name, Scale scale, Double lambda, double[] lambdas, double[] prior) {

    /** The loss names of docs/math.md §2, in its order. */
    public static final List<String> NAMES = List.of(MseLoss.NAME, OrderedLoss.NAME, ProductL2Loss.NAME,
            SumL2Loss.NAME, NonUniformL2Loss.NAME, NestedDropoutLoss.NAME);

    /**
     * @param name a loss name
     * @return the spec with every hyperparameter at its default
     */
    public static LossSpec named(String name) {
        return new LossSpec(name, null, null, null, null);
    }

    /**
     * @param name a loss name
     * @return its default data-term scale: {@code mean} for nonuniform, {@code half-mean} for
     *     nested-dropout, {@code sum} otherwise
     */
    public static Scale defaultScale(String name) {
        return switch (name) {
            case NonUniformL2Loss.NAME -> Scale.MEAN;
            case NestedDropoutLoss.NAME -> Scale.HALF_MEAN;
            default -> Scale.SUM;
        };
    }

    /** @return the scale in force: the given one or the loss's default */
    public Scale effectiveScale() {
        return scale != null ? scale : defaultScale(name);
    }

    /**
     * Builds the loss for latent size p.
     *
     * @param p the latent size
     * @return the loss
     * @throws LaeException for an unknown name, a missing or superfluous hyperparameter, or a
     *     list whose length is not p
     */
    public CheckableLoss create(int p) {
        requireKnownWithItsOwnHyperparameters();
        Scale c = effectiveScale();
        return switch (name) {
            case MseLoss.NAME -> new MseLoss(p, c);
            case OrderedLoss.NAME -> new OrderedLoss(p, c);
            case ProductL2Loss.NAME -> new ProductL2Loss(p, requiredLambda(), c);
            case SumL2Loss.NAME -> new SumL2Loss(p, requiredLambda(), c);
            case NonUniformL2Loss.NAME -> new NonUniformL2Loss(ofLength(lambdas, p, "--lambdas",
                    "λ₁..λ_p of Bao eq. 3, e.g. 0.1,0.2,…"), c);
            default -> new NestedDropoutLoss(prior == null
                    ? NestedDropoutLoss.geometricPrior(p, NestedDropoutLoss.DEFAULT_KEEP)
                    : ofLength(prior, p, "--prior", "p_B(1..p)"), c);
        };
    }

    /**
     * The form of {@link #create}'s loss, as plain numbers (for engines other than ND4J's): the same
     * validation, no ND4J array.
     *
     * @param p the latent size
     * @return the loss's nested weights, scale and penalties
     * @throws LaeException as {@link #create} does
     */
    public LossForm form(int p) {
        requireKnownWithItsOwnHyperparameters();
        Scale c = effectiveScale();
        double[] none = new double[p];
        return switch (name) {
            case MseLoss.NAME -> new LossForm(name, LossForm.lastUnit(p), c, none, 0);
            case OrderedLoss.NAME -> new LossForm(name, LossForm.allUnits(p), c, none, 0);
            case ProductL2Loss.NAME -> new LossForm(name, LossForm.lastUnit(p), c, none, requiredLambda());
            case SumL2Loss.NAME -> {
                double[] uniform = new double[p];
                java.util.Arrays.fill(uniform, requiredLambda());
                yield new LossForm(name, LossForm.lastUnit(p), c, uniform, 0);
            }
            case NonUniformL2Loss.NAME -> new LossForm(name, LossForm.lastUnit(p), c, LossForm.requireIncreasing(
                    ofLength(lambdas, p, "--lambdas", "λ₁..λ_p of Bao eq. 3, e.g. 0.1,0.2,…")), 0);
            default -> new LossForm(name, LossForm.requireDistribution(prior == null
                    ? NestedDropoutLoss.geometricPrior(p, NestedDropoutLoss.DEFAULT_KEEP)
                    : ofLength(prior, p, "--prior", "p_B(1..p)")), c, none, 0);
        };
    }

    /** @throws LaeException for an unknown name, or a hyperparameter the loss does not take */
    private void requireKnownWithItsOwnHyperparameters() {
        if (!NAMES.contains(name)) {
            throw new LaeException("unknown loss '" + name + "': use one of " + String.join(", ", NAMES));
        }
        refuseUnless(lambda, "--lambda", ProductL2Loss.NAME, SumL2Loss.NAME);
        refuseUnless(lambdas, "--lambdas", NonUniformL2Loss.NAME);
        refuseUnless(prior, "--prior", NestedDropoutLoss.NAME);
    }

    private double requiredLambda() {
        if (lambda == null) {
            throw new LaeException("loss '" + name + "' needs --lambda L (the L2 weight λ, e.g. --lambda 10)");
        }
        if (!(lambda >= 0) || lambda.isInfinite()) {
            throw new LaeException("--lambda must be finite and non-negative, got " + lambda);
        }
        return lambda;
    }

    private static double[] ofLength(double[] values, int p, String option, String what) {
        if (values == null) {
            throw new LaeException("loss needs " + option + " with p = " + p + " values (" + what + ")");
        }
        if (values.length != p) {
            throw new LaeException(option + " has " + values.length + " values but the latent size p is " + p
                    + ": give exactly one per latent unit");
        }
        return values;
    }

    private void refuseUnless(Object value, String option, String... losses) {
        if (value != null && !List.of(losses).contains(name)) {
            throw new LaeException(option + " does not apply to loss '" + name + "' (only to "
                    + String.join(", ", losses) + "): remove it");
        }
    }
}
