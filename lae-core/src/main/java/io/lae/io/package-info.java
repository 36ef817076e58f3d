/**
 * File formats: reading and writing NumPy {@code .npy} arrays, including streaming reads of
 * row blocks from files too large to load at once.
 */
package io.lae.io;
