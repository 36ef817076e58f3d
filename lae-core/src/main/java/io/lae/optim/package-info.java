/**
 * Optimizers as transforms with explicit state (init, then apply per step) and learning-rate
 * schedules; the state is saved in every checkpoint, so a resumed run continues bit for bit.
 */
package io.lae.optim;
