/**
 * Training: the model's weights, the update rules (gradient, RAG, GHA, Oja, tied, alternating)
 * that turn a loss into a step, and the trainer loop with logging, checkpoints and resume.
 */
package io.lae.train;
