/**
 * The gradient-check suite: every loss's analytic gradient held against its SameDiff autodiff
 * twin and central finite differences, and its statistics form against the literal definition.
 */
package io.lae.check;
