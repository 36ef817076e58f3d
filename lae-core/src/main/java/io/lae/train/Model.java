package io.lae.train;

import io.lae.LaeException;
import io.lae.data.TorchCpuRandom;
import io.lae.loss.StackedWeights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights of a linear autoencoder: encoder B (p×n') and decoder A (n×p). With tied weights
 * the encoder is a live view of Aᵀ, so updating A updates B. Untied weights with n = n' are held
 * stacked as one n×2p matrix [Bᵀ | A] ({@link StackedWeights}), B and A being views of it, so a
 * full-batch step needs a single GEMM with Σ.
 *
 * <p>Random initialisation uses {@link Random#nextGaussian()} (an algorithm the JDK specifies), not
 * ND4J's generator, so a seed gives the same weights on every backend; {@link #torch} draws the
 * weights PyTorch's CPU generator draws instead, to start from the very weights of an author's run.
 */
public final class Model {

    /** Parameter name of the encoder B. */
    public static final String ENCODER = "encoder";
    /** Parameter name of the decoder A. */
    public static final String DECODER = "decoder";

    private final INDArray encoder;
    private final INDArray decoder;
    private final boolean tied;
    private final StackedWeights stacked;

    private Model(INDArray encoder, INDArray decoder, boolean tied, StackedWeights stacked) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.tied = tied;
        this.stacked = stacked;
    }

    /**
     * @param encoder B, p×n' (copied)
     * @param decoder A, n×p (copied)
     * @return an untied model holding copies of the weights, stacked when n = n'
     */
    public static Model of(INDArray encoder, INDArray decoder) {
        if (encoder.columns() == decoder.rows()) {
            StackedWeights weights = StackedWeights.of(encoder, decoder);
            return new Model(weights.encoder(), weights.decoder(), false, weights);
        }
        return new Model(encoder.dup('c'), decoder.dup('c'), false, null);
    }

    /**
     * @param decoder A, n×p (copied); the encoder is Aᵀ
     * @return a tied model
     */
    public static Model tied(INDArray decoder) {
        INDArray a = decoder.dup('c');
        return new Model(a.transpose(), a, true, null);
    }

    /**
     * Draws A and B with independent N(0, std²) entries, or B = Aᵀ when balanced (as RAG needs).
     *
     * @param outputDim n
     * @param inputDim  n'
     * @param latent    p
     * @param std       the standard deviation
     * @param balanced  whether B starts as Aᵀ (it is still a separate parameter)
     * @param tied      whether B stays Aᵀ (one parameter)
     * @param seed      the seed
     * @param type      float32 or float64
     * @return the model
     */
    public static Model random(int outputDim, int inputDim, int latent, double std, boolean balanced,
                               boolean tied, long seed, DataType type) {
        Random random = new Random(seed);
        INDArray a = gaussian(outputDim, latent, std, random).castTo(type);
        if (tied) {
            return tied(a);
        }
        INDArray b = balanced ? a.transpose().dup('c') : gaussian(latent, inputDim, std, random).castTo(type);
        return of(b, a);
    }

    /**
     * The initial weights as PyTorch 1.3 draws them on the CPU right after {@code torch.manual_seed(seed)}
     * in the models of Bao et al. 2020 (XuchanBao/linear-ae: {@code LinearAE}, {@code LinearAENestedDropout}
     * and {@code LinearVAE}, built by {@code mains/train_synth.py}): the constructors of
     * {@code encoder = nn.Linear(n', p, bias=False)} and {@code decoder = nn.Linear(p, n, bias=False)}
     * draw their Kaiming-uniform weights (pn' then np uniforms, one 32-bit output each, overwritten),
     * then {@code encoder.weight.data.normal_(0, std)} fills B (p×n', row-major) and
     * {@code decoder.weight.data.normal_(0, std)} fills A (n×p) ({@link TorchCpuRandom#normal}). Tied,
     * A = Bᵀ, as their {@code train_models(tie_weights=True)} copies it. The entries are float32 values,
     * equal to torch's up to the last bit of a float.
     *
     * @param outputDim n
     * @param inputDim  n'
     * @param latent    p
     * @param std       the standard deviation (the authors' {@code init_scale})
     * @param tied      whether B stays Aᵀ (one parameter)
     * @param seed      the seed of {@code torch.manual_seed}
     * @param type      float32 or float64
     * @return the model
     * @throws LaeException when B or A has fewer than 16 entries: torch draws those another way, not ported
     */
    public static Model torch(int outputDim, int inputDim, int latent, double std, boolean tied, long seed,
                              DataType type) {
        if ((long) latent * Math.min(outputDim, inputDim) < 16) {
            throw new LaeException("--init torch needs at least 16 entries in the encoder and in the decoder "
                    + "(torch draws fewer another way); got p = " + latent + " with " + outputDim + " outputs and "
                    + inputDim + " inputs");
        }
        TorchCpuRandom torch = new TorchCpuRandom(seed);
        torch.skipUniform((long) latent * inputDim + (long) outputDim * latent);
        INDArray b = Nd4j.createFromArray(torch.normal(latent * inputDim, std)).reshape('c', latent, inputDim)
                .castTo(type);
        if (tied) {
            return tied(b.transpose());
        }
        INDArray a = Nd4j.createFromArray(torch.normal(outputDim * latent, std)).reshape('c', outputDim, latent)
                .castTo(type);
        return of(b, a);
    }

    private static INDArray gaussian(int rows, int cols, double std, Random random) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int j = 0; j < cols; j++) {
                row[j] = std * random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(values);
    }

    /** @return B, p×n' (a view of Aᵀ when tied) */
    public INDArray encoder() {
        return encoder;
    }

    /** @return A, n×p */
    public INDArray decoder() {
        return decoder;
    }

    /** @return the stacked weights [Bᵀ | A] of which B and A are views, or null (tied, or n ≠ n') */
    public StackedWeights stacked() {
        return stacked;
    }

    /** @return whether B is tied to Aᵀ */
    public boolean isTied() {
        return tied;
    }

    /** @return p */
    public int latentSize() {
        return (int) decoder.columns();
    }

    /** @return the weights by name, the encoder left out when it is tied */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        if (!tied) {
            params.put(ENCODER, encoder);
        }
        params.put(DECODER, decoder);
        return params;
    }

    /**
     * Fixes each component's sign by one documented rule, as scikit-learn fixes the signs of its PCA components:
     * column i of A and row i of B are negated together when the entry of largest magnitude in A's column i (the
     * first such entry, on a tie) is negative. The product AB, every loss of lae (each depends on the weights through
     * products A_{:,i} B_{i,:} and norms of columns and rows) and every metric are unchanged, so two fits that end
     * at the same weights up to the signs of components give the same weights.
     *
     * @return a model holding copies of these weights with the signs fixed, tied as this one is
     */
    public Model canonicalSigns() {
        int p = latentSize();
        double[] signs = new double[p];
        for (int i = 0; i < p; i++) {
            double largest = 0;
            for (double v : decoder.getColumn(i).toDoubleVector()) {
                if (Math.abs(v) > Math.abs(largest)) {
                    largest = v;
                }
            }
            signs[i] = largest < 0 ? -1 : 1;
        }
        INDArray s = Nd4j.createFromArray(signs).castTo(decoder.dataType());
        INDArray a = decoder.mulRowVector(s);
        return tied ? tied(a) : of(encoder.mulColumnVector(s.reshape(p, 1)), a);
    }

    /** @return a model holding copies of these weights, tied as this one is */
    public Model copy() {
        return tied ? tied(decoder) : of(encoder, decoder);
    }

    /** @return whether every weight is finite */
    public boolean isFinite() {
        return Double.isFinite(encoder.sumNumber().doubleValue()) && Double.isFinite(decoder.sumNumber().doubleValue());
    }
}
