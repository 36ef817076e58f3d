/**
 * The C APIs lae-cuda calls, bound at run time through Java's FFM API ({@code java.lang.foreign}): the
 * CUDA runtime, the driver API, cuBLAS and NVRTC, each found as {@code .so.13} or {@code .so.12}
 * ({@link io.lae.cuda.bind.NativeLibrary}). No CUDA header or library is needed to build them.
 */
package io.lae.cuda.bind;
