package io.lae.runs;

import io.lae.train.MetricsRow;
import io.lae.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws a run's metrics.csv as PNG line plots (XChart): loss ratio, Ratio_TP/FP, d_align/d_sub. */
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
        drawIfData(rows, dir.resolve("loss.png"), title + ": loss", true, List.of(knownOptimum
                ? new Series("loss / L*", MetricsRow::lossRatio) : new Series("loss", MetricsRow::loss)), written);
        drawIfData(rows, dir.resolve("directions.png"), title + ": principal directions found", false,
                List.of(new Series("Ratio_TP", MetricsRow::ratioTp), new Series("Ratio_FP", MetricsRow::ratioFp)),
                written);
        drawIfData(rows, dir.resolve("alignment.png"), title + ": distances to the optimum", true,
                List.of(new Series("d_align", MetricsRow::dAlign), new Series("d_sub", MetricsRow::dSub)), written);
        return written;
    }

    private record Series(String name, ToDoubleFunction<MetricsRow> value) {
    }

    private static void drawIfData(List<MetricsRow> rows, Path file, String title, boolean logY, List<Series> series,
                                   List<Path> written) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("step").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        boolean any = false;
        for (Series s : series) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (MetricsRow r : rows) {
                double v = s.value().applyAsDouble(r);
                if (Double.isFinite(v) && (!logY || v > 0)) {
                    x.add((double) r.step());
                    y.add(v);
                }
            }
            if (!x.isEmpty()) {
                XYSeries line = chart.addSeries(s.name(), x, y);
                line.setMarker(SeriesMarkers.NONE);
                any = true;
            }
        }
        if (!any) {
            return;
        }
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(file);
        } catch (IOException e) {
            throw new io.lae.LaeException(file + ": cannot write the plot (" + e.getMessage() + ")", e);
        }
    }
}
