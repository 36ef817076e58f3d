package io.lae.loss;

import static io.lae.linalg.HostMemory.CHUNK;
import static io.lae.linalg.HostMemory.address;
import static io.lae.linalg.HostMemory.read;
import static io.lae.linalg.HostMemory.write;

import io.lae.linalg.HostMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise passes of {@link StackedGradients} as plain-Java loops over host memory ({@link HostMemory}),
 * each replacing one to four ND4J ops with the same IEEE operations in the same order, so the same bits:
 * products x·y of the broadcast and Hadamard ops, sums x + y of {@code AddOp}, and 1·x + y of {@code Axpy}
 * (exactly x + y). Every array is column-major and dense ({@link HostMemory#columnMajor}).
 */
final class HostPasses {

    private HostPasses() {
    }

    /**
     * out₁[:, j] = in₁[:, j]·t_j and out₂[:, j] = in₂[:, j]·t_j for n×p arrays: the T scaling of both gradients
     * (BroadcastMulOp along the rows); with t null, copies.
     *
     * @param t the diagonal of T in the arrays' dtype (float or double values), or null for T = I
     */
    static void scaleColumns(INDArray in1, INDArray out1, INDArray in2, INDArray out2, double[] t) {
        long n = in1.rows();
        long[] at = {address(in1), address(out1), address(in2), address(out2)};
        boolean single = in1.dataType() == DataType.FLOAT;
        for (int j = 0; j < in1.columns(); j++) {
            long base = j * n;
            if (single) {
                float[][] s = HostMemory.floats();
                float tj = t == null ? 1 : (float) t[j];
                for (long i = 0; i < n; i += CHUNK) {
                    int len = (int) Math.min(CHUNK, n - i);
                    read(at[0], base + i, s[0], len);
                    read(at[2], base + i, s[1], len);
                    if (t != null) {
                        for (int k = 0; k < len; k++) {
                            s[0][k] *= tj;
                            s[1][k] *= tj;
                        }
                    }
                    write(s[0], len, at[1], base + i);
                    write(s[1], len, at[3], base + i);
                }
            } else {
                double[][] s = HostMemory.doubles();
                double tj = t == null ? 1 : t[j];
                for (long i = 0; i < n; i += CHUNK) {
                    int len = (int) Math.min(CHUNK, n - i);
                    read(at[0], base + i, s[0], len);
                    read(at[2], base + i, s[1], len);
                    if (t != null) {
                        for (int k = 0; k < len; k++) {
                            s[0][k] *= tj;
                            s[1][k] *= tj;
                        }
                    }
                    write(s[0], len, at[1], base + i);
                    write(s[1], len, at[3], base + i);
                }
            }
        }
    }

    /**
     * g[:, j] ← 1·(x[:, j]·c_j) + g[:, j] for n×p arrays: the diagonal penalty's 2BᵀΛ added to ∇_Bᵀ
     * (BroadcastMulOp, then Axpy with a = 1).
     *
     * @param c the row c, in the arrays' dtype (float or double values)
     */
    static void addScaledColumns(INDArray x, double[] c, INDArray g) {
        long n = x.rows();
        long ax = address(x);
        long ag = address(g);
        boolean single = x.dataType() == DataType.FLOAT;
        for (int j = 0; j < x.columns(); j++) {
            long base = j * n;
            for (long i = 0; i < n; i += CHUNK) {
                int len = (int) Math.min(CHUNK, n - i);
                if (single) {
                    float[][] s = HostMemory.floats();
                    float cj = (float) c[j];
                    read(ax, base + i, s[0], len);
                    read(ag, base + i, s[1], len);
                    for (int k = 0; k < len; k++) {
                        s[1][k] = s[0][k] * cj + s[1][k];
                    }
                    write(s[1], len, ag, base + i);
                } else {
                    double[][] s = HostMemory.doubles();
                    double cj = c[j];
                    read(ax, base + i, s[0], len);
                    read(ag, base + i, s[1], len);
                    for (int k = 0; k < len; k++) {
                        s[1][k] = s[0][k] * cj + s[1][k];
                    }
                    write(s[1], len, ag, base + i);
                }
            }
        }
    }

    /**
     * The p×p work of every term in one pass: gram ← S∘gram (unless S is null), and
     * weighted ← ((S∘M) + L) + E, each of S, L, E left out when null.
     *
     * @param s           S in column-major order, or null for S = 1 (then neither matrix is multiplied)
     * @param l           L = Λ/c in column-major order, or null
     * @param encoderGram E = (λ_π/c) BBᵀ, or null
     */
    static void weightMoments(INDArray gram, INDArray moment, INDArray weighted, Coefficients s, Coefficients l,
                              INDArray encoderGram) {
        int length = (int) gram.length();
        long ag = address(gram);
        long am = address(moment);
        long aw = address(weighted);
        long ae = encoderGram == null ? 0 : address(encoderGram);
        boolean single = gram.dataType() == DataType.FLOAT;
        for (int i = 0; i < length; i += CHUNK) {
            int len = Math.min(CHUNK, length - i);
            if (single) {
                float[][] f = HostMemory.floats();
                read(am, i, f[1], len);
                if (s != null) {
                    read(ag, i, f[0], len);
                    multiply(f[0], s.single(), i, len);
                    multiply(f[1], s.single(), i, len);
                    write(f[0], len, ag, i);
                }
                if (l != null) {
                    add(f[1], l.single(), i, len);
                }
                if (encoderGram != null) {
                    read(ae, i, f[2], len);
                    add(f[1], f[2], 0, len);
                }
                write(f[1], len, aw, i);
            } else {
                double[][] d = HostMemory.doubles();
                read(am, i, d[1], len);
                if (s != null) {
                    read(ag, i, d[0], len);
                    multiply(d[0], s.wide(), i, len);
                    multiply(d[1], s.wide(), i, len);
                    write(d[0], len, ag, i);
                }
                if (l != null) {
                    add(d[1], l.wide(), i, len);
                }
                if (encoderGram != null) {
                    read(ae, i, d[2], len);
                    add(d[1], d[2], 0, len);
                }
                write(d[1], len, aw, i);
            }
        }
    }

    /** x[k] ← x[k]·y[from + k], k &lt; len */
    private static void multiply(float[] x, float[] y, int from, int len) {
        for (int k = 0; k < len; k++) {
            x[k] *= y[from + k];
        }
    }

    /** x[k] ← x[k]·y[from + k], k &lt; len */
    private static void multiply(double[] x, double[] y, int from, int len) {
        for (int k = 0; k < len; k++) {
            x[k] *= y[from + k];
        }
    }

    /** x[k] ← x[k] + y[from + k], k &lt; len */
    private static void add(float[] x, float[] y, int from, int len) {
        for (int k = 0; k < len; k++) {
            x[k] += y[from + k];
        }
    }

    /** x[k] ← x[k] + y[from + k], k &lt; len */
    private static void add(double[] x, double[] y, int from, int len) {
        for (int k = 0; k < len; k++) {
            x[k] += y[from + k];
        }
    }

    /**
     * Constant coefficients in both dtypes.
     *
     * @param single the values rounded to float32
     * @param wide   the values in float64
     */
    record Coefficients(float[] single, double[] wide) {

        /** @return the values, with their float32 roundings */
        static Coefficients of(double[] values) {
            float[] single = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                single[i] = (float) values[i];
            }
            return new Coefficients(single, values.clone());
        }
    }
}
