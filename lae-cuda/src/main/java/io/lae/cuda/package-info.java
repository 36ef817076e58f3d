/**
 * The CUDA build of lae. The module is built with {@code -Pcuda} only and holds no code of its own:
 * device information and memory planning are backend-neutral ({@code io.lae.device} in lae-core). It
 * packages {@code target/lae-cuda.jar}, the lae CLI with ND4J's CPU and CUDA backends, and tests that jar
 * ({@code CudaJarIT}) and the backend contract suite on CUDA.
 */
package io.lae.cuda;
