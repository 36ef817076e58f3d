package io.lae.stats;

import io.lae.LaeException;
import io.lae.data.DataSource;
import java.util.function.LongConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Streams over chunks of samples (rows, as on disk) and accumulates {@link Statistics} in
 * float64, so the data never has to be in memory at once.
 *
 * <p>To keep centring exact when the mean is large against the spread, products are accumulated
 * about a shift s (the mean of the first chunk): with D = Σ(x − s),
 * Σ(x − μ)(x − μ)ᵀ = Σ(x − s)(x − s)ᵀ − D Dᵀ / m, and the raw products follow from the same sums.
 *
 * <p>Rows split among workers: each starts from {@link #of(ShiftedSums) ShiftedSums.empty(shift)} with
 * one shared shift (a first pass's mean), adds its rows, hands back {@link #sums()}; the merged sums
 * build the statistics of all rows. Not thread-safe: one accumulator per thread.
 */
public final class StatisticsAccumulator {

    private static final WorkspaceConfiguration CHUNK = WorkspaceConfiguration.builder()
            .policyLearning(LearningPolicy.FIRST_LOOP).build();
    private static final String CHUNK_ID = "lae-statistics-chunk";
    /** The rows a data source hands over at a time. */
    private static final int CHUNK_ROWS = 4096;

    private final int inputDim;
    private final int outputDim;
    private final boolean autoencoder;
    private final INDArray productXX;
    private final INDArray productYX;
    private final INDArray sumX;
    private final INDArray sumY;
    /** ‖Y − shift‖², accumulated for regression only: an autoencoder reads ‖X − shift‖² off Tr(productXX). */
    private double sumSquaresY;
    private INDArray shiftX;
    private INDArray shiftY;
    private long count;

    private StatisticsAccumulator(int inputDim, int outputDim, boolean autoencoder) {
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.autoencoder = autoencoder;
        this.productXX = Nd4j.create(DataType.DOUBLE, new long[] {inputDim, inputDim}, 'f');
        this.productYX = autoencoder ? productXX
                : Nd4j.create(DataType.DOUBLE, new long[] {outputDim, inputDim}, 'f');
        this.sumX = Nd4j.zeros(DataType.DOUBLE, 1, inputDim);
        this.sumY = autoencoder ? sumX : Nd4j.zeros(DataType.DOUBLE, 1, outputDim);
    }

    /**
     * An accumulator that goes on from given sums: their rows count as already added, and new rows are
     * taken about their shift.
     *
     * @param sums the sums so far (e.g. {@link ShiftedSums#empty} about an agreed shift, or merged parts)
     * @return an accumulator holding them
     */
    public static StatisticsAccumulator of(ShiftedSums sums) {
        StatisticsAccumulator acc = new StatisticsAccumulator(sums.inputDim(), sums.outputDim(), sums.autoencoder());
        acc.productXX.assign(matrix(sums.productXX(), sums.inputDim(), sums.inputDim()));
        acc.sumX.assign(Nd4j.createFromArray(sums.sumX()).reshape(1, sums.inputDim()));
        if (!sums.autoencoder()) {
            acc.productYX.assign(matrix(sums.productYX(), sums.outputDim(), sums.inputDim()));
            acc.sumY.assign(Nd4j.createFromArray(sums.sumY()).reshape(1, sums.outputDim()));
            acc.sumSquaresY = sums.sumSquaresY();
        }
        if (sums.shiftX() != null) {
            acc.shiftX = Nd4j.createFromArray(sums.shiftX()).reshape(1, sums.inputDim());
            acc.shiftY = sums.autoencoder() ? null : Nd4j.createFromArray(sums.shiftY()).reshape(1, sums.outputDim());
        }
        acc.count = sums.count();
        return acc;
    }

    /** @return the sums added so far, as plain arrays (copies) */
    public ShiftedSums sums() {
        return new ShiftedSums(inputDim, outputDim, autoencoder, vector(shiftX), autoencoder ? null : vector(shiftY),
                productXX.dup('c').data().asDouble(), autoencoder ? null : productYX.dup('c').data().asDouble(),
                sumX.dup().data().asDouble(), autoencoder ? null : sumY.dup().data().asDouble(),
                autoencoder ? 0 : sumSquaresY, count);
    }

    private static INDArray matrix(double[] rowMajor, int rows, int columns) {
        return Nd4j.create(rowMajor, new long[] {rows, columns}, 'c');
    }

    private static double[] vector(INDArray row) {
        return row == null ? null : row.dup().data().asDouble();
    }

    /**
     * @param n the number of features
     * @return an accumulator for an autoencoder, Y = X
     */
    public static StatisticsAccumulator autoencoder(int n) {
        return new StatisticsAccumulator(n, n, true);
    }

    /**
     * @param inputDim  n', the input features
     * @param outputDim n, the output features
     * @return an accumulator for a regression Y ≠ X
     */
    public static StatisticsAccumulator regression(int inputDim, int outputDim) {
        return new StatisticsAccumulator(inputDim, outputDim, false);
    }

    /**
     * One-shot statistics of an autoencoder data set held in memory.
     *
     * @param samples m×n, one sample per row
     * @param center  whether to subtract the mean
     * @return the statistics
     */
    public static Statistics of(INDArray samples, boolean center) {
        StatisticsAccumulator acc = autoencoder((int) samples.columns());
        acc.add(samples);
        return acc.build(center);
    }

    /**
     * One-shot statistics of a regression data set held in memory.
     *
     * @param inputs  m×n', one sample per row
     * @param targets m×n, the matching targets
     * @param center  whether to subtract the means
     * @return the statistics
     */
    public static Statistics of(INDArray inputs, INDArray targets, boolean center) {
        StatisticsAccumulator acc = regression((int) inputs.columns(), (int) targets.columns());
        acc.add(inputs, targets);
        return acc.build(center);
    }

    /**
     * Statistics of data sources: the inputs streamed in chunks for an autoencoder (their rows never need
     * to fit in memory at once); a regression reads both sources whole, to pair their rows.
     *
     * @param inputs   the samples X as rows
     * @param targets  the targets Y as rows, in the same order, or null for an autoencoder (Y = X)
     * @param center   whether to subtract the means
     * @param rowsDone told the number of rows added so far after each chunk (progress)
     * @return the statistics
     * @throws LaeException on a non-finite value, a width or row-count mismatch, or an empty source
     */
    public static Statistics of(DataSource inputs, DataSource targets, boolean center, LongConsumer rowsDone) {
        if (targets == null) {
            StatisticsAccumulator acc = autoencoder(inputs.columns());
            inputs.forEachChunk(CHUNK_ROWS, chunk -> {
                acc.add(chunk);
                rowsDone.accept(acc.count());
            });
            return acc.build(center);
        }
        requireOneTargetPerSample(inputs, targets);
        Statistics stats = of(inputs.readAll(), targets.readAll(), center);
        rowsDone.accept(stats.sampleCount());
        return stats;
    }

    /**
     * Adds a chunk of autoencoder samples.
     *
     * @param rows c×n, one sample per row
     * @throws LaeException if a row holds NaN or infinity, or the width is wrong
     */
    public void add(INDArray rows) {
        if (!autoencoder) {
            throw new IllegalStateException("a regression accumulator needs targets: add(x, y)");
        }
        addChunk(rows, rows);
    }

    /**
     * Adds a chunk of regression samples.
     *
     * @param inputRows  c×n', one sample per row
     * @param targetRows c×n, the matching targets
     * @throws LaeException if a row holds NaN or infinity, or the shapes disagree
     */
    public void add(INDArray inputRows, INDArray targetRows) {
        if (autoencoder) {
            throw new IllegalStateException("an autoencoder accumulator takes add(x) alone");
        }
        if (inputRows.rows() != targetRows.rows()) {
            throw new LaeException("inputs have " + inputRows.rows() + " rows but targets have "
                    + targetRows.rows() + ": give one target row per sample");
        }
        addChunk(inputRows, targetRows);
    }

    /** A chunk's temporaries (cast, centred copies) live in a workspace reused by every chunk. */
    private void addChunk(INDArray xRows, INDArray yRows) {
        try (MemoryWorkspace scope = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CHUNK, CHUNK_ID)) {
            accumulate(xRows, yRows);
        }
    }

    /**
     * Two passes over a chunk besides the GEMM: the shifted copy and its column sums. A NaN or ±Inf
     * makes a column sum non-finite, and only then are the rows searched for it; for an autoencoder
     * ‖X‖² is Tr(XXᵀ), read off the product at the end. Column sums (and the first chunk's means) are
     * products 1ᵀX with a ones vector: ND4J's sum along rows of a row-major chunk is about 5× slower.
     */
    private void accumulate(INDArray xRows, INDArray yRows) {
        INDArray x = checked(xRows, inputDim, "input");
        if (x.rows() == 0) {
            return; // an empty chunk (e.g. the end of a stream) adds nothing; ND4J ops refuse empty arrays
        }
        INDArray ones = Nd4j.ones(DataType.DOUBLE, x.rows(), 1);
        INDArray shiftedBy = shiftX != null ? shiftX : columnSums(x, ones).divi(x.rows());
        INDArray xs = x.subRowVector(shiftedBy);
        INDArray columnsX = finiteColumnSums(xs, ones, x, "input");
        if (!autoencoder) {
            INDArray y = checked(yRows, outputDim, "target");
            INDArray targetShift = shiftY != null ? shiftY : columnSums(y, ones).divi(y.rows());
            INDArray ys = y.subRowVector(targetShift);
            INDArray columnsY = finiteColumnSums(ys, ones, y, "target");
            shiftY = shiftY != null ? shiftY : targetShift.detach();
            Nd4j.gemm(ys, xs, productYX, true, false, 1.0, 1.0);
            sumY.addi(columnsY);
            double norm = ys.norm2Number().doubleValue();
            sumSquaresY += norm * norm;
        }
        shiftX = shiftX != null ? shiftX : shiftedBy.detach();
        Nd4j.gemm(xs, xs, productXX, true, false, 1.0, 1.0);
        sumX.addi(columnsX);
        count += x.rows();
    }

    /**
     * @param inputs  the samples
     * @param targets their targets
     * @throws LaeException unless both have the same number of rows
     */
    public static void requireOneTargetPerSample(DataSource inputs, DataSource targets) {
        if (targets.rows() != inputs.rows()) {
            throw new LaeException("the targets have " + targets.rows() + " samples but the inputs have "
                    + inputs.rows() + ": give one target row per sample");
        }
    }

    /**
     * @param what "input" or "target"
     * @param row  the 0-based row of the first sample holding NaN or ±Inf
     * @return the one-line error that names it
     */
    public static LaeException nonFiniteSample(String what, long row) {
        return new LaeException(what + " sample " + row + " (0-based row) holds NaN or infinity: remove or impute it");
    }

    /** @return 1ᵀ·rows (1×n), the column sums */
    private static INDArray columnSums(INDArray rows, INDArray ones) {
        return Nd4j.gemm(ones, rows, true, false);
    }

    /** @return the column sums of the shifted rows, after checking they hold no NaN or ±Inf */
    private INDArray finiteColumnSums(INDArray shifted, INDArray ones, INDArray rows, String what) {
        INDArray sums = columnSums(shifted, ones);
        if (!Double.isFinite(sums.sumNumber().doubleValue())) {
            int bad = firstNonFiniteRow(rows);
            if (bad >= 0) {
                throw nonFiniteSample(what, count + bad);
            }
        }
        return sums;
    }

    private INDArray checked(INDArray rows, int width, String what) {
        if (rows.rank() != 2 || rows.columns() != width) {
            throw new LaeException(what + " rows have " + (rows.rank() == 2 ? rows.columns() : rows.length())
                    + " columns but " + width + " were expected: every sample needs the same features");
        }
        return rows.rows() == 0 ? rows : rows.castTo(DataType.DOUBLE);
    }

    /**
     * @param rows a matrix, one sample per row
     * @return the index of the first row holding NaN or ±Inf, or −1 if every value is finite
     */
    public static int firstNonFiniteRow(INDArray rows) {
        // a NaN or ±Inf anywhere in a row makes that row's sum of (value × 0) NaN
        double[] rowFlags = rows.mul(0).sum(1).toDoubleVector();
        for (int i = 0; i < rowFlags.length; i++) {
            if (Double.isNaN(rowFlags[i])) {
                return i;
            }
        }
        return -1;
    }

    /** @return how many samples were added so far */
    public long count() {
        return count;
    }

    /**
     * @param center whether to subtract the means (exactly, about the accumulation shift)
     * @return the statistics of everything added
     * @throws LaeException if nothing was added
     */
    public Statistics build(boolean center) {
        if (count == 0) {
            throw new LaeException("the data set is empty: it needs at least one sample");
        }
        double m = count;
        double squaresY = autoencoder ? Nd4j.diag(productXX).sumNumber().doubleValue() : sumSquaresY;
        INDArray meanShiftX = sumX.div(m);
        INDArray meanShiftY = autoencoder ? meanShiftX : sumY.div(m);
        INDArray sxx;
        INDArray syx;
        double tyy;
        if (center) {
            sxx = productXX.sub(outer(meanShiftX, sumX));
            syx = autoencoder ? sxx : productYX.sub(outer(meanShiftY, sumX));
            tyy = squaresY - m * meanShiftY.mul(meanShiftY).sumNumber().doubleValue();
        } else {
            INDArray sy = autoencoder ? shiftX : shiftY;
            sxx = raw(productXX, shiftX, shiftX, sumX, sumX, m);
            syx = autoencoder ? sxx : raw(productYX, sy, shiftX, sumY, sumX, m);
            tyy = squaresY + 2 * sy.mul(sumY).sumNumber().doubleValue()
                    + m * sy.mul(sy).sumNumber().doubleValue();
        }
        symmetrize(sxx);
        requireFinite(sxx, syx, tyy);
        INDArray meanX = shiftX.add(meanShiftX).reshape(inputDim);
        INDArray meanY = autoencoder ? meanX : shiftY.add(meanShiftY).reshape(outputDim);
        return new Statistics(sxx, syx, tyy, count, meanX, meanY, center);
    }

    /**
     * Every sample was finite (checked as it was added), so non-finite sums of products mean the values
     * themselves are too large: their products overflow float64 (past about 1.3e154 in magnitude).
     */
    private static void requireFinite(INDArray sxx, INDArray syx, double tyy) {
        for (INDArray sums : new INDArray[] {sxx, syx}) {
            if (!Double.isFinite(sums.mul(0).sumNumber().doubleValue())) {
                throw new LaeException("the data's values are too large for float64: sums of their products overflow "
                        + "(|x| above about 1e154); scale the data, e.g. divide every column by its largest value");
            }
        }
        if (!Double.isFinite(tyy)) {
            throw new LaeException("the targets' values are too large for float64: the sum of their squares overflows "
                    + "(|y| above about 1e154); scale the targets, e.g. divide every column by its largest value");
        }
    }

    /** Σ(y − t)(x − s)ᵀ → Σ y xᵀ = P + t Dxᵀ + Dy sᵀ + m t sᵀ. */
    private static INDArray raw(INDArray product, INDArray shiftY, INDArray shiftX,
                                INDArray sumY, INDArray sumX, double m) {
        return product.add(outer(shiftY, sumX)).addi(outer(sumY, shiftX)).addi(outer(shiftY, shiftX).muli(m));
    }

    private static INDArray outer(INDArray left, INDArray right) {
        return left.transpose().mmul(right);
    }

    private static void symmetrize(INDArray square) {
        square.assign(square.add(square.transpose()).muli(0.5));
    }
}
