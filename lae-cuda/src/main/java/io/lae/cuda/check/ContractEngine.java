package io.lae.cuda.check;

import io.lae.Precision;
import io.lae.cuda.DownloadedStatistics;
import io.lae.loss.LossSpec;
import io.lae.optim.OptimizerMethod;
import io.lae.train.BatchOrder;
import io.lae.train.RuleMethod;
import io.lae.train.TruncationDraws;

/**
 * An engine under the contract of {@link ContractCases}, on plain Java arrays: lae-cuda's GPU engine
 * ({@link CudaContractEngine}) and ND4J's (an adapter in lae-cuda's tests) run the very same cases.
 */
public interface ContractEngine {

    /** @return the engine's name in reports */
    String name();

    /**
     * @param rows      inputs as rows, m×n'
     * @param targets   targets as rows, m×n, or null for an autoencoder
     * @param rowType   the precision the rows arrive in (float32 rows are rounded first)
     * @param center    whether to subtract the means
     * @return Σxx, Σyx (null for an autoencoder), tyy and the means, accumulated in float64
     */
    DownloadedStatistics statistics(double[][] rows, double[][] targets, Precision rowType, boolean center);

    /**
     * Starts training over the raw (uncentred) statistics of {@code problem}'s samples, or over its mini-batches.
     *
     * @param problem the data, loss, rule, optimizer and initial weights
     * @return the session
     */
    Session train(Problem problem);

    /**
     * A training problem.
     *
     * @param x         inputs, m×n'
     * @param y         targets, m×n, or null for an autoencoder
     * @param precision the training precision
     * @param loss      the loss by name and hyperparameters
     * @param p         the latent size
     * @param rule      an update rule the device runs ({@link io.lae.cuda.DeviceRule#of})
     * @param optimizer an optimizer, with its hyperparameters' example values (μ = 0.9)
     * @param encoder   B, p×n' row-major (ignored by tied rules)
     * @param decoder   A, n×p column-major
     * @param batches   the mini-batches step t takes ({@link BatchOrder#window}, rows not centred), or null for
     *                  full-batch steps (over the statistics, or over all rows for per-sample nested dropout)
     * @param perSample whether the nested-dropout loss draws its index per sample: b_j of the j-th row of step t's
     *                  batch is {@link TruncationDraws#at TruncationDraws(prior, seed).at(t, size)[j]}
     * @param seed      the draws' seed
     */
    record Problem(double[][] x, double[][] y, Precision precision, LossSpec loss, int p, RuleMethod rule,
                   OptimizerMethod optimizer, double[] encoder, double[] decoder, BatchOrder batches, boolean perSample,
                   long seed) {
    }

    /** A run of steps. */
    interface Session extends AutoCloseable {

        /** @return L at the current weights */
        double loss();

        /**
         * One step: over the statistics, or over the problem's mini-batch of this step (or all rows, per sample).
         *
         * @param lr α
         */
        void step(double lr);

        /** @return B, p×n' row-major (Aᵀ for tied rules) */
        double[] encoder();

        /** @return A, n×p column-major */
        double[] decoder();

        /** @return the weights, optimizer state and step count, to {@link #restore} into another session */
        Object checkpoint();

        /** @param checkpoint what {@link #checkpoint} of a session of the same problem returned */
        void restore(Object checkpoint);

        @Override
        void close();
    }
}
