/**
 * First-order optimizers (SGD, momentum, Nesterov, Adam as in PyTorch {@code torch.optim}) as
 * transforms with explicit, checkpointable state, and learning-rate schedules.
 */
package io.lae.optim;
