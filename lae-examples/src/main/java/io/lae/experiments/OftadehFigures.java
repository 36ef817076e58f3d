package io.lae.experiments;

import io.lae.experiments.figures.ImageGrid;
import io.lae.experiments.figures.LineFigure;
import io.lae.experiments.figures.Palette;
import io.lae.experiments.figures.Panels;
import io.lae.runs.TrainedRun;
import io.lae.runs.TrainingData;
import io.lae.train.MetricsRow;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The figures of Oftadeh et al. 2020, drawn from the replayed runs. */
final class OftadehFigures {

    /** A fixed oblique view of ℝ³: x to the lower left, y to the right, z up. */
    private static final double[][] VIEW = {{-0.55, 1, 0}, {-0.35, -0.1, 1}};
    private static final int SHOWN_SAMPLES = 400;
    private static final Color SAMPLES = new Color(200, 200, 200);
    /** The x, y and z axes of Fig. 1: red, green and purple, clear of the decoder columns' blue and orange. */
    private static final Color[] AXIS_COLORS = {Palette.color(3), Palette.color(2), Palette.color(4)};

    private OftadehFigures() {
    }

    /** Fig. 1: samples, axes and the two decoder columns (scaled) in an oblique 3-D view, ordered and MSE. */
    static void drawToy(ExperimentContext ctx, INDArray samples, Map<String, TrainedRun> runs) {
        Panels panels = new Panels(2).title("Oftadeh Fig. 1: decoder columns (n = 3, p = 2) against the axes");
        double[][] cloud = project(samples.castTo(DataType.DOUBLE).toDoubleMatrix(), SHOWN_SAMPLES);
        for (var e : runs.entrySet()) {
            panels.add(toyPanel(e.getKey().equals("ordered") ? "ordered loss L" : "MSE loss", cloud,
                    e.getValue().model().decoder()));
        }
        panels.save(ctx.figure("fig1-decoder-columns.png"));
    }

    /**
     * @param title   the panel's title
     * @param cloud   the projected samples, x and y
     * @param decoder the n = 3 × p decoder
     * @return one panel of Fig. 1: the samples in light grey, the axes dashed in red, green and
     *         purple, the decoder columns solid in the palette's first colours (blue, orange)
     */
    static LineFigure toyPanel(String title, double[][] cloud, INDArray decoder) {
        LineFigure f = new LineFigure(title, "", "").square().size(560, 560);
        f.add("samples", cloud[0], cloud[1], LineFigure.Style.POINTS, SAMPLES);
        String[] axes = {"x", "y", "z"};
        for (int a = 0; a < 3; a++) {
            double[] end = new double[3];
            end[a] = 5;
            double[][] line = project(new double[][] {new double[3], end}, 2);
            f.add(axes[a] + " axis", line[0], line[1], LineFigure.Style.DASHED, AXIS_COLORS[a]);
        }
        INDArray columns = decoder.castTo(DataType.DOUBLE);
        for (int j = 0; j < columns.columns(); j++) {
            double[] col = columns.getColumn(j).toDoubleVector();
            double norm = Math.sqrt(col[0] * col[0] + col[1] * col[1] + col[2] * col[2]);
            double[] end = {4 * col[0] / norm, 4 * col[1] / norm, 4 * col[2] / norm};
            double[][] line = project(new double[][] {new double[3], end}, 2);
            f.add("decoder column " + (j + 1), line[0], line[1], LineFigure.Style.SOLID, Palette.color(j));
        }
        return f;
    }

    private static double[][] project(double[][] points, int limit) {
        int count = Math.min(limit, points.length);
        double[][] xy = new double[2][count];
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < 2; r++) {
                xy[r][i] = VIEW[r][0] * points[i][0] + VIEW[r][1] * points[i][1] + VIEW[r][2] * points[i][2];
            }
        }
        return xy;
    }

    /** Fig. 2: loss ratio − 1 (log) and Ratio_TP/FP against the step, ordered vs MSE. */
    static void drawSynthetic(ExperimentContext ctx, List<TrainedRun> runs) {
        LineFigure loss = new LineFigure("Oftadeh Fig. 2a: loss / optimum − 1", "step", "loss ratio − 1").logY();
        LineFigure found = new LineFigure("Oftadeh Fig. 2b: principal directions found", "step", "ratio")
                .yRange(0, 1.05);
        for (int i = 0; i < runs.size(); i++) {
            TrainedRun run = runs.get(i);
            String name = run.config().loss();
            Plots.curve(loss, name, run.metrics(), r -> r.lossRatio() - 1, LineFigure.Style.SOLID, Palette.color(i));
            Plots.curve(found, name + " Ratio_TP", run.metrics(), MetricsRow::ratioTp, LineFigure.Style.SOLID,
                    Palette.color(i));
            Plots.curve(found, name + " Ratio_FP", run.metrics(), MetricsRow::ratioFp, LineFigure.Style.DASHED,
                    Palette.color(i));
        }
        loss.save(ctx.figure("fig2a-loss-ratio.png"));
        found.save(ctx.figure("fig2b-ratio-tp-fp.png"));
    }

    /** Fig. 3: originals, and reconstructions from all and from the first k decoder columns, per loss. */
    static void drawReconstructions(ExperimentContext ctx, LabelledSamples mnist, TrainingData data,
                                    Map<String, TrainedRun> runs, int first) {
        int shown = 8;
        INDArray originals = mnist.rows().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, shown),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray mean = data.stats().meanX();
        ImageGrid grid = new ImageGrid(28, 28, ImageGrid.Normalisation.UNIT).scale(3)
                .title("Oftadeh Fig. 3: MNIST reconstructions, all vs the first " + first + " decoder columns");
        grid.addRow("original", Plots.rows(originals));
        for (var e : runs.entrySet()) {
            int p = e.getValue().config().latent();
            grid.addRow(e.getKey() + ", all " + p, Plots.rows(Reconstruction.images(e.getValue().model(), p,
                    originals, mean)));
            grid.addRow(e.getKey() + ", first " + first, Plots.rows(Reconstruction.images(e.getValue().model(),
                    first, originals, mean)));
        }
        grid.save(ctx.figure("fig3-reconstructions.png"));
    }
}
