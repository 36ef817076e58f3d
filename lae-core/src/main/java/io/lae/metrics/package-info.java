/** Metrics that compare learned encoder/decoder weights with the true principal directions (SPEC §4). */
package io.lae.metrics;
