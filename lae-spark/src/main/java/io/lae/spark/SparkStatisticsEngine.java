package io.lae.spark;

import io.lae.LaeException;
import io.lae.device.DeviceInfo;
import io.lae.device.MemoryPlan;
import io.lae.stats.ShiftedSums;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.stats.StatisticsEngine;
import io.lae.stats.StatisticsRequest;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;

/**
 * {@code lae stats --engine spark}: the sufficient statistics (docs/math.md §1) of .npy, CSV or Parquet data
 * computed on Apache Spark, in two passes over the rows, each task reading its own rows from the files.
 *
 * <ol>
 *   <li>The first pass ({@link FirstPass}) checks every row and sums the columns: the means x̄, ȳ become the
 *       shift s_x, s_y.</li>
 *   <li>The second pass sums about that shift, with x̃ = x − s_x, ỹ = y − s_y: P = Σ x̃x̃ᵀ, Q = Σ ỹx̃ᵀ,
 *       D_x = Σ x̃, D_y = Σ ỹ, Σ‖ỹ‖² and m. Each partition starts from {@link ShiftedSums#empty} and adds its rows
 *       in blocks of {@value #BLOCK_ROWS} through {@link StatisticsAccumulator} (ND4J's GEMM); the partitions'
 *       sums add up by {@code treeReduce(ShiftedSums::merge)}. When one task's n'×n' partial is too large for it,
 *       the products are summed in tiles instead ({@link TiledSums}).</li>
 *   <li>The driver builds the statistics from the total: centred, Σxx = P − D_x D_xᵀ/m = Σ(x − x̄)(x − x̄)ᵀ and
 *       Σyx = Q − D_y D_xᵀ/m; uncentred, the raw Σxxᵀ = P + s_x D_xᵀ + D_x s_xᵀ + m s_x s_xᵀ (and likewise Σyxᵀ),
 *       as {@link StatisticsAccumulator#build} does for the local engine.</li>
 * </ol>
 * A regression pairs the rows of X and Y as {@link Pairing} says. Every problem ends as one {@link LaeException}:
 * a bad row names its file, position and partition; a Spark failure is unwrapped to the line of its cause.
 */
public final class SparkStatisticsEngine implements StatisticsEngine {

    /** The name of {@code --engine spark}. */
    public static final String NAME = "spark";
    /** The rows of a block: what one GEMM of a task takes. */
    static final int BLOCK_ROWS = 4096;
    /** The partitions combined per level of the tree reduction (its depth grows past 32² partitions). */
    private static final int FAN_IN = 32;
    /** The share of an executor's heap left to user objects such as the partial sums (Spark's default 1 − 0.6). */
    private static final double USER_MEMORY = 0.4;
    /** What Spark reserves of an executor's heap. */
    private static final long RESERVED = 300L << 20;

    private final Partitioning layout;
    private final TilePlan tiles;

    /** The engine as {@link java.util.ServiceLoader} creates it: .npy split by {@link Partitioning#DEFAULT}, products tiled only when too large. */
    public SparkStatisticsEngine() {
        this(Partitioning.DEFAULT, null);
    }

    /**
     * @param layout how .npy files are split into partitions
     * @param tiles  the tiles to sum the products in, or null to tile only what a task's memory needs
     */
    SparkStatisticsEngine(Partitioning layout, TilePlan tiles) {
        this.layout = layout;
        this.tiles = tiles;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Statistics compute(StatisticsRequest request) {
        try (SparkSessions.Lease lease = SparkSessions.open(request.master(), request.masterTimeout())) {
            return compute(lease.session(), request);
        } catch (LaeException e) {
            throw e;
        } catch (Exception e) {
            throw SparkFailures.unwrapped(e);
        }
    }

    private Statistics compute(SparkSession session, StatisticsRequest request) {
        RowSources inputs = RowSources.open(session, request.data(), request.targets(), request.columns(), layout);
        RowSource x = inputs.x();
        RowSource y = inputs.y();
        int inputDim = x.columns();
        int outputDim = y == null ? inputDim : y.columns();
        // the rows never come to the driver: it holds the products alone
        MemoryPlan.requireStatisticsFit(outputDim, inputDim, 0, y != null, DeviceInfo.current());
        FirstPass first = checked(x, FirstPass.over(x, BLOCK_ROWS));
        FirstPass firstY = y == null ? null : checked(y, FirstPass.over(y, BLOCK_ROWS));
        if (firstY != null && firstY.count() != first.count()) {
            throw new LaeException(y.path() + ": the targets have " + firstY.count() + " rows but " + x.path()
                    + " has " + first.count() + ": give one target row per sample, in the same order");
        }
        double[] shiftX = first.mean();
        double[] shiftY = firstY == null ? null : firstY.mean();
        JavaRDD<PairedBlock> blocks = Pairing.of(x, y, first.segments(), firstY == null ? null : firstY.segments(),
                BLOCK_ROWS);
        Optional<TilePlan> plan = tiles != null ? Optional.of(tiles)
                : TilePlan.forMemory(inputDim, outputDim, y != null, taskBytes(session.sparkContext()));
        ShiftedSums total = plan.isPresent() ? TiledSums.of(blocks, shiftX, shiftY, plan.get())
                : untiled(blocks, shiftX, shiftY);
        return StatisticsAccumulator.of(total).build(request.center());
    }

    /** @return the pass, unless it found a bad row or no row at all */
    private static FirstPass checked(RowSource source, FirstPass pass) {
        if (pass.problem() != null) {
            throw new LaeException(source.describe(pass.problem(), pass.segments()));
        }
        if (pass.count() == 0) {
            throw new LaeException(source.path() + ": empty input (no rows): the data set needs at least one sample");
        }
        return pass;
    }

    /** One accumulator per partition, about the shared shift; the partitions' sums merged in a tree. */
    private static ShiftedSums untiled(JavaRDD<PairedBlock> blocks, double[] shiftX, double[] shiftY) {
        int depth = Math.max(2, (int) Math.ceil(Math.log(blocks.getNumPartitions()) / Math.log(FAN_IN)));
        return blocks.mapPartitions(rows -> {
            TaskThreads.limit();
            StatisticsAccumulator sums = StatisticsAccumulator.of(ShiftedSums.empty(shiftX, shiftY));
            while (rows.hasNext()) {
                PairedBlock block = rows.next();
                if (block.y() == null) {
                    sums.add(block.x());
                } else {
                    sums.add(block.x(), block.y());
                }
            }
            return List.of(sums.sums()).iterator();
        }).treeReduce(ShiftedSums::merge, depth);
    }

    /**
     * The memory a task may give its partial sums: the user share of an executor's heap, (heap − 300 MiB)·0.4,
     * over the tasks it runs at once (a local master: this JVM's heap over its threads).
     */
    static long taskBytes(SparkContext context) {
        long heap = context.isLocal() ? Runtime.getRuntime().maxMemory()
                : context.getConf().getSizeAsBytes("spark.executor.memory", "1g");
        int tasks = context.isLocal() ? context.defaultParallelism() : context.getConf().getInt("spark.executor.cores", 1);
        return (long) (USER_MEMORY * Math.max(0, heap - RESERVED) / Math.max(1, tasks));
    }
}
