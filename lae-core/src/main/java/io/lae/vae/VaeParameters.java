package io.lae.vae;

import io.lae.LaeException;
import io.lae.train.Model;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameters of the linear VAE (Lucas et al. 2019): prior p(z) = N(0, I), likelihood
 * p(x|z) = N(W₂z, σ²I), posterior q(z|x) = N(W₁x, D) with D = diag(exp(log_variance)) shared by
 * all samples. All four arrays have one dtype (float32 or float64).
 *
 * @param encoder     W₁ (docs/math.md: B), p×n, the posterior mean is W₁x
 * @param decoder     W₂ (docs/math.md: A), n×p
 * @param logVariance log Dᵢ, 1×p
 * @param logNoise    log σ², 1×1
 */
public record VaeParameters(INDArray encoder, INDArray decoder, INDArray logVariance, INDArray logNoise) {

    /** Name of W₁ in {@link #asMap()} and in gradient maps. */
    public static final String ENCODER = Model.ENCODER;
    /** Name of W₂. */
    public static final String DECODER = Model.DECODER;
    /** Name of log D. */
    public static final String LOG_VARIANCE = "log_variance";
    /** Name of log σ². */
    public static final String LOG_NOISE = "log_noise";

    /** Checks that the shapes fit one latent size p and input size n, and that the dtypes agree. */
    public VaeParameters {
        long p = encoder.rows();
        long n = encoder.columns();
        if (encoder.rank() != 2 || !Arrays.equals(decoder.shape(), new long[] {n, p})
                || !Arrays.equals(logVariance.shape(), new long[] {1, p})
                || !Arrays.equals(logNoise.shape(), new long[] {1, 1})) {
            throw new IllegalArgumentException("linear VAE shapes must be encoder p×n, decoder n×p, log_variance 1×p,"
                    + " log_noise 1×1; got " + Arrays.toString(encoder.shape()) + ", " + Arrays.toString(decoder.shape())
                    + ", " + Arrays.toString(logVariance.shape()) + ", " + Arrays.toString(logNoise.shape()));
        }
        DataType type = encoder.dataType();
        if (decoder.dataType() != type || logVariance.dataType() != type || logNoise.dataType() != type) {
            throw new IllegalArgumentException("linear VAE parameters must share one dtype");
        }
    }

    /**
     * The authors' initialisation ({@code models/linear_vae.py} of XuchanBao/linear-ae): W₁ and W₂
     * with independent N(0, std²) entries, log D = 0 and log σ² = 0. The weights are those of
     * {@link Model#random} for the same seed (decoder drawn first, then encoder, with
     * {@link java.util.Random#nextGaussian()}), so a VAE and an autoencoder started from one seed
     * start from the same W₁, W₂ on every backend, as the authors' code copies one initialisation
     * into every model it compares.
     *
     * @param n    the input dimension
     * @param p    the latent size
     * @param std  the standard deviation of the weights (the authors' {@code init_scale}, 1e-4 on MNIST)
     * @param seed the seed
     * @param type float32 or float64
     * @return fresh parameters
     */
    public static VaeParameters random(int n, int p, double std, long seed, DataType type) {
        Model weights = Model.random(n, n, p, std, false, false, seed, type);
        return new VaeParameters(weights.encoder(), weights.decoder(), Nd4j.zeros(type, 1, p), Nd4j.zeros(type, 1, 1));
    }

    /**
     * The authors' very initial weights (Bao et al. 2020, XuchanBao/linear-ae, {@code LinearVAE} built
     * right after {@code torch.manual_seed(seed)} in {@code mains/train_synth.py}, torch 1.3 on the CPU):
     * the constructors of {@code encoder = nn.Linear(n, p)} and {@code decoder = nn.Linear(p, n)} draw
     * their Kaiming-uniform weights (2np uniforms, then overwritten), then
     * {@code encoder.weight.normal_(0, std)} fills W₁ (p×n, row-major) and
     * {@code decoder.weight.normal_(0, std)} fills W₂ (n×p) ({@link Model#torch}, the draw of the authors'
     * autoencoders too); log D = 0 and log σ² = 0. The same
     * distribution as {@link #random}; at small k where a run ends within the top subspace (d_align
     * of Bao's Fig. 4 at k = 2) the draw decides how far the columns start from the eigenvectors.
     *
     * @param n    the input dimension
     * @param p    the latent size (np ≥ 16)
     * @param std  the authors' {@code init_scale}
     * @param seed the seed of {@code torch.manual_seed}
     * @param type float32 or float64
     * @return fresh parameters
     */
    public static VaeParameters authorsInit(int n, int p, double std, long seed, DataType type) {
        Model weights = Model.torch(n, n, p, std, false, seed, type);
        return new VaeParameters(weights.encoder(), weights.decoder(), Nd4j.zeros(type, 1, p), Nd4j.zeros(type, 1, 1));
    }

    /**
     * @param arrays the four arrays by name, as {@link #asMap()} gives them (e.g. from a checkpoint); used, not copied
     * @return the parameters
     * @throws LaeException naming a missing array
     */
    public static VaeParameters of(Map<String, INDArray> arrays) {
        for (String name : new String[] {ENCODER, DECODER, LOG_VARIANCE, LOG_NOISE}) {
            if (!arrays.containsKey(name)) {
                throw new LaeException("the linear VAE's " + name + " is missing (have " + arrays.keySet() + ")");
            }
        }
        return new VaeParameters(arrays.get(ENCODER), arrays.get(DECODER), arrays.get(LOG_VARIANCE),
                arrays.get(LOG_NOISE));
    }

    /** @return the four arrays by name (the live arrays, not copies), for {@link io.lae.optim.Optimizer#apply} */
    public Map<String, INDArray> asMap() {
        Map<String, INDArray> map = new LinkedHashMap<>();
        map.put(ENCODER, encoder);
        map.put(DECODER, decoder);
        map.put(LOG_VARIANCE, logVariance);
        map.put(LOG_NOISE, logNoise);
        return map;
    }

    /** @return a deep copy */
    public VaeParameters copy() {
        return new VaeParameters(encoder.dup(), decoder.dup(), logVariance.dup(), logNoise.dup());
    }

    /**
     * @param type float32 or float64
     * @return these parameters in {@code type} (new arrays, unless they already have that dtype)
     */
    public VaeParameters castTo(DataType type) {
        return new VaeParameters(encoder.castTo(type), decoder.castTo(type), logVariance.castTo(type),
                logNoise.castTo(type));
    }

    /** @return n */
    public int inputDim() {
        return (int) encoder.columns();
    }

    /** @return p */
    public int latentSize() {
        return (int) encoder.rows();
    }

    /** @return the dtype of all four arrays */
    public DataType dataType() {
        return encoder.dataType();
    }

    /** @return σ² = exp(log σ²), the variance of the likelihood's noise */
    public double noiseVariance() {
        return Math.exp(logNoise.getDouble(0));
    }

    /** @return Dᵢ = exp(log Dᵢ), the posterior variances, i = 1..p */
    public double[] posteriorVariances() {
        return Arrays.stream(logVariance.toDoubleVector()).map(Math::exp).toArray();
    }
}
