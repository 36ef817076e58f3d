package io.lae.experiments;

import io.lae.figures.ColorMap;
import io.lae.figures.HeatMap;
import io.lae.figures.ImageGrid;
import io.lae.figures.LineFigure;
import io.lae.figures.Palette;
import io.lae.figures.Panels;
import io.lae.figures.ScatterFigure;
import io.lae.linalg.Svd;
import io.lae.runs.TrainedRun;
import io.lae.train.MetricsRow;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The figures of Kunin et al. 2019, drawn from the replayed runs. */
final class KuninFigures {

    private static final int CIRCLE_POINTS = 200;
    /** AB is drawn as a dot at every 10th point of the circle's image: 20 dots, with the curves beneath seen between them. */
    private static final int AB_DOT_STRIDE = 10;

    private KuninFigures() {
    }

    /** Fig. 3: ‖W₁ − W₂ᵀ‖² against the step (log scale), one curve per loss. */
    static void transposeGap(ExperimentContext ctx, Map<String, TrainedRun> runs) {
        LineFigure f = new LineFigure("Kunin Fig. 3: distance between W₁ and W₂ᵀ", "training step",
                "‖W₁ − W₂ᵀ‖²").logY();
        int i = 0;
        for (var e : runs.entrySet()) {
            Plots.curve(f, e.getKey(), e.getValue().metrics(), MetricsRow::transposeGap, LineFigure.Style.SOLID,
                    Palette.color(i++));
        }
        ctx.figure(f, "fig3-transpose-gap");
    }

    /** Fig. 4: heat maps of [U V*]ᵀ[U U*] for each loss, black −1, white 1. */
    static void landscape(ExperimentContext ctx, Map<String, TrainedRun> runs, INDArray u) {
        Panels panels = new Panels(runs.size()).title("Kunin Fig. 4: [U V*]ᵀ[U U*], black −1, white 1");
        int n = (int) u.rows();
        for (var e : runs.entrySet()) {
            Svd svd = Svd.of(KuninLandscape.product(e.getValue()));
            INDArray left = Nd4j.hstack(u, svd.v());
            INDArray right = Nd4j.hstack(u, svd.u());
            panels.add(new HeatMap(Plots.rows(left.transpose().mmul(right)), -1, 1, ColorMap.GREY).title(e.getKey())
                    .rowLabel("[U V*]ᵀ").columnLabel("[U U*]").rowSeparators(n).columnSeparators(n).cellSize(8));
        }
        ctx.figure(panels, "fig4-singular-vectors");
    }

    /** Fig. 5: (σᵢ², τᵢ²) points over the theoretical curve for each λ, sum and product. */
    static void spectra(ExperimentContext ctx, double[] lambdas, double[] sigmaSquared, Map<String, List<double[]>> tau) {
        Panels panels = new Panels(tau.size()).title("Kunin Fig. 5: eigenvalues τ² of W* against σ² of XXᵀ "
                + "(points: trained, lines: theory)");
        double top = sigmaSquared[0];
        double[] grid = new double[200];
        for (int g = 0; g < grid.length; g++) {
            grid[g] = top * (g + 1) / grid.length;
        }
        for (var e : tau.entrySet()) {
            // 11 λ at full scale: no legend of 22 entries, but each theory curve labelled at its right end,
            // in the room the x axis leaves beyond the largest σ²
            LineFigure f = new LineFigure(e.getKey() + " loss", "σ², eigenvalue of XXᵀ", "τ², eigenvalue of W*")
                    .xRange(0, top * 1.2).yRange(0, 1.02).size(760, 760).legend(false);
            for (int l = 0; l < lambdas.length; l++) {
                double lambda = lambdas[l];
                double[] curve = java.util.Arrays.stream(grid).map(s -> KuninLandscape.theory(e.getKey(), lambda, s))
                        .toArray();
                // more λ than the palette's 10 colours: a sequential scale, in λ's order, no colour twice
                Color color = Palette.ordered(l, lambdas.length);
                f.add("λ = " + (int) lambda + " theory", grid, curve, LineFigure.Style.SOLID, color);
                f.label("λ = " + (int) lambda, grid[grid.length - 1], curve[curve.length - 1], color);
                f.add("λ = " + (int) lambda + " trained", java.util.Arrays.copyOf(sigmaSquared, e.getValue().get(l).length),
                        e.getValue().get(l), LineFigure.Style.POINTS, color);
            }
            panels.add(f);
        }
        ctx.figure(panels, "fig5-spectra");
    }

    /** Fig. 6: the unit circle and its images under A, B and AB of eq. (9), k = 2, per loss. */
    static void circles(ExperimentContext ctx, Map<String, INDArray[]> maps) {
        Panels panels = new Panels(maps.size()).title("Kunin Fig. 6: the unit circle (grey) under A (blue), B "
                + "(orange, dashed) and AB (green dots)");
        double[][] circle = new double[2][CIRCLE_POINTS + 1];
        for (int t = 0; t <= CIRCLE_POINTS; t++) {
            circle[0][t] = Math.cos(2 * Math.PI * t / CIRCLE_POINTS);
            circle[1][t] = Math.sin(2 * Math.PI * t / CIRCLE_POINTS);
        }
        INDArray points = Nd4j.createFromArray(circle);
        for (var e : maps.entrySet()) {
            INDArray a = e.getValue()[0];
            INDArray b = e.getValue()[1];
            LineFigure f = new LineFigure(e.getKey(), "first coordinate", "second coordinate").square().xRange(-2, 2)
                    .yRange(-2, 2).size(480, 480);
            f.add("circle", circle[0], circle[1], LineFigure.Style.DASHED, java.awt.Color.GRAY);
            // where the images coincide (all of them for the sum loss, which ties B = Aᵀ orthogonal)
            // B's dashes and AB's dots leave the curves beneath them visible
            addImage(f, "A", a.mmul(points), LineFigure.Style.SOLID, 0, 1);
            addImage(f, "B", b.mmul(points), LineFigure.Style.DASHED, 1, 1);
            addImage(f, "AB", a.mmul(b).mmul(points), LineFigure.Style.POINTS, 2, AB_DOT_STRIDE);
            panels.add(f);
        }
        ctx.figure(panels, "fig6-unit-circle");
    }

    /** Adds the image of the circle's points, every {@code stride}-th of them, in palette colour {@code color}. */
    private static void addImage(LineFigure f, String name, INDArray image, LineFigure.Style style, int color,
                                 int stride) {
        double[] x = image.getRow(0).toDoubleVector();
        double[] y = image.getRow(1).toDoubleVector();
        int[] kept = IntStream.range(0, x.length).filter(i -> i % stride == 0).toArray();
        f.add(name, IntStream.of(kept).mapToDouble(i -> x[i]).toArray(),
                IntStream.of(kept).mapToDouble(i -> y[i]).toArray(), style, Palette.color(color));
    }

    /**
     * Fig. 7: decoder left singular vectors of each loss and the principal directions as 28×28 images;
     * Fig. 8: the k = 2 sum-loss codes and the PCA embedding, coloured by digit.
     */
    static void drawMnist(ExperimentContext ctx, INDArray u, Map<String, INDArray> leftVectors, INDArray codes,
                          INDArray pca, int[] labels) {
        ImageGrid grid = new ImageGrid(28, 28, ImageGrid.Normalisation.SYMMETRIC).scale(3)
                .title("Kunin Fig. 7: decoder left singular vectors vs principal directions (MNIST, k = 9)");
        for (var e : leftVectors.entrySet()) {
            grid.addRow(e.getKey(), columns(e.getValue()));
        }
        grid.addRow("PCA", columns(u));
        ctx.figure(grid, "fig7-singular-vectors");
        Panels panels = new Panels(2).title("Kunin Fig. 8: 2-D latent codes, sum loss vs PCA");
        panels.add(new ScatterFigure("sum loss, k = 2", "first code z₁", "second code z₂").points(Plots.column(codes, 0), Plots.column(codes, 1),
                labels).size(560, 520));
        panels.add(new ScatterFigure("PCA", "first principal component u₁ᵀx",
                "second principal component u₂ᵀx").points(Plots.column(pca, 0), Plots.column(pca, 1), labels)
                .size(560, 520));
        ctx.figure(panels, "fig8-latent-scatter");
    }

    private static double[][] columns(INDArray matrix) {
        double[][] out = new double[(int) matrix.columns()][];
        for (int j = 0; j < out.length; j++) {
            out[j] = Plots.column(matrix, j);
        }
        return out;
    }
}
