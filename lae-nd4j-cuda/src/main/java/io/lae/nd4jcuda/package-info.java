/**
 * The build of lae with ND4J's CUDA 11.6 backend. The module is built with {@code -Pnd4j-cuda} only and holds
 * no code of its own: device information and memory planning are backend-neutral ({@code io.lae.device} in
 * lae-core). It packages {@code target/lae-nd4j-cuda.jar}, the lae CLI with ND4J's CPU and CUDA backends, and
 * tests that jar ({@code Nd4jCudaJarIT}) and the backend contract suite on ND4J's CUDA backend.
 */
package io.lae.nd4jcuda;
