package io.lae.fit;

import io.lae.stats.Statistics;
import io.lae.train.FittedWeights;
import io.lae.train.MetricsRow;
import io.lae.train.Model;
import io.lae.train.RunStatus;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained linear autoencoder: its encoder B (p×n'), decoder A (n×p), the training mean it centres new
 * rows with, how training ended and the metrics it logged. {@link #encode}, {@link #decode} and
 * {@link #reconstruct} apply it to new rows (float64). Immutable (its arrays are private copies), so
 * safe to share between threads.
 */
public final class FittedAutoencoder {

    private final FittedWeights weights;
    private final Model trained;
    private final Components components;
    private final RunStatus status;
    private final List<MetricsRow> history;

    /**
     * @param trained    the weights as the fit ended; kept with their signs fixed ({@link Model#canonicalSigns})
     * @param statistics the statistics they were fitted to, for the components' variances and the means
     * @param status     how the fit ended
     * @param history    the metrics it logged
     */
    FittedAutoencoder(Model trained, Statistics statistics, RunStatus status, List<MetricsRow> history) {
        this.trained = trained.canonicalSigns();
        this.components = Components.of(this.trained, statistics);
        this.weights = new FittedWeights(this.trained.encoder().castTo(DataType.DOUBLE).dup(),
                this.trained.decoder().castTo(DataType.DOUBLE).dup(),
                statistics.centered() ? statistics.meanX().dup() : null,
                statistics.centered() ? statistics.meanY().dup() : null,
                Nd4j.createFromArray(components.codeStd()));
        this.status = status;
        this.history = List.copyOf(history);
    }

    /** @return p */
    public int latentSize() {
        return weights.latent();
    }

    /** @return B, p×n' (a copy) */
    public double[][] encoder() {
        return weights.encoder().toDoubleMatrix();
    }

    /** @return A, n×p (a copy) */
    public double[][] decoder() {
        return weights.decoder().toDoubleMatrix();
    }

    /**
     * The learned directions in order: the decoder's columns, each scaled to unit length, with the sign
     * {@link Model#canonicalSigns} fixes (each direction's entry of largest magnitude positive). For the losses
     * that recover the ordered principal directions ({@code ordered}, {@code nonuniform}, nested dropout) row
     * i approximates the i-th eigenvector of the covariance.
     *
     * @return p×n, one unit direction per row
     */
    public double[][] components() {
        INDArray columns = weights.decoder().transpose().dup();
        INDArray norms = columns.norm2(1).reshape(columns.rows(), 1);
        return columns.diviColumnVector(norms).toDoubleMatrix();
    }

    /**
     * @return each component's variance uᵢᵀΣuᵢ / (m − 1) over the training data (scikit-learn's
     *     {@code explained_variance_}; see {@link Components})
     */
    public double[] explainedVariance() {
        return components.explainedVariance().clone();
    }

    /** @return each component's share of the total variance (scikit-learn's {@code explained_variance_ratio_}) */
    public double[] explainedVarianceRatio() {
        return components.explainedVarianceRatio().clone();
    }

    /** @return the training mean of the inputs, subtracted before encoding; null when the fit did not centre */
    public double[] mean() {
        return weights.inputMean() == null ? null : weights.inputMean().toDoubleVector();
    }

    /** @return finished, or stopped early at the target */
    public RunStatus status() {
        return status;
    }

    /** @return the metrics logged during training, step 0 first */
    public List<MetricsRow> history() {
        return history;
    }

    /**
     * @param rows m×n' samples
     * @return m×p codes B(x − μ)
     */
    public double[][] encode(double[][] rows) {
        return weights.encode(Nd4j.createFromArray(rows)).toDoubleMatrix();
    }

    /**
     * @param rows m×n' samples
     * @return m×p codes B(x − μ), each divided by its standard deviation over the training rows (scikit-learn's
     *     {@code whiten=True})
     */
    public double[][] encodeWhitened(double[][] rows) {
        return weights.encodeWhitened(Nd4j.createFromArray(rows)).toDoubleMatrix();
    }

    /**
     * @param codes m×p codes
     * @return m×n rows Az + μ
     */
    public double[][] decode(double[][] codes) {
        return weights.decode(Nd4j.createFromArray(codes)).toDoubleMatrix();
    }

    /**
     * @param rows m×n' samples
     * @return m×n reconstructions AB(x − μ) + μ
     */
    public double[][] reconstruct(double[][] rows) {
        return weights.reconstruct(Nd4j.createFromArray(rows)).toDoubleMatrix();
    }

    /**
     * @return the weights as trained, in the fit's dtype (tied when the rule tied them), a copy: to save them, or
     *     to start another fit from them
     */
    public Model model() {
        return trained.copy();
    }

    /** @return the weights and means as INDArrays, for code that stays in ND4J */
    public FittedWeights weights() {
        return weights;
    }
}
