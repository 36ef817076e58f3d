/**
 * Closed forms the papers prove: the ground-truth principal directions of Σ, optimal loss values,
 * exact minimisers, against which training and the gradient checks are held.
 */
package io.lae.closedform;
