/**
 * The registries of lae's methods: every loss, update rule and optimizer is one entry (a {@link io.lae.method.Method})
 * with its name, a one-line description and its {@link io.lae.method.Hyperparameter}s, declared in the method's own
 * file and listed once in its kind's registry ({@code io.lae.loss.Losses}, {@code io.lae.train.UpdateRules},
 * {@code io.lae.optim.Optimizers}). The command line, the help, the gradient-check suite and the contract cases
 * read the registries; nothing else lists names.
 */
package io.lae.method;
