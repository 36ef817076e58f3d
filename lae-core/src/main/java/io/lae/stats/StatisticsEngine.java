package io.lae.stats;

/**
 * A way of computing {@link Statistics} from data named by a {@link StatisticsRequest}, found at run time
 * through {@link java.util.ServiceLoader} (so an optional engine, such as the Spark one of module
 * {@code lae-spark}, is used when its jar is on the class path and never needed to build lae). The local
 * streaming accumulator is the default and is not an engine of this kind.
 *
 * <p>Implementations have a public no-argument constructor and are safe to call from one thread at a time.
 */
public interface StatisticsEngine {

    /** @return the engine's name on the command line ({@code lae stats --engine NAME}) */
    String name();

    /**
     * @param request what to compute from which data
     * @return the statistics, centred as requested, accumulated in float64
     * @throws io.lae.LaeException on bad input: one line naming file, partition and row and the fix
     */
    Statistics compute(StatisticsRequest request);
}
