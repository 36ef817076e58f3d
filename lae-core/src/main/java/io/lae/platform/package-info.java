/**
 * The native runtime under ND4J: the C environment its OpenBLAS and OpenMP read, set before they load
 * ({@link io.lae.platform.NativeSetup}), and the check that float64 LAPACK answers right
 * ({@link io.lae.platform.LapackCheck}).
 */
package io.lae.platform;
