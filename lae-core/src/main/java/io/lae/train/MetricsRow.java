package io.lae.train;

import java.util.List;

/**
 * One logged step: the columns of {@code metrics.csv} and of {@code run.json}'s {@code final}
 * object (README, Commands). Metrics that cannot be computed (no ground truth, no closed-form
 * optimum) are NaN and written as empty cells / JSON null.
 *
 * @param step         steps done
 * @param loss         the loss value
 * @param lossRatio    loss / L* (Oftadeh Fig. 2a)
 * @param ratioTp      Ratio_TP (Oftadeh eq. 23)
 * @param ratioFp      Ratio_FP (eq. 24)
 * @param ratioTotal   Ratio_Total (eq. 25)
 * @param dAlign       d_align (Bao Def. 7.1)
 * @param dSub         d_sub (Bao Def. 7.2), also EigenGame's normalised subspace distance
 * @param longestStreak EigenGame's longest streak: leading directions within π/8 of the true ones, in order
 *                     ({@link io.lae.metrics.LongestStreak})
 * @param transposeGap ‖B − Aᵀ‖² (Kunin Fig. 3)
 * @param lr           the learning rate of the last step
 * @param seconds      training time so far
 */
public record MetricsRow(long step, double loss, double lossRatio, double ratioTp, double ratioFp, double ratioTotal,
                         double dAlign, double dSub, double longestStreak, double transposeGap, double lr,
                         double seconds) {

    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("step", "loss", "loss_ratio", "ratio_tp", "ratio_fp",
            "ratio_total", "d_align", "d_sub", "longest_streak", "transpose_gap", "lr", "seconds");

    /** @return the values in {@link #COLUMNS} order */
    public double[] values() {
        return new double[] {step, loss, lossRatio, ratioTp, ratioFp, ratioTotal, dAlign, dSub, longestStreak,
                transposeGap, lr, seconds};
    }

    /**
     * @param column a column name
     * @return its value
     */
    public double get(String column) {
        int index = COLUMNS.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no metric column " + column);
        }
        return values()[index];
    }

    /**
     * @param values values in {@link #COLUMNS} order
     * @return the row
     */
    public static MetricsRow of(double[] values) {
        return new MetricsRow((long) values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7], values[8], values[9], values[10], values[11]);
    }
}
