package io.lae.loss;

import io.lae.linalg.HostBlas;
import io.lae.linalg.HostMatrix;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Stochastic nested dropout with one truncation per sample (Rippel et al. 2014; Bao et al. 2020,
 * Fig. 2, as the authors' {@code linear_ae_nested_dropout.py} draws it): sample j keeps its first
 * b_j latent units,
 * <pre>  L = c Σ_j ‖y_j − A I_{b_j;p} B x_j‖²,</pre>
 * with c the data-term scale over the m samples given. With Z = BX, the mask K_ij = 1[i ≤ b_j]
 * (p×m), Z̃ = K∘Z and G = AᵀY:
 * <pre>  L = c [‖Y‖² − 2 sum(Z̃∘G) + sum(AᵀA ∘ Z̃Z̃ᵀ)],
 *  ∇_A = 2c (A Z̃Z̃ᵀ − Y Z̃ᵀ),   ∇_B = 2c (K∘(AᵀA Z̃ − G)) Xᵀ.</pre>
 * Sample j needs only the first b_j rows of Z̃ and R = K∘(AᵀA Z̃ − G), so on the CPU backend the
 * products run over the samples sorted by b_j, in blocks that each use the units their samples keep:
 * O(n·Σ_j b_j) work instead of the authors' O(n·m·p) ({@link #staircase}; at n = 1000, m = 5000 and
 * the default prior, 20 ms a step at p = 50 and 25 ms at p = 500 against 48 and 450 ms for the whole
 * batch at once). Elsewhere the whole batch is four n×m by p GEMMs, two for an autoencoder
 * ({@link #wholeBatch}). The draws are not a function of the statistics: weighting Σxx by how often each
 * b was drawn would give the loss's expectation given those counts, not the loss of the samples that
 * drew them.
 *
 * <p>Not thread-safe: one instance per training run.
 */
public final class PerSampleNestedDropout {

    /** Samples per block of {@link #staircase}: a block of 1 000 float64 inputs is 1 MB. */
    private static final int BLOCK_COLUMNS = 128;
    /**
     * Partial sums of {@link #staircase}, run side by side: a fixed number, so that the sums' order, and so the
     * result, does not depend on the machine's cores.
     */
    private static final int PARTS = 4;

    private final int latent;
    private final Scale scale;
    private final Buffers buffers = new Buffers();
    private final HostBuffers hostBuffers = new HostBuffers();

    /**
     * @param latent p
     * @param scale  the data-term scale c (it counts the samples of each call)
     */
    public PerSampleNestedDropout(int latent, Scale scale) {
        this.latent = latent;
        this.scale = scale;
    }

    /**
     * @param encoder     B, p×n'
     * @param decoder     A, n×p
     * @param x           X, n'×m, samples as columns
     * @param y           Y, n×m (the same array as x for an autoencoder)
     * @param truncations b_j in 1..p for each of the m ≥ 1 samples
     * @param withValue   whether to form L (a reduction; a training step needs none)
     * @return L (NaN unless wanted) with ∇_B L and ∇_A L
     */
    public LossEvaluation evaluate(INDArray encoder, INDArray decoder, INDArray x, INDArray y, int[] truncations,
                                   boolean withValue) {
        if (truncations.length != x.columns() || truncations.length == 0) {
            throw new IllegalArgumentException(truncations.length + " truncations for " + x.columns() + " samples");
        }
        for (int j = 0; j < truncations.length; j++) {
            if (truncations[j] < 1 || truncations[j] > latent) {
                throw new IllegalArgumentException("truncation " + truncations[j] + " of sample " + j
                        + " is outside 1.." + latent);
            }
        }
        double c = scale.factor(x.columns());
        HostOperands host = HostOperands.of(encoder, decoder, x, y);
        return host != null ? staircase(host, y, truncations, c, withValue)
                : wholeBatch(encoder, decoder, x, y, truncations, c, withValue);
    }

    /**
     * The step over the samples sorted by their b_j, in blocks of {@value #BLOCK_COLUMNS}, with host BLAS. A block
     * whose largest truncation is h needs only the first h units, so the products cost O(n·Σ_j b_j) instead of
     * O(n·m·p) (under the default geometric prior with ρ = 0.9, Σ_j b_j ≈ 10 m whatever p), and each block's
     * samples, copied once into a buffer that stays in cache, serve all its products, so X is read from memory
     * once. Per block, as samples × units, with W = [b₁ a₁ b₂ a₂ …] the encoder's rows and the decoder's columns
     * side by side (so that an autoencoder forms both halves of each product in one GEMM):
     * <pre>  [Z̃ᵀ Gᵀ] = [XᵀBᵀ YᵀA],   Z̃Z̃ᵀ += (Z̃ᵀ)ᵀZ̃ᵀ,   Rᵀ = K∘(Z̃ᵀ AᵀA − Gᵀ),
     *  Q += 2c [Y Z̃ᵀ  X Rᵀ],</pre>
     * and after the last block ∇_A = 2c A Z̃Z̃ᵀ − Q_Y and ∇_B = Q_Xᵀ. Block i adds to partial sum i mod
     * {@value #PARTS}; the partial sums run side by side and are added in their order, and every product runs with
     * OpenBLAS on one thread, so the result is the same bits whatever the machine's cores. The sums over samples
     * run in the sorted order, so the results equal {@link #wholeBatch}'s to rounding, not bit for bit.
     */
    private LossEvaluation staircase(HostOperands in, INDArray yArray, int[] truncations, double c, boolean withValue) {
        int[] order = descendingByTruncation(truncations);
        int units = truncations[order[0]];                                         // max_j b_j
        int inputs = in.x().rows();
        int outputs = in.y().rows();
        HostBuffers b = hostBuffers.fit(in);
        HostMatrix decoder = in.decoder().block(0, outputs, 0, units);
        HostMatrix weights = b.weights.dense(inputs, 2 * units);                    // [b₁ a₁ b₂ a₂ …], n×2u
        in.encoder().transpose().block(0, inputs, 0, units).copyInto(weights.everyOther(0, units));
        if (in.autoencoder()) {
            decoder.copyInto(weights.everyOther(1, units));
        }
        INDArray gradDecoder = Nd4j.create(in.type(), new long[] {outputs, latent}, 'f');
        INDArray gradEncoder = Nd4j.create(in.type(), new long[] {latent, inputs}, 'c');
        double[] crossSums = new double[PARTS];
        HostMatrix gram = b.gram.dense(units, units);                                // AᵀA on the kept units
        HostMatrix codeGram;
        try (HostBlas.OneThread oneThread = HostBlas.oneThread()) {
            HostBlas.gemm(decoder.transpose(), decoder, gram, 1.0, 0.0);
            Blocks blocks = new Blocks(in, weights, gram, truncations, order, units, c, withValue);
            IntStream.range(0, PARTS).parallel().forEach(part -> crossSums[part] = b.parts[part].add(blocks, part));
            Part total = b.parts[0];
            for (int part = 1; part < PARTS; part++) {
                total.add(b.parts[part], in, units);
            }
            codeGram = total.codeGram.dense(units, units);
            HostMatrix gradA = HostMatrix.of(gradDecoder).block(0, outputs, 0, units);
            HostBlas.gemm(decoder, codeGram, gradA, 2 * c, 0.0);
            gradA.subtract(total.qY(in, units));
            total.qX(in, units).copyInto(HostMatrix.of(gradEncoder).transpose().block(0, inputs, 0, units));
        }
        double value = withValue ? c * (yArray.mul(yArray).sumNumber().doubleValue()
                - 2 * Arrays.stream(crossSums).sum() + gram.dot(codeGram)) : Double.NaN;
        return new LossEvaluation(value, gradEncoder, gradDecoder);
    }

    /**
     * What every block of one {@link #staircase} call reads.
     *
     * @param weights     [b₁ a₁ b₂ a₂ …] on the kept units (the a's for an autoencoder only), n×2u
     * @param gram        AᵀA on the kept units
     * @param truncations b_j
     * @param order       the samples by b_j from the largest down
     * @param units       u = max_j b_j
     * @param c           the data-term scale
     * @param withValue   whether to sum Z̃∘G for the value
     */
    private record Blocks(HostOperands in, HostMatrix weights, HostMatrix gram, int[] truncations, int[] order,
                          int units, double c, boolean withValue) {
    }

    /** One partial sum of {@link #staircase}: its buffers and its blocks' Z̃Z̃ᵀ and Q. */
    private final class Part {

        private final HostMatrix x;
        private final HostMatrix y;
        private final HostMatrix codes;
        final HostMatrix codeGram;
        /** For an autoencoder, Q = [q_Y,1 q_X,1 q_Y,2 q_X,2 …] (n×2p); else q_Y (n×p) and q_X (n'×p) apart. */
        private final HostMatrix q;
        private final HostMatrix qY;
        private final HostMatrix qX;

        Part(Arena arena, Shape shape) {
            DataType type = shape.type();
            boolean autoencoder = shape.autoencoder();
            x = HostMatrix.allocate(arena, type, shape.inputs(), BLOCK_COLUMNS);
            y = autoencoder ? x : HostMatrix.allocate(arena, type, shape.outputs(), BLOCK_COLUMNS);
            codes = HostMatrix.allocate(arena, type, BLOCK_COLUMNS, 2 * latent);
            codeGram = HostMatrix.allocate(arena, type, latent, latent);
            q = autoencoder ? HostMatrix.allocate(arena, type, shape.inputs(), 2 * latent) : null;
            qY = autoencoder ? null : HostMatrix.allocate(arena, type, shape.outputs(), latent);
            qX = autoencoder ? null : HostMatrix.allocate(arena, type, shape.inputs(), latent);
        }

        /** @return 2c Y Z̃ᵀ summed over this part's blocks, n×u (for an autoencoder Q's columns 0, 2, 4, …) */
        HostMatrix qY(HostOperands in, int units) {
            return in.autoencoder() ? q.dense(in.y().rows(), 2 * units).everyOther(0, units)
                    : qY.dense(in.y().rows(), units);
        }

        /** @return 2c X Rᵀ summed over this part's blocks, n'×u (for an autoencoder Q's columns 1, 3, 5, …) */
        HostMatrix qX(HostOperands in, int units) {
            return in.autoencoder() ? q.dense(in.x().rows(), 2 * units).everyOther(1, units)
                    : qX.dense(in.x().rows(), units);
        }

        /**
         * Sums blocks part, part + {@value #PARTS}, … into this part's Z̃Z̃ᵀ and Q.
         *
         * @return Σ Z̃∘G over those blocks (0 unless the value is wanted)
         */
        double add(Blocks blocks, int part) {
            HostOperands in = blocks.in();
            int inputs = in.x().rows();
            int outputs = in.y().rows();
            boolean autoencoder = in.autoencoder();
            HostMatrix codeGram = this.codeGram.dense(blocks.units(), blocks.units());
            codeGram.zero();
            HostMatrix qY = qY(in, blocks.units());
            HostMatrix qX = qX(in, blocks.units());
            qY.zero();
            qX.zero();
            double crossSum = 0;
            int m = blocks.truncations().length;
            for (int first = part * BLOCK_COLUMNS; first < m; first += PARTS * BLOCK_COLUMNS) {
                int width = Math.min(BLOCK_COLUMNS, m - first);
                int h = blocks.truncations()[blocks.order()[first]];
                HostMatrix xs = x.dense(inputs, width);
                HostMatrix ys = autoencoder ? xs : y.dense(outputs, width);
                for (int j = 0; j < width; j++) {
                    in.x().copyColumn(blocks.order()[first + j], xs, j);
                    if (!autoencoder) {
                        in.y().copyColumn(blocks.order()[first + j], ys, j);
                    }
                }
                HostMatrix codes = this.codes.dense(width, 2 * h);                    // [Z̃ᵀ Gᵀ], interleaved
                HostMatrix z = codes.everyOther(0, h);
                HostMatrix g = codes.everyOther(1, h);
                if (autoencoder) {
                    HostBlas.gemm(xs.transpose(), blocks.weights().block(0, inputs, 0, 2 * h), codes, 1.0, 0.0);
                } else {
                    HostBlas.gemm(xs.transpose(), blocks.weights().everyOther(0, h), z, 1.0, 0.0);       // XᵀBᵀ
                    HostBlas.gemm(ys.transpose(), in.decoder().block(0, outputs, 0, h), g, 1.0, 0.0);  // YᵀA
                }
                mask(z, blocks.truncations(), blocks.order(), first);                    // Z̃ᵀ
                if (blocks.withValue()) {
                    crossSum += z.dot(g);
                }
                HostBlas.gemm(z.transpose(), z, codeGram.block(0, h, 0, h), 1.0, 1.0);
                HostBlas.gemm(z, blocks.gram().block(0, h, 0, h), g, 1.0, -1.0);             // Z̃ᵀ AᵀA − Gᵀ
                mask(g, blocks.truncations(), blocks.order(), first);                    // Rᵀ
                if (autoencoder) {
                    HostBlas.gemm(xs, codes, q.block(0, inputs, 0, 2 * h), 2 * blocks.c(), 1.0);
                } else {
                    HostBlas.gemm(ys, z, qY.block(0, outputs, 0, h), 2 * blocks.c(), 1.0);
                    HostBlas.gemm(xs, g, qX.block(0, inputs, 0, h), 2 * blocks.c(), 1.0);
                }
            }
            return crossSum;
        }

        /** Adds another part's Z̃Z̃ᵀ and Q on the first u units to this one's. */
        void add(Part other, HostOperands in, int units) {
            codeGram.dense(units, units).add(other.codeGram.dense(units, units));
            if (in.autoencoder()) {
                q.dense(in.x().rows(), 2 * units).add(other.q.dense(in.x().rows(), 2 * units));
            } else {
                qY(in, units).add(other.qY(in, units));
                qX(in, units).add(other.qX(in, units));
            }
        }
    }

    /**
     * Applies K to a block: in column i (unit i + 1) zeroes the samples that do not keep it, a tail of the block's
     * rows since they are sorted by b_j from the largest down.
     *
     * @param block samples × units, the block's samples from position {@code first} of {@code order}
     */
    private static void mask(HostMatrix block, int[] truncations, int[] order, int first) {
        int keeping = block.rows();                                 // samples of the block with b_j > i
        for (int i = 0; i < block.columns(); i++) {
            while (keeping > 0 && truncations[order[first + keeping - 1]] <= i) {
                keeping--;
            }
            block.zeroColumnFrom(i, keeping);
        }
    }

    /**
     * @return the sample indices ordered by b_j from the largest down, samples of equal b_j in their order (a
     *     counting sort)
     */
    private int[] descendingByTruncation(int[] truncations) {
        int[] next = new int[latent + 2];                      // next[b]: the next position for a sample keeping b
        for (int b : truncations) {
            next[b]++;
        }
        int position = 0;
        for (int b = latent; b >= 1; b--) {
            int count = next[b];
            next[b] = position;
            position += count;
        }
        int[] order = new int[truncations.length];
        for (int j = 0; j < truncations.length; j++) {
            order[next[truncations[j]]++] = j;
        }
        return order;
    }

    /** The whole batch at once with ND4J ops: off the CPU backend, or for arrays host BLAS cannot read. */
    private LossEvaluation wholeBatch(INDArray encoder, INDArray decoder, INDArray x, INDArray y, int[] truncations,
                                      double c, boolean withValue) {
        buffers.fit(x.columns(), encoder.dataType());
        INDArray mask = buffers.mask(truncations);
        INDArray stacked = codesAndProjections(encoder, decoder, x, y);            // [BX; AᵀY], 2p×m
        INDArray kept = rows(stacked, 0).muli(mask);                                // Z̃ = K∘BX
        INDArray g = rows(stacked, latent);                                         // G = AᵀY
        INDArray gram = Nd4j.gemm(decoder, decoder, true, false);                   // AᵀA, p×p
        INDArray codeGram = Nd4j.gemm(kept, kept, false, true);                     // Z̃Z̃ᵀ, p×p
        double value = withValue ? c * (y.mul(y).sumNumber().doubleValue()
                - 2 * kept.mul(g).sumNumber().doubleValue()
                + gram.mul(codeGram).sumNumber().doubleValue()) : Double.NaN;
        g.rsubi(Nd4j.gemm(gram, kept, buffers.product, false, false, 1.0, 0.0)).muli(mask);  // G ← K∘(AᵀA Z̃ − G)
        INDArray[] products = timesTransposed(stacked, x, y);                        // Y Z̃ᵀ and K∘(AᵀA Z̃ − G) Xᵀ
        INDArray gradDecoder = Nd4j.gemm(decoder, codeGram, false, false).subi(products[0]);
        return new LossEvaluation(value, products[1].muli(2 * c), gradDecoder.muli(2 * c));
    }

    /**
     * @return [BX; AᵀY], 2p×m: for an autoencoder (y is x) one GEMM of the stacked weights
     *         [B; Aᵀ] with X, which reads the n×m rows once instead of twice
     */
    private INDArray codesAndProjections(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
        INDArray stacked = buffers.stacked;
        if (y == x) {
            return Nd4j.gemm(Nd4j.vstack(encoder, decoder.transpose()), x, stacked, false, false, 1.0, 0.0);
        }
        rows(stacked, 0).assign(Nd4j.gemm(encoder, x, false, false));              // GEMM outputs cannot be views
        rows(stacked, latent).assign(Nd4j.gemm(decoder, y, true, false));
        return stacked;
    }

    /**
     * @param stacked [Z̃; R], 2p×m
     * @return Y Z̃ᵀ (n×p) and R Xᵀ (p×n'): for an autoencoder both from the one GEMM [Z̃; R] Xᵀ
     */
    private INDArray[] timesTransposed(INDArray stacked, INDArray x, INDArray y) {
        if (y == x) {
            INDArray both = Nd4j.gemm(stacked, x, false, true);                    // [Z̃Xᵀ; RXᵀ], 2p×n
            return new INDArray[] {rows(both, 0).transpose(), rows(both, latent)};
        }
        return new INDArray[] {Nd4j.gemm(y, rows(stacked, 0), false, true),
                Nd4j.gemm(rows(stacked, latent), x, false, true)};
    }

    /** @return rows first..first+p of a 2p-row matrix, a view */
    private INDArray rows(INDArray stacked, int first) {
        return stacked.get(NDArrayIndex.interval(first, first + latent), NDArrayIndex.all());
    }

    /**
     * The operands as host BLAS reads them, for {@link #staircase}: the CPU backend, float32 or float64 throughout,
     * and X and Y with each sample's column contiguous.
     *
     * @param y the same object as x for an autoencoder
     */
    private record HostOperands(HostMatrix encoder, HostMatrix decoder, HostMatrix x, HostMatrix y) {

        /** @return the operands, or null if {@link #staircase} cannot take them */
        static HostOperands of(INDArray encoder, INDArray decoder, INDArray x, INDArray y) {
            DataType type = x.dataType();
            if (!HostBlas.available() || encoder.dataType() != type || decoder.dataType() != type
                    || y.dataType() != type) {
                return null;
            }
            HostMatrix b = HostMatrix.of(encoder);
            HostMatrix a = HostMatrix.of(decoder);
            HostMatrix xs = HostMatrix.of(x);
            HostMatrix ys = y == x ? xs : HostMatrix.of(y);
            return b == null || a == null || xs == null || ys == null || !xs.columnsContiguous()
                    || !ys.columnsContiguous() ? null : new HostOperands(b, a, xs, ys);
        }

        DataType type() {
            return x.type();
        }

        boolean autoencoder() {
            return y == x;
        }
    }

    /**
     * {@link #staircase}'s buffers, allocated once per dtype and dimensions in host memory that the collector frees
     * with this object: the interleaved weights, AᵀA and the {@value #PARTS} partial sums' own.
     */
    private final class HostBuffers {

        /** Holds the buffers' memory: the collector frees it once this arena is unreachable. */
        private Arena arena;
        private Shape shape;
        HostMatrix weights;
        HostMatrix gram;
        Part[] parts;

        HostBuffers fit(HostOperands in) {
            Shape wanted = Shape.of(in);
            if (wanted.equals(shape)) {
                return this;
            }
            arena = Arena.ofAuto();
            shape = wanted;
            weights = HostMatrix.allocate(arena, wanted.type(), wanted.inputs(), 2 * latent);
            gram = HostMatrix.allocate(arena, wanted.type(), latent, latent);
            parts = new Part[PARTS];
            for (int part = 0; part < PARTS; part++) {
                parts[part] = new Part(arena, wanted);
            }
            return this;
        }
    }

    /**
     * What {@link HostBuffers} are sized for.
     *
     * @param inputs  n', the rows of X
     * @param outputs n, the rows of Y
     */
    private record Shape(DataType type, boolean autoencoder, int inputs, int outputs) {

        static Shape of(HostOperands in) {
            return new Shape(in.type(), in.autoencoder(), in.x().rows(), in.y().rows());
        }
    }

    /**
     * The step's m-sized arrays, allocated once per batch size and dtype outside any workspace: a step
     * over all 60 000 MNIST rows would otherwise have the kernel map and zero some 50 MB of fresh pages
     * (the mask, [Z̃; R] and AᵀA·Z̃) every step. {@code stacked} and {@code product} are in f order, the
     * order {@code Nd4j.gemm} gives a new result, so that the GEMMs round as they did without them.
     */
    private final class Buffers {

        private DataType type;
        private long samples = -1;
        private double[] values;
        private INDArray maskValues;
        private INDArray mask;
        INDArray stacked;
        INDArray product;

        void fit(long m, DataType wanted) {
            if (m == samples && wanted == type) {
                return;
            }
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                type = wanted;
                samples = m;
                values = new double[Math.toIntExact(latent * m)];
                maskValues = Nd4j.create(DataType.DOUBLE, new long[] {latent, m}, 'c');
                mask = wanted == DataType.DOUBLE ? maskValues : Nd4j.create(wanted, new long[] {latent, m}, 'c');
                stacked = Nd4j.create(wanted, new long[] {2L * latent, m}, 'f');
                product = Nd4j.create(wanted, new long[] {latent, m}, 'f');
            }
        }

        /**
         * @param truncations b_j in 1..p
         * @return K, p×m in the weights' dtype, K_ij = 1 for i ≤ b_j (1-based i), else 0
         */
        INDArray mask(int[] truncations) {
            int m = truncations.length;
            for (int i = 0; i < latent; i++) {        // row by row: K is p×m in c order
                for (int j = 0; j < m; j++) {
                    values[i * m + j] = truncations[j] > i ? 1 : 0;
                }
            }
            maskValues.data().setData(values);
            return mask == maskValues ? mask : mask.assign(maskValues);
        }
    }
}
