package io.lae.optim;

/** The learning rate α as a function of the 0-based step. Immutable. */
public interface LearningRateSchedule {

    /**
     * @param step the 0-based step, ≥ 0
     * @return α at that step, positive and finite
     */
    double at(long step);

    /** @return one line for logs and {@code run.json}, e.g. {@code "geometric 1e-3 → 1e-6 over 1000 steps"} */
    String describe();

    /**
     * α_t = lr.
     *
     * @throws io.lae.LaeException naming {@code --lr} if lr is not positive and finite
     */
    static LearningRateSchedule constant(double lr) {
        return new Schedules.Constant(lr);
    }

    /**
     * Geometric interpolation α_t = lr0·(lr1/lr0)^(t/(T−1)): α_0 = lr0 and α_{T−1} = lr1 exactly,
     * α_t = lr1 for t ≥ T − 1; for T = 1, α_t = lr0.
     *
     * @throws io.lae.LaeException naming {@code --lr} / {@code --lr-end} if lr0 / lr1 is not
     *                             positive and finite, or if T &lt; 1
     */
    static LearningRateSchedule geometric(double lr0, double lr1, long totalSteps) {
        return new Schedules.Geometric(lr0, lr1, totalSteps);
    }

    /**
     * Step decay α_t = lr0·factor^⌊t/every⌋.
     *
     * @throws io.lae.LaeException naming {@code --lr} if lr0 is not positive and finite, or if the
     *                             factor is outside (0, 1] or every &lt; 1
     */
    static LearningRateSchedule stepDecay(double lr0, double factor, long every) {
        return new Schedules.StepDecay(lr0, factor, every);
    }

    /**
     * Inverse-time decay α_t = lr0/(1 + decay·t), Keras's legacy {@code decay} argument (used in
     * Kunin et al.'s code).
     *
     * @throws io.lae.LaeException naming {@code --lr} if lr0 is not positive and finite, or if the
     *                             decay is negative or not finite
     */
    static LearningRateSchedule inverseTime(double lr0, double decay) {
        return new Schedules.InverseTime(lr0, decay);
    }
}
