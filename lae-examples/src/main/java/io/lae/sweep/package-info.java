/**
 * Studies ({@code lae sweep}): a grid of {@code lae train} settings read from a TOML file, trained on
 * statistics computed once per data source, each run an ordinary resumable run directory, summarised in a table and
 * figures.
 */
package io.lae.sweep;
