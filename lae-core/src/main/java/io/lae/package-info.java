/**
 * lae: linear autoencoders that recover the exact, ordered principal directions of data.
 * Sub-packages hold the statistics, losses, closed forms, metrics and file formats.
 */
package io.lae;
