package io.lae.experiments;

import io.lae.figures.ImageGrid;
import io.lae.figures.LineFigure;
import io.lae.figures.Palette;
import io.lae.figures.Panels;
import io.lae.runs.TrainedRun;
import io.lae.runs.TrainingData;
import io.lae.train.MetricsRow;
import java.awt.Color;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The figures of Oftadeh et al. 2020, drawn from the replayed runs. */
final class OftadehFigures {

    private static final int SHOWN_SAMPLES = 400;
    /** Half the length of each axis drawn, and the length of a drawn decoder column, in data units. */
    private static final double AXIS_END = 8;
    private static final double COLUMN_LENGTH = 6;
    private static final Color SAMPLES = new Color(200, 200, 200);
    /** The x₁, x₂ and x₃ axes of Fig. 1: red, green and purple, clear of the decoder columns' blue and orange. */
    private static final Color[] AXIS_COLORS = {Palette.color(3), Palette.color(2), Palette.color(4)};
    private static final String[] COORDINATES = {"x₁", "x₂", "x₃"};
    /** The coordinate planes shown, as pairs of coordinates: x₁–x₂, x₁–x₃, x₂–x₃. */
    private static final int[][] PLANES = {{0, 1}, {0, 2}, {1, 2}};

    private OftadehFigures() {
    }

    /**
     * Fig. 1: samples, axes and the two decoder columns (scaled to one length) projected on the
     * three coordinate planes, one row per loss.
     */
    static void drawToy(ExperimentContext ctx, INDArray samples, Map<String, TrainedRun> runs) {
        Panels panels = new Panels(PLANES.length).title("Oftadeh Fig. 1: decoder columns (n = 3, p = 2) against the "
                + "axes, on the three coordinate planes");
        double[][] cloud = samples.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (var e : runs.entrySet()) {
            String loss = e.getKey().equals("ordered") ? "ordered loss" : "MSE";
            for (int[] plane : PLANES) {
                panels.add(toyPanel(loss, cloud, e.getValue().model().decoder(), plane));
            }
        }
        ctx.figure(panels, "fig1-decoder-columns");
    }

    /**
     * @param loss      the loss, for the panel's title
     * @param cloud     the samples, one row each (n = 3 coordinates); the first few are drawn
     * @param decoder   the n = 3 × p decoder
     * @param plane     the two coordinates shown, horizontal then vertical
     * @return one panel of Fig. 1: the samples in light grey, the decoder columns solid in the
     *         palette's first colours (blue, orange), and over them the two axes of the plane, dashed
     *         in red, green or purple
     */
    static LineFigure toyPanel(String loss, double[][] cloud, INDArray decoder, int[] plane) {
        int h = plane[0];
        int v = plane[1];
        LineFigure f = new LineFigure(loss + ": " + COORDINATES[h] + "–" + COORDINATES[v] + " plane",
                axisTitle(h), axisTitle(v)).square().xRange(-AXIS_END, AXIS_END)
                .yRange(-AXIS_END, AXIS_END).size(460, 400);
        int shown = Math.min(SHOWN_SAMPLES, cloud.length);
        f.add("samples", column(cloud, h, shown), column(cloud, v, shown), LineFigure.Style.POINTS, SAMPLES);
        INDArray columns = decoder.castTo(DataType.DOUBLE);
        for (int j = 0; j < columns.columns(); j++) {
            double[] col = columns.getColumn(j).toDoubleVector();
            double scale = COLUMN_LENGTH / Math.sqrt(col[0] * col[0] + col[1] * col[1] + col[2] * col[2]);
            f.add("column " + (j + 1), new double[] {0, scale * col[h]}, new double[] {0, scale * col[v]},
                    LineFigure.Style.SOLID, Palette.color(j));
        }
        // the axes after the columns, so that they are drawn over them: a column on an axis shows
        // through the axis's dashes
        f.add(COORDINATES[h] + " axis", new double[] {-AXIS_END, AXIS_END}, new double[] {0, 0},
                LineFigure.Style.DASHED, AXIS_COLORS[h]);
        f.add(COORDINATES[v] + " axis", new double[] {0, 0}, new double[] {-AXIS_END, AXIS_END},
                LineFigure.Style.DASHED, AXIS_COLORS[v]);
        return f;
    }

    /** @return the coordinate's name and the data's variance along it, e.g. "x₁ (variance 9)" */
    private static String axisTitle(int coordinate) {
        return COORDINATES[coordinate] + " (variance " + BigDecimal.valueOf(OftadehToy.VARIANCES[coordinate])
                .stripTrailingZeros().toPlainString() + ")";
    }

    private static double[] column(double[][] rows, int j, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }

    /** Fig. 2: loss ratio − 1 (log) and Ratio_TP/FP against the step, ordered vs MSE. */
    static void drawSynthetic(ExperimentContext ctx, List<TrainedRun> runs) {
        LineFigure loss = new LineFigure("Oftadeh Fig. 2a: loss / optimum − 1", "training step",
                "loss / optimal loss − 1").logY();
        LineFigure found = new LineFigure("Oftadeh Fig. 2b: principal directions found", "training step",
                "fraction of the p directions").yRange(0, 1.05);
        for (int i = 0; i < runs.size(); i++) {
            TrainedRun run = runs.get(i);
            String name = run.config().loss();
            Plots.curve(loss, name, run.metrics(), r -> r.lossRatio() - 1, LineFigure.Style.SOLID, Palette.color(i));
            Plots.curve(found, name + " Ratio_TP", run.metrics(), MetricsRow::ratioTp, LineFigure.Style.SOLID,
                    Palette.color(i));
            Plots.curve(found, name + " Ratio_FP", run.metrics(), MetricsRow::ratioFp, LineFigure.Style.DASHED,
                    Palette.color(i));
        }
        ctx.figure(loss, "fig2a-loss-ratio");
        ctx.figure(found, "fig2b-ratio-tp-fp");
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
        ctx.figure(grid, "fig3-reconstructions");
    }
}
