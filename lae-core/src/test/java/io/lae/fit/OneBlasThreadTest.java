package io.lae.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lae.linalg.HostBlas;
import io.lae.stats.Statistics;
import io.lae.stats.StatisticsAccumulator;
import io.lae.train.NestedDropoutDraw;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small fit runs OpenBLAS on one thread ({@link LinearAutoencoder#oneBlasThread}), so its weights are the same bits
 * whatever OpenBLAS's thread count: here n = 400 and p = 50, beside a fit at p = 150, above the threshold, whose
 * weights on one thread and on two differ in the last bits.
 */
class OneBlasThreadTest {

    private static final int N = 400;
    private static final int P = 50;

    private static final MethodHandle SET_THREADS;
    private static final MethodHandle GET_THREADS;

    static {
        Nd4j.create(1);
        SymbolLookup blas = Stream.of("openblas_nolapack@", "openblas@")             // as HostBlas finds it
                .flatMap(prefix -> Loader.getLoadedLibraries().entrySet().stream()
                        .filter(e -> e.getKey().startsWith(prefix)))
                .findFirst().map(e -> SymbolLookup.libraryLookup(Path.of(e.getValue()), Arena.global())).orElse(null);
        SET_THREADS = blas == null ? null : Linker.nativeLinker().downcallHandle(
                blas.find("openblas_set_num_threads").orElseThrow(), FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
        GET_THREADS = blas == null ? null : Linker.nativeLinker().downcallHandle(
                blas.find("openblas_get_num_threads").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
    }

    private final int threadsBefore = threads();

    @AfterEach
    void restoreThreads() {
        setThreads(threadsBefore);
    }

    @Test
    void theChoiceFollowsTheStepsProductWithTheData() {
        assertTrue(LinearAutoencoder.oneBlasThread(0, null, 1500, N, P), "Σxx·W at n = 400, p = 50: 8e6 multiply-adds");
        assertFalse(LinearAutoencoder.oneBlasThread(0, null, 60_000, 2048, 256), "n = 2048, p = 256: 1.1e9");
        assertTrue(LinearAutoencoder.oneBlasThread(256, null, 60_000, 1000, 50), "a mini-batch of 256 rows: 1.3e7");
        assertFalse(LinearAutoencoder.oneBlasThread(0, NestedDropoutDraw.PER_SAMPLE, 60_000, N, P),
                "per-sample steps over all 60 000 rows");
    }

    @Test
    void aSmallFitHasTheSameBitsWhateverOpenBlasThreads() {
        assumeTrue(HostBlas.threadsSettable(), "OpenBLAS's thread setting (the CPU backend)");
        Random random = new Random(11);
        double[][] rows = new double[1500][N];
        for (double[] row : rows) {
            for (int j = 0; j < N; j++) {
                row[j] = random.nextGaussian() * (1 + j % 7);
            }
        }
        Statistics stats = StatisticsAccumulator.of(Nd4j.createFromArray(rows), true);
        int large = 150;
        assertFalse(LinearAutoencoder.oneBlasThread(0, null, 1500, N, large));
        setThreads(1);
        double[] largeOnOne = fit(stats, large).model().decoder().data().asDouble();
        setThreads(2);
        double[] largeOnTwo = fit(stats, large).model().decoder().data().asDouble();
        assumeFalse(Arrays.equals(largeOnOne, largeOnTwo),
                "a fit with OpenBLAS's threads has the same bits on one and two here: nothing to show");

        setThreads(1);
        FittedAutoencoder one = fit(stats, P);
        setThreads(2);
        FittedAutoencoder two = fit(stats, P);
        assertArrayEquals(one.model().decoder().data().asDouble(), two.model().decoder().data().asDouble());
        assertArrayEquals(one.model().encoder().data().asDouble(), two.model().encoder().data().asDouble());
        assertEquals(2, threads(), "the thread count is given back after the fit");
    }

    private static FittedAutoencoder fit(Statistics stats, int p) {
        return LinearAutoencoder.builder(p).loss(io.lae.loss.LossSpec.named("ordered")).steps(40).logEvery(10)
                .build().fit(stats);
    }

    private static int threads() {
        try {
            return GET_THREADS == null ? 0 : (int) GET_THREADS.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setThreads(int threads) {
        try {
            if (SET_THREADS != null && threads > 0) {
                SET_THREADS.invokeExact(threads);
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
