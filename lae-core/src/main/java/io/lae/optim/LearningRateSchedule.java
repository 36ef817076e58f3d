package io.lae.optim;

import io.lae.LaeException;
import java.util.Locale;

/** The learning rate α_t of each (0-based) step t. */
public interface LearningRateSchedule {

    /**
     * @param step t, 0-based
     * @return α_t
     */
    double at(long step);

    /** @return a one-line description for logs and run.json */
    String describe();

    /**
     * @param lr α
     * @return α_t = α
     */
    static LearningRateSchedule constant(double lr) {
        positive(lr, "--lr");
        return schedule(t -> lr, String.format(Locale.ROOT, "constant %g", lr));
    }

    /**
     * Geometric decay (Oftadeh: 1e-3 → 1e-6): α_t = α₀ (α₁/α₀)^{t/(T−1)}, so α at step 0 is α₀ and at
     * the last step T−1 it is α₁.
     *
     * @param lr0        α₀
     * @param lr1        α₁
     * @param totalSteps T
     * @return the schedule
     */
    static LearningRateSchedule geometric(double lr0, double lr1, long totalSteps) {
        positive(lr0, "--lr");
        positive(lr1, "--lr-end");
        double span = Math.max(1, totalSteps - 1);
        return schedule(t -> lr0 * Math.pow(lr1 / lr0, Math.min(t, span) / span),
                String.format(Locale.ROOT, "geometric %g → %g over %d steps", lr0, lr1, totalSteps));
    }

    /**
     * @param lr0    α₀
     * @param factor the factor per period, in (0, 1]
     * @param every  the period in steps
     * @return α_t = α₀ · factor^⌊t/every⌋
     */
    static LearningRateSchedule stepDecay(double lr0, double factor, long every) {
        positive(lr0, "--lr");
        if (!(factor > 0 && factor <= 1) || every < 1) {
            throw new LaeException("step decay needs a factor in (0, 1] and a period of at least 1 step");
        }
        return schedule(t -> lr0 * Math.pow(factor, Math.floorDiv(t, every)),
                String.format(Locale.ROOT, "step decay %g × %g every %d steps", lr0, factor, every));
    }

    /**
     * Keras' time-based decay (Kunin's code): α_t = α₀ / (1 + decay·t).
     *
     * @param lr0   α₀
     * @param decay the decay rate ≥ 0
     * @return the schedule
     */
    static LearningRateSchedule inverseTime(double lr0, double decay) {
        positive(lr0, "--lr");
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new LaeException("the time decay must be finite and non-negative, got " + decay);
        }
        return schedule(t -> lr0 / (1 + decay * t), String.format(Locale.ROOT, "%g / (1 + %g t)", lr0, decay));
    }

    private static void positive(double lr, String option) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new LaeException(option + " must be a positive number, got " + lr);
        }
    }

    private static LearningRateSchedule schedule(java.util.function.LongToDoubleFunction rate, String description) {
        return new LearningRateSchedule() {
            @Override
            public double at(long step) {
                return rate.applyAsDouble(step);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
