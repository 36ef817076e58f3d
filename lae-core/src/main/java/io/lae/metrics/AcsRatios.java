package io.lae.metrics;

/**
 * The ratios Oftadeh et al. derive from the ACS matrix (eq. 23–25), each a count divided by p.
 *
 * @param tp    Ratio_TP = #{i : ACS_ii &gt; 1 − ε} / p (eq. 23): directions found in the right place
 * @param fp    Ratio_FP = #{i ≠ j : ACS_ij &gt; 1 − ε} / p (eq. 24): directions found in the wrong place
 * @param total Ratio_Total = Ratio_TP + Ratio_FP (eq. 25): directions found at all
 */
public record AcsRatios(double tp, double fp, double total) {
}
