/**
 * Data sources: samples as rows (m×n, float64), streamed in chunks for the statistics or loaded
 * whole; .npy and .csv files, MNIST-style IDX files, and seeded synthetic data.
 */
package io.lae.data;
