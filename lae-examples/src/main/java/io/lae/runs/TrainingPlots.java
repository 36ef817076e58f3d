package io.lae.runs;

import io.lae.figures.FigureFormat;
import io.lae.figures.FigureOutput;
import io.lae.figures.LineFigure;
import io.lae.figures.Palette;
import io.lae.train.MetricsRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Draws a run's metrics.csv as line plots: loss ratio, Ratio_TP/FP and the longest streak, d_align/d_sub, on the
 * {@link LineFigure} every experiment draws with, in the formats a {@link FigureOutput} asks for.
 */
public final class TrainingPlots {

    /** The plots' file names, without extension. */
    private static final List<String> NAMES = List.of("loss", "directions", "alignment");

    private TrainingPlots() {
    }

    /**
     * @param file a file in a run directory
     * @return whether it is one of the plots {@link #draw} writes, in any format
     */
    public static boolean isPlot(Path file) {
        String name = file.getFileName().toString();
        return NAMES.stream().anyMatch(plot -> Arrays.stream(FigureFormat.values())
                .anyMatch(format -> name.equals(plot + "." + format.extension())));
    }

    /**
     * @param rows    the logged metrics
     * @param config  the run's configuration (for titles)
     * @param dir     where to write the plots
     * @param figures the formats and resolution
     * @return the files written (plots with no data are left out)
     */
    public static List<Path> draw(List<MetricsRow> rows, TrainingConfig config, Path dir, FigureOutput figures) {
        String title = config.loss() + " / " + config.rule() + " / " + config.optimizer() + ", p = " + config.latent();
        List<Path> written = new ArrayList<>();
        boolean knownOptimum = rows.stream().anyMatch(r -> Double.isFinite(r.lossRatio()));
        drawIfData(rows, figures, dir.resolve("loss"), new LineFigure(title + ": loss", "step",
                knownOptimum ? "loss / optimal loss L*" : "loss").logY(), true,
                List.of(knownOptimum ? new Series("loss / L*", MetricsRow::lossRatio, LineFigure.Style.SOLID)
                        : new Series("loss", MetricsRow::loss, LineFigure.Style.SOLID)), written);
        // Ratio_FP dashed over a solid Ratio_TP: where both are equal (0 for an MSE run) the solid
        // one shows between the dashes, and neither value is shifted to make room
        drawIfData(rows, figures, dir.resolve("directions"), new LineFigure(title + ": principal directions found",
                "step", "fraction of the p directions (0 to 1)").yRange(-0.05, 1.05), false,
                List.of(new Series("Ratio_TP", MetricsRow::ratioTp, LineFigure.Style.SOLID),
                        new Series("Ratio_FP", MetricsRow::ratioFp, LineFigure.Style.DASHED),
                        new Series("longest streak / p", r -> r.longestStreak() / config.latent(),
                                LineFigure.Style.SOLID)), written);
        drawIfData(rows, figures, dir.resolve("alignment"), new LineFigure(title + ": distances to the optimum",
                "step", "distance to the optimum").logY(), true,
                List.of(new Series("d_align", MetricsRow::dAlign, LineFigure.Style.SOLID),
                        new Series("d_sub", MetricsRow::dSub, LineFigure.Style.SOLID)), written);
        return written;
    }

    private record Series(String name, ToDoubleFunction<MetricsRow> value, LineFigure.Style style) {
    }

    /**
     * Draws on {@code figure} the series that have a point to draw (finite, and above 0 if
     * {@code logY}, as the figure's y axis is), the k-th in the list in palette colour k whether or
     * not those before it are drawn; writes it if any is.
     */
    private static void drawIfData(List<MetricsRow> rows, FigureOutput figures, Path base, LineFigure figure,
                                   boolean logY, List<Series> series, List<Path> written) {
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
            written.addAll(figures.write(figure, base));
        }
    }
}
