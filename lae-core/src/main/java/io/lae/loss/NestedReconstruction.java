package io.lae.loss;

import io.lae.linalg.CholeskySolver;
import io.lae.stats.Statistics;
import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The weighted nested reconstruction term c Σ_{b=1..p} w_b ‖Y − A I_{b;p} B X‖², w_b ≥ 0, which
 * is {@code mse} (w = e_p), {@code ordered} (w_b = 1, Oftadeh eq. 1) and deterministic
 * {@code nested-dropout} (w_b = p_B(b), Bao eq. 6).
 *
 * <p>With q_i = Σ_{b≥i} w_b, T = diag(q) and S_ij = q_{max(i,j)} it equals (docs/math.md §2;
 * Oftadeh Lemma 1, eq. 21, for w = 1)
 * <pre>  c [ (Σ_b w_b) tyy − 2 Tr(A T B Σxy) + Tr(Bᵀ (S∘AᵀA) B Σxx) ]</pre>
 * with gradients (Oftadeh eq. 8, Prop. 1–2, generalised to T and S)
 * <pre>  ∇_B = −2c (T AᵀΣyx − (S∘AᵀA) B Σxx),   ∇_A = −2c (Σyx Bᵀ T − A (S∘(B Σxx Bᵀ))).</pre>
 * A step costs the GEMMs AᵀΣyx and BΣxx (and ΣyxBᵀ unless Y = X, where it is (BΣxx)ᵀ) plus
 * O(p²n) work.
 */
public final class NestedReconstruction implements LossTerm {

    private final double[] weights;
    private final double[] tail;
    private final Scale scale;
    private DataType cachedType;
    private INDArray tColumn;
    private INDArray tRow;
    private INDArray sMatrix;

    /**
     * @param weights w_1..w_p, non-negative, not all zero
     * @param scale   the data-term scale c
     */
    public NestedReconstruction(double[] weights, Scale scale) {
        if (weights.length == 0 || Arrays.stream(weights).anyMatch(w -> !(w >= 0) || Double.isInfinite(w))
                || Arrays.stream(weights).sum() <= 0) {
            throw new IllegalArgumentException("nested weights must be finite, non-negative and not all 0: "
                    + Arrays.toString(weights));
        }
        this.weights = weights.clone();
        this.scale = scale;
        this.tail = LossForm.tailSums(weights);
    }

    /**
     * @param p     the latent size
     * @param scale the data-term scale
     * @return c‖Y − ABX‖², the nested term with w = e_p (so T = I and S is all ones)
     */
    public static NestedReconstruction mse(int p, Scale scale) {
        return new NestedReconstruction(LossForm.lastUnit(p), scale);
    }

    /**
     * @param p     the latent size
     * @param scale the data-term scale
     * @return c Σ_i ‖Y − A I_{i;p} B X‖², w_b = 1 (so T = T_p and S = S_p, Oftadeh eq. 1)
     */
    public static NestedReconstruction ordered(int p, Scale scale) {
        return new NestedReconstruction(LossForm.allUnits(p), scale);
    }

    /** @return the weights w_b, b = 1..p */
    public double[] weights() {
        return weights.clone();
    }

    /** @return q_i = Σ_{b≥i} w_b, the diagonal of T */
    public double[] tailWeights() {
        return tail.clone();
    }

    /** @return the data-term scale */
    public Scale scale() {
        return scale;
    }

    /** @return p */
    public int latentSize() {
        return weights.length;
    }

    @Override
    public double accumulate(INDArray encoder, INDArray decoder, INDArray decoderGram, Statistics stats,
                             INDArray gradEncoder, INDArray gradDecoder, boolean withValue) {
        prepare(encoder.dataType());
        INDArray h = Nd4j.gemm(encoder, stats.sigmaXX(), false, false);                 // B Σxx, p×n'
        INDArray g = Nd4j.gemm(decoder, stats.sigmaYX(), true, false);                  // Aᵀ Σyx, p×n'
        Supplier<INDArray> targetCodes = () -> stats.isAutoencoder() ? h.transpose()
                : Nd4j.gemm(stats.sigmaYX(), encoder, false, true);                      // Σyx Bᵀ, n×p
        return core(scale.factor(stats.sampleCount()), () -> stats.tyy(), encoder, h, g, targetCodes, null, decoder,
                decoderGram, gradEncoder, gradDecoder, withValue);
    }

    /**
     * The same term on a mini-batch, in O(n·b·p) without forming a b-sample Σ: with Z = BX and
     * G = AᵀY, value c[(Σw)‖Y‖² − 2 sum(T Z ∘ G) + sum((S∘AᵀA) ∘ ZZᵀ)],
     * ∇_B = 2c((S∘AᵀA) Z − T G) Xᵀ, ∇_A = 2c(A (S∘ZZᵀ) − Y Zᵀ T), and c uses m = b.
     */
    @Override
    public double accumulateBatch(INDArray encoder, INDArray decoder, INDArray decoderGram, INDArray x, INDArray y,
                                  INDArray gradEncoder, INDArray gradDecoder, boolean withValue) {
        prepare(encoder.dataType());
        INDArray z = Nd4j.gemm(encoder, x, false, false);                              // B X, p×b
        INDArray g = Nd4j.gemm(decoder, y, true, false);                               // Aᵀ Y, p×b
        return core(scale.factor(x.columns()), () -> y.mul(y).sumNumber().doubleValue(), z, z, g,
                () -> Nd4j.gemm(y, z, false, true), x, decoder, decoderGram, gradEncoder, gradDecoder, withValue);
    }

    /**
     * The shared assembly. Over statistics: codes L = B, H = BΣxx, G = AᵀΣyx; over a batch:
     * L = H = BX, G = AᵀY and ∇_B is multiplied by Xᵀ at the end. In both M = H Lᵀ.
     *
     * @param tyy         ‖Y‖², only read when the value is wanted
     * @param targetCodes Σyx Bᵀ or Y Zᵀ (n×p), only formed when ∇_A is wanted
     * @param inputs      X (n'×b) for a batch, null over statistics
     */
    private double core(double c, DoubleSupplier tyy, INDArray codes, INDArray h, INDArray g,
                        Supplier<INDArray> targetCodes, INDArray inputs, INDArray decoder, INDArray decoderGram,
                        INDArray gradEncoder, INDArray gradDecoder, boolean withValue) {
        INDArray m = Nd4j.gemm(h, codes, false, true);                                 // p×p
        INDArray sk = sMatrix.mul(decoderGram);                                        // S∘AᵀA
        double value = withValue ? c * (tail[0] * tyy.getAsDouble()
                - 2 * codes.mul(g).muliColumnVector(tColumn).sumNumber().doubleValue()
                + sk.mul(m).sumNumber().doubleValue()) : Double.NaN;
        if (gradEncoder != null) {
            INDArray gb = Nd4j.gemm(sk, h, false, false).subi(g.muliColumnVector(tColumn));
            gradEncoder.addi((inputs == null ? gb : Nd4j.gemm(gb, inputs, false, true)).muli(2 * c));
        }
        if (gradDecoder != null) {
            INDArray ga = Nd4j.gemm(decoder, sMatrix.mul(m), false, false)
                    .subi(targetCodes.get().mulRowVector(tRow));
            gradDecoder.addi(ga.muli(2 * c));
        }
        return value;
    }

    @Override
    public double valueFromData(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        INDArray codes = encoder.mmul(x);
        double total = 0;
        for (int b = 1; b <= weights.length; b++) {
            if (weights[b - 1] == 0) {
                continue;
            }
            INDArray reconstruction = decoder.get(NDArrayIndex.all(), NDArrayIndex.interval(0, b))
                    .mmul(codes.get(NDArrayIndex.interval(0, b), NDArrayIndex.all()));
            INDArray residual = y.sub(reconstruction);
            total += weights[b - 1] * residual.mul(residual).sumNumber().doubleValue();
        }
        return scale.factor(x.columns()) * total;
    }

    /** Builds c[(Σw) tyy − 2 sum(T B ∘ AᵀΣyx) + sum((S∘AᵀA) ∘ (B Σxx Bᵀ))], without n×n intermediates. */
    @Override
    public SDVariable define(GraphInputs in) {
        DataType type = in.encoder().dataType();
        prepare(type);
        SameDiff sd = in.graph();
        SDVariable t = sd.constant(Nd4j.diag(tColumn.reshape(tail.length)).castTo(type));
        SDVariable s = sd.constant(sMatrix.dup());
        // Explicit transposes: in ND4J M2.1 the backward pass of sd.mmul(..., transposeA/B, ...)
        // is wrong when the product is 1×1 (p = 1).
        SDVariable decoderT = sd.transpose(in.decoder());
        SDVariable g = decoderT.mmul(in.sigmaYX());
        SDVariable cross = t.mmul(in.encoder()).mul(g).sum();
        SDVariable gram = decoderT.mmul(in.decoder());
        SDVariable codeGram = in.encoder().mmul(in.sigmaXX()).mmul(sd.transpose(in.encoder()));
        SDVariable quad = s.mul(gram).mul(codeGram).sum();
        double c = scale.factor(in.sampleCount());
        return quad.sub(cross.mul(2.0)).add(tail[0] * in.tyy()).mul(c);
    }

    /**
     * The minimum over all (B, A): c (q₁ tyy − Σ_i q_i λ_i), reached at A = U_p, B = U_pᵀ (for the
     * autoencoder; Oftadeh eq. 5 for w = 1: p·tyy − Σ(p−i+1)λ_i; Baldi–Hornik tyy − Σλ_i for mse).
     *
     * @param eigenvalues λ₁ ≥ λ₂ ≥ … of Σ = Σyx Σxx⁻¹ Σxy, at least p of them
     * @param stats       the statistics (for tyy and m)
     * @return the optimal value L*
     */
    public double optimalValue(double[] eigenvalues, Statistics stats) {
        double sum = tail[0] * stats.tyy();
        for (int i = 0; i < tail.length; i++) {
            sum -= tail[i] * eigenvalues[i];
        }
        return scale.factor(stats.sampleCount()) * sum;
    }

    /**
     * The exact minimiser in B for a fixed decoder, from ∇_B = 0 (Oftadeh eq. 10):
     * B̂(A) = (S∘AᵀA)⁻¹ T Aᵀ Σyx Σxx⁻¹; for Y = X this is (S∘AᵀA)⁻¹ T Aᵀ.
     *
     * @param decoder A, n×p, of full column rank
     * @param stats   the statistics (Σxx must be positive definite unless Y = X)
     * @return B̂, p×n'
     */
    public INDArray optimalEncoder(INDArray decoder, Statistics stats) {
        prepare(decoder.dataType());
        INDArray sk = sMatrix.mul(decoder.transpose().mmul(decoder));
        INDArray tAt = decoder.transpose().mulColumnVector(tColumn);
        INDArray rhs = stats.isAutoencoder() ? tAt
                : CholeskySolver.factor(stats.sigmaXX()).solveRight(tAt.mmul(stats.sigmaYX()));
        return CholeskySolver.factor(sk).solve(rhs);
    }

    /**
     * The exact minimiser in A for a fixed encoder, from ∇_A = 0 (Oftadeh eq. 11):
     * Â(B) = Σyx Bᵀ T (S∘(B Σxx Bᵀ))⁻¹.
     *
     * @param encoder B, p×n', with B Σxx Bᵀ positive definite
     * @param stats   the statistics
     * @return Â, n×p
     */
    public INDArray optimalDecoder(INDArray encoder, Statistics stats) {
        prepare(encoder.dataType());
        INDArray sm = sMatrix.mul(encoder.mmul(stats.sigmaXX()).mmul(encoder.transpose()));
        INDArray syxBtT = stats.sigmaYX().mmul(encoder.transpose()).mulRowVector(tRow);
        return CholeskySolver.factor(sm).solveRight(syxBtT);
    }

    /** @return S, S_ij = q_{max(i,j)}, in {@code type} (cached; do not modify) */
    INDArray sMatrix(DataType type) {
        prepare(type);
        return sMatrix;
    }

    /** @return the diagonal of T as a 1×p row, in {@code type} (cached; do not modify) */
    INDArray tRow(DataType type) {
        prepare(type);
        return tRow;
    }

    /**
     * Builds T and S in the weights' dtype (once per dtype), outside any workspace: they outlive the
     * training step that may first ask for them.
     */
    private void prepare(DataType type) {
        if (type == cachedType) {
            return;
        }
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            build(type);
        }
    }

    private void build(DataType type) {
        int p = tail.length;
        double[][] s = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                s[i][j] = tail[Math.max(i, j)];
            }
        }
        tColumn = Nd4j.createFromArray(tail).castTo(type).reshape(p, 1);
        tRow = tColumn.reshape(1, p);
        sMatrix = Nd4j.createFromArray(s).castTo(type);
        cachedType = type;
    }
}
