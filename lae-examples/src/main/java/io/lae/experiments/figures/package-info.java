/**
 * Figures for replaying the papers' plots as PNG files: line plots, heat maps, image grids,
 * scatter plots, and panels that compose them, all sharing one look (fonts, colours, sizes).
 */
package io.lae.experiments.figures;
