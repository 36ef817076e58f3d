/**
 * {@code lae stats --engine spark}: the sufficient statistics of .npy, CSV or Parquet data computed on Apache Spark,
 * each task reading its own rows and sending back only sums about a shared shift (docs/math.md §1).
 */
package io.lae.spark;
