/**
 * lae as a library: {@link io.lae.fit.LinearAutoencoder} holds typed settings and fits rows, a data
 * source or statistics; {@link io.lae.fit.FittedAutoencoder} is the immutable result that encodes,
 * decodes and reconstructs new rows. The CLI's {@code lae train} adds run directories on top.
 */
package io.lae.fit;
