package io.lae.check;

/**
 * The outcome of one gradient check, each error relative (see {@link GradientCheck}).
 *
 * @param loss                    the loss name
 * @param shape                   the sizes
 * @param valueVsSameDiff         |L − L_sd| / |L|
 * @param gradientVsSameDiff      max|∇ − ∇_sd| / max|∇| over both weights
 * @param gradientVsFiniteDifference max|∇ − ∇_fd| / max|∇| over the coordinates checked
 * @param coordinatesChecked      how many coordinates the finite differences covered
 * @param statisticsVsLiteral     |L(statistics) − L(literal definition on X)| / |L|
 * @param batchVsStatistics       the mini-batch path on all of X against the statistics path:
 *                                max relative difference over the value and both gradients
 */
public record GradientCheckResult(String loss, CheckShape shape, double valueVsSameDiff,
                                  double gradientVsSameDiff, double gradientVsFiniteDifference,
                                  int coordinatesChecked, double statisticsVsLiteral,
                                  double batchVsStatistics) {

    /** @return the largest of the five errors (NaN counts as failing) */
    public double worstError() {
        double worst = Math.max(Math.max(Math.max(valueVsSameDiff, gradientVsSameDiff),
                Math.max(gradientVsFiniteDifference, statisticsVsLiteral)), batchVsStatistics);
        return Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst;
    }

    /**
     * @param tolerance the largest relative error allowed
     * @return whether every error is within it
     */
    public boolean passed(double tolerance) {
        return worstError() < tolerance;
    }
}
