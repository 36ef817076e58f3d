/** Metrics that compare learned encoder/decoder weights with the true principal directions (docs/math.md §4). */
package io.lae.metrics;
