/**
 * What only the CUDA backend needs (device information and device-memory planning, to come). The module
 * is built with {@code -Pcuda} only: it packages {@code target/lae-cuda.jar}, the lae CLI with ND4J's CPU
 * and CUDA backends, and tests that jar and the backend contract suite on CUDA.
 */
package io.lae.cuda;
