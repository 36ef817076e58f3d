/**
 * The losses of the three papers, each as an analytic value and gradient from sufficient
 * statistics (the fast path) and as a SameDiff graph of the same value (autodiff, for checking).
 */
package io.lae.loss;
