/**
 * The linear VAE with a shared diagonal latent covariance (Lucas et al. 2019, the baseline of Bao
 * et al. 2020, Fig. 2): its negative ELBO from the sufficient statistics, its SameDiff twin, its
 * closed-form optimum (probabilistic PCA) and a full-batch trainer.
 */
package io.lae.vae;
