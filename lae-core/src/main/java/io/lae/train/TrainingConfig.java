package io.lae.train;

import io.lae.LaeException;
import io.lae.loss.LossSpec;
import io.lae.loss.Scale;

/**
 * Everything a training run needs to be repeated: the options of {@code lae train} (SPEC section 5)
 * under the same names. Written to {@code run.json}; {@code --resume} reads it back.
 *
 * @param data            the data source (SPEC section 5)
 * @param targets         a separate target source (Y ≠ X), or null for an autoencoder
 * @param loss            the loss name
 * @param scale           the data-term scale, or null for the loss's default
 * @param lambda          λ of product/sum, or null
 * @param lambdas         λ₁..λ_p of nonuniform, or null
 * @param prior           p_B of nested-dropout, or null
 * @param rule            the update rule
 * @param optimizer       the optimizer
 * @param lr              the (initial) learning rate
 * @param lrEnd           the final learning rate of a geometric decay, or null for a constant rate
 * @param momentum        μ of momentum and Nesterov
 * @param latent          p
 * @param steps           full-batch steps (ignored in mini-batch mode)
 * @param epochs          mini-batch epochs, or null for full-batch training
 * @param batch           the mini-batch size b, or null for full-batch training
 * @param stochastic      stochastic nested dropout: sample b ~ p_B each step (nested-dropout only)
 * @param init            {@code normal} or {@code balanced} (B = Aᵀ at start)
 * @param initStd         the standard deviation of the initial weights
 * @param seed            the seed of the initial weights
 * @param dtype           {@code float32} or {@code float64}
 * @param center          whether to subtract the data mean
 * @param logEvery        log metrics every this many steps
 * @param checkpointEvery write a checkpoint every this many steps (0: only at the end)
 * @param until           an optional early stop, e.g. {@code ratio_tp=1} or {@code d_align=0.3}
 */
public record TrainingConfig(String data, String targets, String loss, String scale, Double lambda,
                             double[] lambdas, double[] prior, String rule, String optimizer, double lr,
                             Double lrEnd, double momentum, int latent, long steps, Integer epochs, Integer batch,
                             boolean stochastic, String init, double initStd,
                             long seed, String dtype, boolean center, long logEvery, long checkpointEvery,
                             String until) {

    /** Validates what can be checked without the data. */
    public TrainingConfig {
        if (latent < 1) {
            throw new LaeException("--latent must be at least 1, got " + latent);
        }
        if (steps < 1) {
            throw new LaeException("--steps must be at least 1, got " + steps);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new LaeException("--lr must be a positive number, got " + lr);
        }
        if (lrEnd != null && (!(lrEnd > 0) || lrEnd.isInfinite())) {
            throw new LaeException("--lr-end must be a positive number, got " + lrEnd);
        }
        if ((epochs == null) != (batch == null)) {
            throw new LaeException("mini-batch training needs both --epochs E and --batch b");
        }
        if (epochs != null && (epochs < 1 || batch < 1)) {
            throw new LaeException("--epochs and --batch must be at least 1, got " + epochs + " and " + batch);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new LaeException("--momentum must be in [0, 1), got " + momentum);
        }
        if (!init.equals("normal") && !init.equals("balanced")) {
            throw new LaeException("--init must be normal or balanced, got '" + init + "'");
        }
        if (!(initStd > 0) || Double.isInfinite(initStd)) {
            throw new LaeException("--init-std must be a positive number, got " + initStd);
        }
        if (!dtype.equals("float32") && !dtype.equals("float64")) {
            throw new LaeException("--dtype must be float32 or float64, got '" + dtype + "'");
        }
        if (logEvery < 1) {
            throw new LaeException("--log-every must be at least 1, got " + logEvery);
        }
        if (checkpointEvery < 0) {
            throw new LaeException("--checkpoint-every must be 0 (off) or positive, got " + checkpointEvery);
        }
        if (until != null) {
            StopTarget.parse(until);
        }
    }

    /**
     * @param total the new number of full-batch steps
     * @return this configuration with {@code steps} replaced (to extend a resumed run)
     */
    public TrainingConfig withSteps(long total) {
        return new TrainingConfig(data, targets, loss, scale, lambda, lambdas, prior, rule, optimizer, lr, lrEnd,
                momentum, latent, total, epochs, batch, stochastic, init, initStd, seed, dtype, center, logEvery,
                checkpointEvery, until);
    }

    /** @return whether the run steps over mini-batches of the raw samples */
    public boolean usesMiniBatches() {
        return epochs != null;
    }

    /** @return the loss specification */
    public LossSpec lossSpec() {
        return new LossSpec(loss, scale == null ? null : Scale.fromLabel(scale), lambda, lambdas, prior);
    }

    /** @return the ND4J data type of the run */
    public org.nd4j.linalg.api.buffer.DataType dataType() {
        return dtype.equals("float32") ? org.nd4j.linalg.api.buffer.DataType.FLOAT
                : org.nd4j.linalg.api.buffer.DataType.DOUBLE;
    }
}
