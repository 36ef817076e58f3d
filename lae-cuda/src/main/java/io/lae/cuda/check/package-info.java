/**
 * The device check ({@code lae-cuda/check/pack}) and the GPU bench: backend-neutral contract cases on
 * plain arrays ({@link io.lae.cuda.check.ContractCases}, an adapter per engine) against plain-Java float64
 * references from the literal definitions, the {@code ordered} training check, and step/GEMM timings.
 * Nothing here loads ND4J, so it runs from a 22 MiB pack on a GPU machine without Java.
 */
package io.lae.cuda.check;
