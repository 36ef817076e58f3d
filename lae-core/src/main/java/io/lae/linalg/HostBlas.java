package io.lae.linalg;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * C = α op(A) op(B) + β C on ND4J arrays in host memory, called straight into the OpenBLAS that ND4J's CPU
 * backend loaded ({@code cblas_sgemm}, {@code cblas_dgemm} through {@code java.lang.foreign}), without ND4J's
 * per-op dispatch: on 2 cores an ND4J op costs 25–150 µs whatever its size, more than the arithmetic of a
 * p×n·n×p product at p ≤ 100 (docs/performance.md). The arrays are read in place: a column-major matrix (unit
 * row stride) is passed as it is, a row-major one (unit column stride) as its transpose, with their leading
 * dimensions, so views such as the halves of the stacked weights [Bᵀ | A] need no copy. Off the CPU backend,
 * for other dtypes, or for an array BLAS cannot read in place, {@link #gemm} is {@link Nd4j#gemm}.
 */
public final class HostBlas {

    private static final int COLUMN_MAJOR = 102;
    private static final int NO_TRANSPOSE = 111;
    private static final int TRANSPOSE = 112;
    private static final MethodHandle SGEMM;
    private static final MethodHandle DGEMM;
    private static final MethodHandle SET_THREADS;
    private static final MethodHandle GET_THREADS;
    /** {@link OneThread} scopes open now, and OpenBLAS's thread count when the first of them opened. */
    private static int openScopes;
    private static int threadsOutsideScopes;

    static {
        Optional<SymbolLookup> blas = Nd4j.getEnvironment().isCPU() ? openBlas() : Optional.empty();
        SGEMM = blas.flatMap(l -> l.find("cblas_sgemm")).map(a -> Linker.nativeLinker().downcallHandle(a,
                signature(ValueLayout.JAVA_FLOAT))).orElse(null);
        DGEMM = blas.flatMap(l -> l.find("cblas_dgemm")).map(a -> Linker.nativeLinker().downcallHandle(a,
                signature(ValueLayout.JAVA_DOUBLE))).orElse(null);
        SET_THREADS = blas.flatMap(l -> l.find("openblas_set_num_threads")).map(a -> Linker.nativeLinker()
                .downcallHandle(a, FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT))).orElse(null);
        GET_THREADS = blas.flatMap(l -> l.find("openblas_get_num_threads")).map(a -> Linker.nativeLinker()
                .downcallHandle(a, FunctionDescriptor.of(ValueLayout.JAVA_INT))).orElse(null);
    }

    private HostBlas() {
    }

    /** @return whether ND4J runs on the CPU backend and its OpenBLAS's {@code cblas_?gemm} were found */
    public static boolean available() {
        return SGEMM != null && DGEMM != null;
    }

    /**
     * Runs OpenBLAS on one thread while the scope is open. OpenBLAS splits a product among its threads in a way
     * that changes the last bits of the result with their number (measured on its 0.3.31 here, one thread against
     * two: Σ·W at n = 784–2048 with 10, 20 or 100 columns, and AᵀB with p = 50–500 and k = 784–2048, float64), so
     * what runs in such a scope computes the same bits whatever the machine's cores or the process's thread
     * settings, and beside other such work. OpenBLAS's thread count is the process's (its per-thread setting,
     * {@code openblas_set_num_threads_local}, sets it for every thread in the pthreads build ND4J loads), so the
     * scopes are counted: the first to open sets one thread, the last to close gives back the count it found.
     * Other work of the process that calls OpenBLAS meanwhile runs on one thread too.
     *
     * @return the scope; without OpenBLAS's thread setting (off the CPU backend) one that changes nothing
     */
    public static OneThread oneThread() {
        synchronized (OneThread.class) {
            if (threadsSettable() && openScopes++ == 0) {
                threadsOutsideScopes = threads();
                setThreads(1);
            }
        }
        return new OneThread();
    }

    /** @return whether {@link #oneThread} takes effect: the CPU backend and OpenBLAS's thread setting found */
    public static boolean threadsSettable() {
        return SET_THREADS != null && GET_THREADS != null;
    }

    /** A stretch of work with OpenBLAS on one thread ({@link #oneThread}). */
    public static final class OneThread implements AutoCloseable {

        private boolean open = true;

        private OneThread() {
        }

        /** Closes the scope; the last one open gives OpenBLAS back its thread count. */
        @Override
        public void close() {
            synchronized (OneThread.class) {
                if (open && threadsSettable() && --openScopes == 0) {
                    setThreads(threadsOutsideScopes);
                }
                open = false;
            }
        }
    }

    private static int threads() {
        try {
            return (int) GET_THREADS.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_get_num_threads failed", e);
        }
    }

    private static void setThreads(int threads) {
        try {
            SET_THREADS.invokeExact(threads);
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_set_num_threads failed", e);
        }
    }

    /**
     * {@link Nd4j#gemm(INDArray, INDArray, INDArray, boolean, boolean, double, double)}, in one BLAS call when
     * the arrays allow it.
     *
     * @param a          A
     * @param b          B
     * @param c          C, overwritten with α op(A) op(B) + β C
     * @param transposeA whether op(A) = Aᵀ
     * @param transposeB whether op(B) = Bᵀ
     * @param alpha      α
     * @param beta       β (C is not read when 0)
     * @return c
     * @throws IllegalArgumentException if the shapes do not agree
     */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                                double alpha, double beta) {
        long m = transposeA ? a.columns() : a.rows();
        long k = transposeA ? a.rows() : a.columns();
        long n = transposeB ? b.rows() : b.columns();
        if ((transposeB ? b.columns() : b.rows()) != k || c.rows() != m || c.columns() != n) {
            throw new IllegalArgumentException("gemm shapes do not agree: " + a.shapeInfoToString() + (transposeA ? "ᵀ" : "")
                    + " · " + b.shapeInfoToString() + (transposeB ? "ᵀ" : "") + " into " + c.shapeInfoToString());
        }
        DataType type = c.dataType();
        boolean direct = available() && a.dataType() == type && b.dataType() == type && m > 0 && n > 0 && k > 0;
        HostMatrix left = direct ? HostMatrix.of(a) : null;
        HostMatrix right = direct ? HostMatrix.of(b) : null;
        HostMatrix out = direct ? HostMatrix.of(c) : null;
        if (left == null || right == null || out == null) {
            return Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
        gemm(transposeA ? left.transpose() : left, transposeB ? right.transpose() : right, out, alpha, beta);
        return c;
    }

    /**
     * C = α A B + β C on matrices in host memory, in one BLAS call; a transposed operand is passed as
     * {@link HostMatrix#transpose()}.
     *
     * @param beta β (C is not read when 0)
     * @throws IllegalArgumentException if the shapes or dtypes do not agree
     * @throws IllegalStateException    off the CPU backend ({@link #available()} false)
     */
    public static void gemm(HostMatrix a, HostMatrix b, HostMatrix c, double alpha, double beta) {
        if (a.columns() != b.rows() || c.rows() != a.rows() || c.columns() != b.columns()
                || a.type() != c.type() || b.type() != c.type()) {
            throw new IllegalArgumentException("gemm operands do not agree: " + a + " · " + b + " into " + c);
        }
        if (!available()) {
            throw new IllegalStateException("host BLAS is not available: ND4J does not run on its CPU backend");
        }
        if (c.rows() == 0 || c.columns() == 0) {
            return;
        }
        if (c.rowMajor()) {                                          // Cᵀ = Bᵀ Aᵀ, column-major
            call(b.transpose(), a.transpose(), c.transpose(), alpha, beta);
        } else {
            call(a, b, c, alpha, beta);
        }
    }

    /** C = α A B + β C with C column-major; a row-major operand is read as the transpose of a column-major one. */
    private static void call(HostMatrix a, HostMatrix b, HostMatrix c, double alpha, double beta) {
        int ta = a.rowMajor() ? TRANSPOSE : NO_TRANSPOSE;
        int tb = b.rowMajor() ? TRANSPOSE : NO_TRANSPOSE;
        int m = c.rows();
        int n = c.columns();
        int k = a.columns();
        try {
            if (c.type() == DataType.FLOAT) {
                SGEMM.invokeExact(COLUMN_MAJOR, ta, tb, m, n, k, (float) alpha, a.address(), a.ld(), b.address(),
                        b.ld(), (float) beta, c.address(), c.ld());
            } else {
                DGEMM.invokeExact(COLUMN_MAJOR, ta, tb, m, n, k, alpha, a.address(), a.ld(), b.address(), b.ld(),
                        beta, c.address(), c.ld());
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cblas gemm failed", e);
        }
    }

    private static FunctionDescriptor signature(ValueLayout scalar) {
        ValueLayout i = ValueLayout.JAVA_INT;
        ValueLayout pointer = ValueLayout.JAVA_LONG;
        return FunctionDescriptor.ofVoid(i, i, i, i, i, i, scalar, pointer, i, pointer, i, scalar, pointer, i);
    }

    /** The OpenBLAS ND4J calls ({@code openblas_nolapack}), else the full one, as JavaCPP loaded them. */
    private static Optional<SymbolLookup> openBlas() {
        Map<String, String> loaded = Loader.getLoadedLibraries();
        for (String prefix : new String[] {"openblas_nolapack@", "openblas@"}) {
            Optional<String> path = loaded.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .map(Map.Entry::getValue).findFirst();
            if (path.isPresent()) {
                return Optional.of(SymbolLookup.libraryLookup(Path.of(path.get()), Arena.global()));
            }
        }
        return Optional.empty();
    }
}
