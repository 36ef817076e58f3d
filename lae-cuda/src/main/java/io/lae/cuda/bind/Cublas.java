package io.lae.cuda.bind;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.lae.cuda.CudaException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * cuBLAS ({@code libcublas.so.13} or {@code .12}, matching the runtime's major version): one handle
 * bound to one stream, in IEEE arithmetic (no TF32: lae's float32 means float32). Matrices are
 * column-major, as cuBLAS expects; α and β are passed from the host.
 */
public final class Cublas implements AutoCloseable {

    private static final int OP_N = 0;
    private static final int OP_T = 1;
    private static final int FILL_LOWER = 0;
    private static final int DEFAULT_MATH = 0;

    private final String file;
    private final MethodHandle destroy;
    private final MethodHandle sgemm;
    private final MethodHandle dgemm;
    private final MethodHandle ssyrk;
    private final MethodHandle dsyrk;
    private final MethodHandle sgemv;
    private final MethodHandle dgemv;
    private final MemorySegment handle;
    private final int version;
    /** Host scalars α, β, read by cuBLAS when a call is queued (pointer mode host). */
    private final MemorySegment scalars = Arena.ofAuto().allocate(16, 8);

    private Cublas(NativeLibrary library, MemorySegment stream) {
        file = library.file();
        FunctionDescriptor gemm = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
        FunctionDescriptor syrk = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
        FunctionDescriptor gemv = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
        MethodHandle create = library.function("cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MethodHandle setStream = library.function("cublasSetStream_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        MethodHandle setMathMode = library.function("cublasSetMathMode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        MethodHandle getVersion = library.function("cublasGetVersion_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        destroy = library.function("cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        sgemm = library.function("cublasSgemm_v2", gemm);
        dgemm = library.function("cublasDgemm_v2", gemm);
        ssyrk = library.function("cublasSsyrk_v2", syrk);
        dsyrk = library.function("cublasDsyrk_v2", syrk);
        sgemv = library.function("cublasSgemv_v2", gemv);
        dgemv = library.function("cublasDgemv_v2", gemv);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) create.invokeExact(out), "cublasCreate");
            handle = out.get(ADDRESS, 0);
            check((int) setStream.invokeExact(handle, stream), "cublasSetStream");
            check((int) setMathMode.invokeExact(handle, DEFAULT_MATH), "cublasSetMathMode");
            MemorySegment v = arena.allocate(JAVA_INT);
            check((int) getVersion.invokeExact(handle, v), "cublasGetVersion");
            version = v.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw Status.wrap("cublasCreate", t);
        }
    }

    /**
     * @param runtimeMajor the CUDA runtime's major version (12 or 13): cuBLAS must match it
     * @param stream       the stream every call is queued on
     * @return a handle
     * @throws CudaException if no matching cuBLAS can be opened or it fails to start
     */
    public static Cublas open(int runtimeMajor, MemorySegment stream) {
        String name = "libcublas.so." + runtimeMajor;
        return NativeLibrary.open(List.of(name))
                .map(library -> new Cublas(library, stream))
                .orElseThrow(() -> new CudaException("no " + name + " found (cuBLAS of the CUDA " + runtimeMajor
                        + " runtime): install it, or name its directory in " + NativeLibrary.LIBRARY_PATH_VARIABLE));
    }

    private static void check(int status, String call) {
        Status.check(status, call, Cublas::describe);
    }

    private static String describe(int status) {
        return switch (status) {
            case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED";
            case 3 -> "CUBLAS_STATUS_ALLOC_FAILED: out of device memory";
            case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
            case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED";
            default -> "cuBLAS status";
        };
    }

    /** @return where cuBLAS was opened from */
    public String file() {
        return file;
    }

    /** @return cuBLAS's version number, e.g. 130001 */
    public int version() {
        return version;
    }

    private void setScalars(boolean doublePrecision, double alpha, double beta) {
        if (doublePrecision) {
            scalars.set(JAVA_DOUBLE, 0, alpha);
            scalars.set(JAVA_DOUBLE, 8, beta);
        } else {
            scalars.set(JAVA_FLOAT, 0, (float) alpha);
            scalars.set(JAVA_FLOAT, 8, (float) beta);
        }
    }

    /**
     * C ← α op(A) op(B) + β C, column-major, C m×n, op(A) m×k.
     *
     * @param doublePrecision float64 (DGEMM) or float32 (SGEMM)
     */
    public void gemm(boolean doublePrecision, boolean transposeA, boolean transposeB, int m, int n, int k,
                     double alpha, MemorySegment a, int lda, MemorySegment b, int ldb, double beta,
                     MemorySegment c, int ldc) {
        setScalars(doublePrecision, alpha, beta);
        MemorySegment alphaPointer = scalars.asSlice(0, 8);
        MemorySegment betaPointer = scalars.asSlice(8, 8);
        int opA = transposeA ? OP_T : OP_N;
        int opB = transposeB ? OP_T : OP_N;
        int status;
        try {
            status = doublePrecision
                    ? (int) dgemm.invokeExact(handle, opA, opB, m, n, k, alphaPointer, a, lda, b, ldb, betaPointer, c, ldc)
                    : (int) sgemm.invokeExact(handle, opA, opB, m, n, k, alphaPointer, a, lda, b, ldb, betaPointer, c, ldc);
        } catch (Throwable t) {
            throw Status.wrap("cublas gemm", t);
        }
        check(status, "cublas" + (doublePrecision ? "D" : "S") + "gemm " + m + "×" + k + "·" + k + "×" + n);
    }

    /**
     * The lower triangle of C ← α A Aᵀ + β C, A n×k column-major (the upper triangle is not written).
     *
     * @param doublePrecision float64 or float32
     */
    public void syrkLower(boolean doublePrecision, int n, int k, double alpha, MemorySegment a, int lda,
                          double beta, MemorySegment c, int ldc) {
        setScalars(doublePrecision, alpha, beta);
        MemorySegment alphaPointer = scalars.asSlice(0, 8);
        MemorySegment betaPointer = scalars.asSlice(8, 8);
        int status;
        try {
            status = doublePrecision
                    ? (int) dsyrk.invokeExact(handle, FILL_LOWER, OP_N, n, k, alphaPointer, a, lda, betaPointer, c, ldc)
                    : (int) ssyrk.invokeExact(handle, FILL_LOWER, OP_N, n, k, alphaPointer, a, lda, betaPointer, c, ldc);
        } catch (Throwable t) {
            throw Status.wrap("cublas syrk", t);
        }
        check(status, "cublas syrk " + n + "×" + k);
    }

    /**
     * y ← α A x + β y, A m×n column-major, x of length n, y of length m (unit strides).
     *
     * @param doublePrecision float64 or float32
     */
    public void gemv(boolean doublePrecision, int m, int n, double alpha, MemorySegment a, int lda,
                     MemorySegment x, double beta, MemorySegment y) {
        setScalars(doublePrecision, alpha, beta);
        MemorySegment alphaPointer = scalars.asSlice(0, 8);
        MemorySegment betaPointer = scalars.asSlice(8, 8);
        int status;
        try {
            status = doublePrecision
                    ? (int) dgemv.invokeExact(handle, OP_N, m, n, alphaPointer, a, lda, x, 1, betaPointer, y, 1)
                    : (int) sgemv.invokeExact(handle, OP_N, m, n, alphaPointer, a, lda, x, 1, betaPointer, y, 1);
        } catch (Throwable t) {
            throw Status.wrap("cublas gemv", t);
        }
        check(status, "cublas gemv " + m + "×" + n);
    }

    @Override
    public void close() {
        try {
            check((int) destroy.invokeExact(handle), "cublasDestroy");
        } catch (Throwable t) {
            throw Status.wrap("cublasDestroy", t);
        }
    }
}
