package io.lae.cuda;

import static io.lae.Precision.FLOAT32;
import static io.lae.Precision.FLOAT64;

import io.lae.Precision;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One launch of a kernel of {@code kernels.cu}: each kernel is one record here, named as the kernel in CamelCase
 * ({@code AddScaledColumns} is {@code add_scaled_columns}), whose components are the kernel's parameters in the
 * source's order and under its names, so a launch with a wrong count or type of arguments does not compile.
 * Types: Java {@code int} (or {@code boolean}, passed as 0 or 1) is C {@code int}, {@code long} is {@code long long},
 * {@code double} is {@code real} (the module's precision) and a {@link DeviceMatrix} is a {@code real*}, each unless
 * marked {@link Fixed} ({@code double}, {@code double*}, {@code float*}). Before a launch, {@link KernelSignature}
 * checks that every matrix has its parameter's precision and is open, and that only a {@link Nullable} one is null.
 * {@code KernelSignatureTest} checks these records against the kernels' declarations in {@code kernels.cu}.
 */
sealed interface Kernel {

    /** @return the entries the kernel's grid-stride loop runs over (the grid is sized from it) */
    long entries();

    /** A parameter whose type does not follow the module's precision: {@code double} or {@code double*}/{@code float*}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Fixed {
        /** @return the parameter's element type */
        Precision value();
    }

    /** A pointer parameter the kernel accepts as {@code nullptr}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Nullable {
    }

    /** out(i, j) += alpha · v_j · x(i, j), v = null for v_j = 1. */
    record AddScaledColumns(int rows, int cols, double alpha, @Nullable DeviceMatrix v, DeviceMatrix x,
                            DeviceMatrix out) implements Kernel {
        @Override
        public long entries() {
            return (long) rows * cols;
        }
    }

    /** out(i, j) = q_max(i,j) · in(i, j), p×p. */
    record NestedWeight(int p, DeviceMatrix q, DeviceMatrix in, DeviceMatrix out) implements Kernel {
        @Override
        public long entries() {
            return (long) p * p;
        }
    }

    /** out(i, j) = ½ sign(j − i) · in(i, j), p×p. */
    record SkewHalf(int p, DeviceMatrix in, DeviceMatrix out) implements Kernel {
        @Override
        public long entries() {
            return (long) p * p;
        }
    }

    /** m(i, j) = 0 below the diagonal, p×p. */
    record UpperWithDiagonal(int p, DeviceMatrix m) implements Kernel {
        @Override
        public long entries() {
            return (long) p * p;
        }
    }

    /** out(j, i) = in(j, i) / in(j, j) (alpha) or in(j, i) for j &lt; i, else 0, p×p: EigenGame's weights. */
    record GameWeights(int p, boolean alpha, DeviceMatrix in, DeviceMatrix out) implements Kernel {
        @Override
        public long entries() {
            return (long) p * p;
        }
    }

    /** r_i = 2 (g(i, i) − gw(i, i)), p entries: α-EigenGame's radial part. */
    record GameRadial(int p, DeviceMatrix g, DeviceMatrix gw, DeviceMatrix r) implements Kernel {
        @Override
        public long entries() {
            return p;
        }
    }

    /** Every column of the rows×cols matrix m scaled to unit length. */
    record NormalizeColumns(int rows, int cols, DeviceMatrix m) implements Kernel {
        @Override
        public long entries() {
            return cols;
        }
    }

    /** m(j, i) = m(i, j) for i > j, n×n. */
    record SymmetrizeLower(int n, DeviceMatrix m) implements Kernel {
        @Override
        public long entries() {
            return (long) n * n;
        }
    }

    /** θ ← θ − α g. */
    record Sgd(long count, double lr, DeviceMatrix g, DeviceMatrix theta) implements Kernel {
        @Override
        public long entries() {
            return count;
        }
    }

    /** PyTorch SGD with momentum, heavy ball or Nesterov. */
    record Momentum(long count, double lr, double mu, boolean nesterov, DeviceMatrix g, DeviceMatrix v,
                    DeviceMatrix theta) implements Kernel {
        @Override
        public long entries() {
            return count;
        }
    }

    /** PyTorch Adam, with c₁ = 1 − β₁ᵗ and sqrtC2 = √(1 − β₂ᵗ) from the host. */
    record Adam(long count, double lr, double beta1, double beta2, double eps, double c1, double sqrtC2,
                DeviceMatrix g, DeviceMatrix m, DeviceMatrix v, DeviceMatrix theta) implements Kernel {
        @Override
        public long entries() {
            return count;
        }
    }

    /** result += Σ_ij v_j · x(i, j) · y(i, j) in float64, v = null for v_j = 1. */
    record WeightedDot(int rows, int cols, @Nullable DeviceMatrix v, DeviceMatrix x, DeviceMatrix y,
                       @Fixed(FLOAT64) DeviceMatrix result) implements Kernel {
        @Override
        public long entries() {
            return (long) rows * cols;
        }
    }

    /** out(i, s) = in(i, s) − shift_i for k float32 samples of dimension n. */
    record ShiftFloatRows(int n, int k, @Fixed(FLOAT32) DeviceMatrix in, DeviceMatrix shift, DeviceMatrix out)
            implements Kernel {
        @Override
        public long entries() {
            return (long) n * k;
        }
    }

    /** out(i, s) = in(i, s) − shift_i for k float64 samples of dimension n. */
    record ShiftDoubleRows(int n, int k, @Fixed(FLOAT64) DeviceMatrix in, DeviceMatrix shift, DeviceMatrix out)
            implements Kernel {
        @Override
        public long entries() {
            return (long) n * k;
        }
    }

    /** out(:, j) = in(:, order[start + j]) for j &lt; count. */
    record GatherColumns(int n, int count, @Fixed(FLOAT64) DeviceMatrix order, int start, DeviceMatrix in,
                         DeviceMatrix out) implements Kernel {
        @Override
        public long entries() {
            return (long) n * count;
        }
    }

    /** codes(i, j) = 0 for i ≥ b_j. */
    record KeepFirstUnits(int p, int count, @Fixed(FLOAT64) DeviceMatrix truncations, DeviceMatrix codes)
            implements Kernel {
        @Override
        public long entries() {
            return (long) p * count;
        }
    }

    /** The moment of shifted samples turned into the centred (center) or the raw moment over m samples. */
    record FinishMoment(int r, int c, DeviceMatrix moment, DeviceMatrix sy, DeviceMatrix sx, DeviceMatrix a,
                        DeviceMatrix b, @Fixed(FLOAT64) double m, boolean center) implements Kernel {
        @Override
        public long entries() {
            return (long) r * c;
        }
    }

    /** result += Tr(m) of an n×n matrix, in float64. */
    record DiagonalSum(int n, DeviceMatrix m, @Fixed(FLOAT64) DeviceMatrix result) implements Kernel {
        @Override
        public long entries() {
            return n;
        }
    }

    /** result += Σ x(i, j)² over an n×k matrix, in float64. */
    record SumOfSquares(int n, int k, DeviceMatrix x, @Fixed(FLOAT64) DeviceMatrix result) implements Kernel {
        @Override
        public long entries() {
            return (long) n * k;
        }
    }

    /** out = (float) in. */
    record DoubleToFloat(long count, @Fixed(FLOAT64) DeviceMatrix in, @Fixed(FLOAT32) DeviceMatrix out)
            implements Kernel {
        @Override
        public long entries() {
            return count;
        }
    }
}
