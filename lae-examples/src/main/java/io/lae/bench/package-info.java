/**
 * {@code lae bench}: training-step time against the GEMM bound, statistics accumulation against a
 * GEMM of the same flops, mini-batch throughput and resident memory over a long run, each measured
 * as a ratio within one process.
 */
package io.lae.bench;
