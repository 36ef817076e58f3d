package io.lae.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained linear autoencoder applied to new rows: codes z = B(x − μ), decoded rows Az + μ',
 * reconstructions A B (x − μ) + μ', with μ and μ' the training data's means when the run centred
 * its data (zero otherwise; μ' is μ for an autoencoder, the targets' mean for a regression).
 * Rows in, rows out, in float64. Immutable, so safe to share between threads.
 *
 * @param encoder    B, p×n'
 * @param decoder    A, n×p
 * @param inputMean  μ, length n', or null when the run did not centre
 * @param outputMean μ', length n, or null when the run did not centre
 * @param codeStd    each code's standard deviation over the training rows (length p), which
 *                   {@link #encodeWhitened} divides by, or null when it was not recorded
 */
public record FittedWeights(INDArray encoder, INDArray decoder, INDArray inputMean, INDArray outputMean,
                            INDArray codeStd) {

    /** Casts everything to float64 once. */
    public FittedWeights {
        encoder = encoder.castTo(DataType.DOUBLE);
        decoder = decoder.castTo(DataType.DOUBLE);
        inputMean = inputMean == null ? null : inputMean.castTo(DataType.DOUBLE).reshape(1, encoder.columns());
        outputMean = outputMean == null ? null : outputMean.castTo(DataType.DOUBLE).reshape(1, decoder.rows());
        codeStd = codeStd == null ? null : codeStd.castTo(DataType.DOUBLE).reshape(1, encoder.rows());
    }

    /** @return n', the width of the rows {@link #encode} takes */
    public int inputDim() {
        return (int) encoder.columns();
    }

    /** @return p */
    public int latent() {
        return (int) encoder.rows();
    }

    /**
     * @param rows m×n' samples
     * @return m×p codes (x − μ)Bᵀ
     */
    public INDArray encode(INDArray rows) {
        INDArray x = rows.castTo(DataType.DOUBLE);
        return (inputMean == null ? x : x.subRowVector(inputMean)).mmul(encoder.transpose());
    }

    /**
     * Whitened codes, as scikit-learn's {@code PCA(whiten=True)} gives them: each code divided by its standard
     * deviation over the training rows, so every code has unit variance there (and, at the ordered optimum, the
     * codes are uncorrelated).
     *
     * @param rows m×n' samples
     * @return m×p codes (x − μ)Bᵀ, column i divided by {@code codeStd[i]}
     * @throws IllegalStateException when the codes' spread was not recorded
     */
    public INDArray encodeWhitened(INDArray rows) {
        if (codeStd == null) {
            throw new IllegalStateException("the codes' standard deviations were not recorded with these weights");
        }
        return encode(rows).diviRowVector(codeStd);
    }

    /**
     * @param codes m×p codes
     * @return m×n rows z Aᵀ + μ'
     */
    public INDArray decode(INDArray codes) {
        INDArray y = codes.castTo(DataType.DOUBLE).mmul(decoder.transpose());
        return outputMean == null ? y : y.addiRowVector(outputMean);
    }

    /**
     * @param rows m×n' samples
     * @return m×n reconstructions (predictions, for a regression)
     */
    public INDArray reconstruct(INDArray rows) {
        return decode(encode(rows));
    }
}
