package io.lae.experiments;

import io.lae.figures.ColorMap;
import io.lae.figures.HeatMap;
import io.lae.figures.ImageGrid;
import io.lae.figures.LineFigure;
import io.lae.figures.Palette;
import io.lae.figures.Panels;
import io.lae.train.MetricsRow;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The figures of Bao et al. 2020, drawn from the replayed runs. */
final class BaoFigures {

    private BaoFigures() {
    }

    /**
     * Fig. 2: d_align and d_sub against the step for every model, Nesterov solid and Adam dashed;
     * Fig. 3: UᵀW₂ (columns of W₂ normalised) and the decoder columns as images, Nesterov models.
     */
    static void drawMnist(ExperimentContext ctx, Map<String, List<MetricsRow>> curves, Map<String, INDArray> decoders,
                          INDArray u) {
        LineFigure align = new LineFigure("distance to the axis-aligned solution", "training step",
                "d_align (0 to 1)").yRange(0, 1);
        LineFigure sub = new LineFigure("distance to the optimal subspace", "training step",
                "d_sub").logY();
        for (int m = 0; m < BaoMnist.MODELS.size(); m++) {
            BaoMnist.BaoModel model = BaoMnist.MODELS.get(m);
            for (String optimizer : BaoMnist.OPTIMIZERS) {
                List<MetricsRow> rows = curves.get(model.name() + "-" + optimizer);
                LineFigure.Style style = optimizer.equals("adam") ? LineFigure.Style.DASHED : LineFigure.Style.SOLID;
                // the legend names the models by colour; the title says what solid and dashed mean
                boolean listed = optimizer.equals(BaoMnist.OPTIMIZERS.getFirst());
                String name = listed ? model.label() : model.label() + " (" + optimizer + ")";
                Plots.curve(align, name, rows, MetricsRow::dAlign, style, Palette.color(m));
                Plots.curve(sub, name, rows, MetricsRow::dSub, style, Palette.color(m));
                if (!listed) {
                    align.unlisted(name);
                    sub.unlisted(name);
                }
            }
        }
        ctx.figure(new Panels(2).title("Bao Fig. 2: MNIST, k = " + u.columns() + "; solid Nesterov, dashed Adam")
                .add(align).add(sub), "fig2-learning-dynamics");

        Panels maps = new Panels(3).title("Bao Fig. 3: UᵀW₂ (W₂ columns normalised), Nesterov; black −1, white 1");
        ImageGrid columns = new ImageGrid(28, 28, ImageGrid.Normalisation.SYMMETRIC).scale(2)
                .title("Bao Fig. 3: decoder columns W₂ (Nesterov)");
        for (BaoMnist.BaoModel model : BaoMnist.MODELS) {
            INDArray w = decoders.get(model.name() + "-nesterov").castTo(DataType.DOUBLE);
            INDArray normalised = w.divRowVector(w.norm2(0).reshape(1, -1));
            maps.add(new HeatMap(Plots.rows(u.transpose().mmul(normalised)), -1, 1, ColorMap.GREY)
                    .title(model.label()).rowLabel("principal direction i").columnLabel("decoder column j"));
            double[][] images = new double[(int) w.columns()][];
            for (int j = 0; j < images.length; j++) {
                images[j] = Plots.column(w, j);
            }
            columns.addRow(model.label(), images);
        }
        ctx.figure(maps, "fig3-u-transpose-w2");
        ctx.figure(columns, "fig3-decoder-columns");
    }

    /**
     * Fig. 4: epochs to d_align ≤ 0.3 against k (log–log), Nesterov solid and Adam dashed, a dot per k
     * reached; as in the paper, a cross marks the last k of a model that failed at the next one.
     */
    static void drawScaling(ExperimentContext ctx, Map<String, Map<Integer, Long>> epochs) {
        LineFigure f = new LineFigure("Bao Fig. 4: epochs to d_align ≤ 0.3; × fails beyond this k; solid Nesterov, "
                + "dashed Adam", "latent size k", "epochs to d_align ≤ 0.3").logX().logY()
                .pointMarkers();
        BaoScaling.Model[] models = BaoScaling.Model.values();
        int drawn = 0;
        for (int m = 0; m < models.length; m++) {
            boolean modelListed = false;
            for (String optimizer : BaoScaling.OPTIMIZERS) {
                ScalingCurve curve = ScalingCurve.of(epochs.get(models[m].series(optimizer)));
                double[] x = curve.epochs().entrySet().stream().filter(e -> e.getValue() >= 0)
                        .mapToDouble(Map.Entry::getKey).toArray();
                double[] y = curve.epochs().values().stream().filter(e -> e >= 0).mapToDouble(Long::doubleValue)
                        .toArray();
                if (x.length == 0) {
                    continue;
                }
                // the legend names each model once, by colour; the title says what solid and dashed mean
                boolean listed = !modelListed;
                modelListed = true;
                String name = listed ? models[m].label() : models[m].label() + " (" + optimizer + ")";
                f.add(name, x, y, optimizer.equals("adam") ? LineFigure.Style.DASHED : LineFigure.Style.SOLID,
                        Palette.color(m));
                if (!listed) {
                    f.unlisted(name);
                }
                drawn++;
                if (curve.firstFailure().isPresent()) {
                    f.cross(x[x.length - 1], y[y.length - 1], Palette.color(m));
                }
            }
        }
        if (drawn == 0) {
            ctx.console().println("bao-fig4: no model reached 0.3 at any k; Fig. 4 has nothing to draw");
            return;
        }
        ctx.figure(f, "fig4-epochs-vs-k");
    }
}
