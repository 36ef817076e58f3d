/**
 * Dense linear algebra that ND4J M2.1 lacks or gets wrong: Cholesky solves (its matrix inverse
 * rejects well-conditioned matrices) and sorted, sign-fixed symmetric eigendecompositions; and, on the
 * CPU backend, GEMMs and element-wise passes over ND4J arrays' host memory without ND4J's per-op cost.
 */
package io.lae.linalg;
