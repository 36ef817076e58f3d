/**
 * Dense linear algebra that ND4J M2.1 lacks or gets wrong: Cholesky solves (its matrix inverse
 * rejects well-conditioned matrices) and sorted, sign-fixed symmetric eigendecompositions.
 */
package io.lae.linalg;
