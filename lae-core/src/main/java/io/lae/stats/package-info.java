/**
 * Sufficient statistics Σxx = XXᵀ, Σyx = YXᵀ, tyy = Tr(YYᵀ) and m, accumulated once by streaming
 * over the data: everything a full-batch loss and its gradient need.
 */
package io.lae.stats;
