/**
 * {@code lae bench}: training-step time against the GEMM bound and against the same step in NumPy (the peer
 * {@code numpy_peer.py}, run beside lae), statistics accumulation against a
 * GEMM of the same flops, mini-batch throughput and resident memory over a long run, each measured
 * as a ratio within one process.
 */
package io.lae.bench;
