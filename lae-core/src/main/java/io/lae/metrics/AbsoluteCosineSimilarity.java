package io.lae.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The absolute cosine similarity (ACS) matrix between true principal directions and decoder
 * columns, and the ratios read off it (Oftadeh et al., eq. 22–25).
 */
public final class AbsoluteCosineSimilarity {

    /** The tolerance ε of eq. 23–24 used in the paper: a direction counts as found when ACS &gt; 0.99. */
    public static final double DEFAULT_EPSILON = 0.01;

    private AbsoluteCosineSimilarity() {
    }

    /**
     * The ACS matrix (Oftadeh eq. 22): ACS_ij = |⟨U_i, A_j⟩| / (‖U_i‖ ‖A_j‖) for i, j = 1..p.
     * A zero column (of U or A) has cosine 0 with everything. Computed in float64.
     *
     * @param groundTruth U, n×k (k ≥ p), columns the true principal directions in descending
     *                    eigenvalue order; only the first p are used
     * @param decoder     A, n×p, columns the learned directions
     * @return the p×p float64 ACS matrix, rows indexed by true direction i, columns by decoder column j,
     *         entries in [0, 1]
     * @throws IllegalArgumentException if the row counts differ or U has fewer than p columns
     */
    public static INDArray matrix(INDArray groundTruth, INDArray decoder) {
        INDArray a = Matrices.float64("decoder", decoder);
        INDArray u = Matrices.leadingDirections(groundTruth, a);
        INDArray cosines = Transforms.abs(u.transpose().mmul(a), false);
        return cosines.diviColumnVector(safeColumnNorms(u).reshape(-1, 1))
                .diviRowVector(safeColumnNorms(a).reshape(1, -1));
    }

    /**
     * The ratios of Oftadeh eq. 23–25: Ratio_TP = #{i : ACS_ii &gt; 1 − ε} / p,
     * Ratio_FP = #{i ≠ j : ACS_ij &gt; 1 − ε} / p, Ratio_Total = Ratio_TP + Ratio_FP.
     *
     * @param acs     a p×p ACS matrix, as returned by {@link #matrix(INDArray, INDArray)}
     * @param epsilon the tolerance ε (the paper uses {@link #DEFAULT_EPSILON})
     * @return the three ratios, each in [0, 1] for an ACS matrix of orthonormal ground truth
     * @throws IllegalArgumentException if {@code acs} is not a square matrix
     */
    public static AcsRatios ratios(INDArray acs, double epsilon) {
        double[][] entries = Matrices.rows(Matrices.float64("ACS", acs));
        int p = entries.length;
        if (acs.columns() != p) {
            throw new IllegalArgumentException("ACS must be square (p×p), got shape " + Matrices.shape(acs));
        }
        int truePositives = 0;
        int falsePositives = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                if (entries[i][j] > 1 - epsilon) {
                    if (i == j) {
                        truePositives++;
                    } else {
                        falsePositives++;
                    }
                }
            }
        }
        return new AcsRatios((double) truePositives / p, (double) falsePositives / p,
                (double) (truePositives + falsePositives) / p);
    }

    /** @return the column norms of {@code x} with zeros replaced by 1, so a zero column divides to 0 */
    private static INDArray safeColumnNorms(INDArray x) {
        INDArray norms = x.norm2(0);
        BooleanIndexing.replaceWhere(norms, 1.0, Conditions.equals(0.0));
        return norms;
    }
}
