/**
 * The {@code lae} command line (picocli): one class per sub-command, and the error handling that
 * turns a {@link io.lae.LaeException} into one line and a non-zero exit code.
 */
package io.lae.cli;
