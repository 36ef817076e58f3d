package io.lae.bench;

import io.lae.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code lae bench} run measures.
 *
 * @param sizes                  the (n, p) grid of full-batch steps; the first also sizes the statistics,
 *                               per-sample nested-dropout, mini-batch and memory measurements
 * @param dtypes                 float32 and/or float64
 * @param methods                the losses and rules to step
 * @param batchSizes             mini-batch sizes b
 * @param memorySteps            the steps of the memory measurement (resident memory is read after 100 and after these)
 * @param secondsPerMeasurement  roughly how long each median is taken over
 * @param optimizer              the optimizer every step applies ({@code adam}, as Oftadeh; {@code nesterov},
 *                               {@code momentum} or {@code sgd})
 * @param breakdown              whether to split each full-batch step into GEMM, small GEMMs, element-wise work and
 *                               optimizer
 */
public record BenchPlan(List<Size> sizes, List<Precision> dtypes, List<Method> methods, List<Integer> batchSizes,
                        long memorySteps, double secondsPerMeasurement, String optimizer, boolean breakdown) {

    /** Both dtypes. */
    static final List<Precision> BOTH = List.of(Precision.FLOAT32, Precision.FLOAT64);

    /**
     * @param n the data dimension
     * @param p the latent size
     */
    public record Size(int n, int p) {
        /** @param spec {@code n:p} */
        static Size parse(String spec) {
            String[] parts = spec.split(":");
            try {
                if (parts.length == 2) {
                    Size size = new Size(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
                    if (size.p >= 1 && size.p <= size.n) {
                        // Σ (n×n) in both dtypes beside its random source, and the weights: before any is allocated
                        io.lae.device.MemoryPlan.requireAvailable(8.0 * (3.0 * size.n * size.n + 6.0 * size.n * size.p),
                                "--sizes " + spec.strip() + ": the bench's Σ and weights", "use a smaller n");
                        return size;
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new io.lae.LaeException("bad size '" + spec + "': write n:p with 1 ≤ p ≤ n, e.g. 1000:100");
        }
    }

    /** @return (1000, 100) and (2048, 256), both dtypes, the four methods, 10 000 memory steps */
    public static BenchPlan quick() {
        return new BenchPlan(List.of(new Size(1000, 100), new Size(2048, 256)), BOTH, Method.ALL, List.of(32, 256),
                10_000, 1.0, "adam", false);
    }

    /** @return the quick grid plus (4096, 512), (784, 100) and a p sweep at n = 2048 */
    public static BenchPlan full() {
        List<Size> sizes = new ArrayList<>(quick().sizes());
        sizes.add(new Size(4096, 512));
        sizes.add(new Size(784, 100));
        for (int p : new int[] {16, 32, 64, 128, 512, 1024}) {
            sizes.add(new Size(2048, p));
        }
        return new BenchPlan(sizes, BOTH, Method.ALL, List.of(32, 256), 10_000, 2.0, "adam", false);
    }

    /**
     * @return this plan with the command line's overrides (null keeps a field)
     */
    public BenchPlan with(List<String> sizeSpecs, List<Precision> dtypeNames, List<String> methodNames, Long steps,
                          Double seconds, String optimizerName, boolean split) {
        return new BenchPlan(sizeSpecs == null ? sizes : sizeSpecs.stream().map(Size::parse).toList(),
                dtypeNames == null ? dtypes : dtypeNames,
                methodNames == null ? methods : methodNames.stream().map(Method::named).toList(),
                batchSizes, steps == null ? memorySteps : steps, seconds == null ? secondsPerMeasurement : seconds,
                optimizerName == null ? optimizer : optimizerName, split);
    }
}
