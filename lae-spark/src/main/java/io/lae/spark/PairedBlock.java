package io.lae.spark;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The same samples of X and Y, as c×n' and c×n float64 matrices; Y is null for an autoencoder (Y = X).
 *
 * @param x the inputs, one sample per row
 * @param y the targets of the same samples, or null
 */
record PairedBlock(INDArray x, INDArray y) {
}
