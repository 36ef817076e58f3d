/**
 * Figures as PNG, SVG and PDF: line and scatter plots drawn by XChart inside a frame of lae's
 * (title, axis titles and legend as text), heat maps with colour bars, grids of small images,
 * and panels that compose them, all sharing one look; {@link io.lae.figures.FigureOutput}
 * writes any of them in the chosen formats.
 */
package io.lae.figures;
