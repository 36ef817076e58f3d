package io.lae.experiments;

import io.lae.figures.LineFigure;
import io.lae.train.MetricsRow;
import java.awt.Color;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small conversions the experiments' figures share: metric curves and matrices as Java arrays. */
final class Plots {

    private Plots() {
    }

    /**
     * Adds one metric of a run as a curve against the step.
     *
     * @param figure the figure
     * @param name   the legend entry
     * @param rows   the logged rows
     * @param metric the metric
     * @param style  how to draw it
     * @param color  its colour
     */
    static void curve(LineFigure figure, String name, List<MetricsRow> rows, ToDoubleFunction<MetricsRow> metric,
                      LineFigure.Style style, Color color) {
        double[] x = rows.stream().mapToDouble(MetricsRow::step).toArray();
        double[] y = rows.stream().mapToDouble(metric).toArray();
        figure.add(name, x, y, style, color);
    }

    /** @return the matrix as rows of doubles */
    static double[][] rows(INDArray matrix) {
        return matrix.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** @return column j as a Java array */
    static double[] column(INDArray matrix, int j) {
        return matrix.castTo(DataType.DOUBLE).getColumn(j).toDoubleVector();
    }
}
