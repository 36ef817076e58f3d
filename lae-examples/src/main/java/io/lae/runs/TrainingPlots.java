package io.lae.runs;

import io.lae.experiments.figures.LineFigure;
import io.lae.experiments.figures.Palette;
import io.lae.train.MetricsRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Draws a run's metrics.csv as PNG line plots: loss ratio, Ratio_TP/FP, d_align/d_sub, on the
 * {@link LineFigure} every experiment draws with (legend beside the plot, grid at the labelled ticks).
 */
public final class TrainingPlots {

    private TrainingPlots() {
    }

    /**
     * @param rows   the logged metrics
     * @param config the run's configuration (for titles)
     * @param dir    where to write the PNGs
     * @return the files written (plots with no data are left out)
     */
    public static List<Path> draw(List<MetricsRow> rows, TrainingConfig config, Path dir) {
        String title = config.loss() + " / " + config.rule() + " / " + config.optimizer() + ", p = " + config.latent();
        List<Path> written = new ArrayList<>();
        boolean knownOptimum = rows.stream().anyMatch(r -> Double.isFinite(r.lossRatio()));
        drawIfData(rows, dir.resolve("loss.png"), new LineFigure(title + ": loss", "step", "").logY(), true,
                List.of(knownOptimum ? new Series("loss / L*", MetricsRow::lossRatio, LineFigure.Style.SOLID)
                        : new Series("loss", MetricsRow::loss, LineFigure.Style.SOLID)), written);
        // Ratio_FP dashed over a solid Ratio_TP: where both are equal (0 for an MSE run) the solid
        // one shows between the dashes, and neither value is shifted to make room
        drawIfData(rows, dir.resolve("directions.png"), new LineFigure(title + ": principal directions found",
                "step", "").yRange(-0.05, 1.05), false,
                List.of(new Series("Ratio_TP", MetricsRow::ratioTp, LineFigure.Style.SOLID),
                        new Series("Ratio_FP", MetricsRow::ratioFp, LineFigure.Style.DASHED)), written);
        drawIfData(rows, dir.resolve("alignment.png"), new LineFigure(title + ": distances to the optimum", "step",
                "").logY(), true, List.of(new Series("d_align", MetricsRow::dAlign, LineFigure.Style.SOLID),
                new Series("d_sub", MetricsRow::dSub, LineFigure.Style.SOLID)), written);
        return written;
    }

    private record Series(String name, ToDoubleFunction<MetricsRow> value, LineFigure.Style style) {
    }

    /**
     * Draws on {@code figure} the series that have a point to draw (finite, and above 0 if
     * {@code logY}, as the figure's y axis is), the k-th in the list in palette colour k whether or
     * not those before it are drawn; saves it if any is.
     */
    private static void drawIfData(List<MetricsRow> rows, Path file, LineFigure figure, boolean logY,
                                   List<Series> series, List<Path> written) {
        boolean any = false;
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            double[] x = rows.stream().mapToDouble(MetricsRow::step).toArray();
            double[] y = rows.stream().mapToDouble(s.value()).toArray();
            boolean drawable = IntStream.range(0, y.length)
                    .anyMatch(i -> Double.isFinite(y[i]) && (!logY || y[i] > 0));
            if (drawable) {
                figure.add(s.name(), x, y, s.style(), Palette.color(k));
                any = true;
            }
        }
        if (any) {
            figure.save(file);
            written.add(file);
        }
    }
}
