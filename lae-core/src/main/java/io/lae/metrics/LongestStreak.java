package io.lae.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * EigenGame's measure of ordered recovery (Gemp et al., "EigenGame: PCA as a Nash equilibrium", ICLR 2021, §6): the
 * longest streak is the number of leading decoder columns A₁, A₂, … that each lie within an angle of π/8 of the
 * true principal direction of the same index, counted from the first until one does not:
 * streak = max{s : θᵢ ≤ π/8 for every i ≤ s}, θᵢ = arccos(|⟨Uᵢ, Aᵢ⟩| / (‖Uᵢ‖ ‖Aᵢ‖)). The sign of a column does
 * not count, nor its length. The papers' other measure, the normalised subspace distance 1 − Tr(U*ᵀP)/k, is
 * Bao et al.'s d_sub ({@link Alignment#dSub}).
 */
public final class LongestStreak {

    /** The angle within which a direction counts as found: π/8. */
    public static final double ANGLE = Math.PI / 8;

    private LongestStreak() {
    }

    /**
     * @param decoder     A, n×p, columns the learned directions in the order they claim
     * @param groundTruth U, n×k (k ≥ p), the true principal directions in descending eigenvalue order
     * @return the longest streak, 0 to p
     * @throws IllegalArgumentException if the row counts differ or U has fewer than p columns
     */
    public static int of(INDArray decoder, INDArray groundTruth) {
        return of(AbsoluteCosineSimilarity.matrix(groundTruth, decoder));
    }

    /**
     * @param acs the decoder's p×p ACS matrix ({@link AbsoluteCosineSimilarity#matrix}), rows the true directions
     * @return the longest streak, 0 to p: the leading i with ACS_ii ≥ cos(π/8)
     */
    public static int of(INDArray acs) {
        double threshold = Math.cos(ANGLE);
        int streak = 0;
        while (streak < acs.rows() && acs.getDouble(streak, streak) >= threshold) {
            streak++;
        }
        return streak;
    }
}
