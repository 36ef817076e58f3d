package io.lae.optim;

import static io.lae.linalg.HostMemory.CHUNK;
import static io.lae.linalg.HostMemory.address;
import static io.lae.linalg.HostMemory.read;
import static io.lae.linalg.HostMemory.write;

import io.lae.linalg.HostMemory;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The optimizers' updates as one plain-Java pass over host arrays that {@link HostMemory#flat} accepts, instead
 * of one to three ND4J ops a parameter. Each computes what ND4J's ops compute, in the arrays' dtype and in the
 * same order, so the weights and the state are the same bits: {@code Axpy} is z = a·x + y with a rounded to the
 * dtype, and the fused {@code AdamUpdater} is, with T the dtype and t the 1-based step,
 * <pre>
 *   β₁ᵗ = pow_T(β₁, t),  β₂ᵗ = pow_T(β₂, t),  εₜ = α √(1 − β₂ᵗ) / (1 − β₁ᵗ)   (ε' when not finite and non-zero)
 *   m ← β₁ m + g (1 − β₁),  v ← β₂ v + g g (1 − β₂),  θ ← θ − (m εₜ) / (√v + ε')
 * </pre>
 * where pow_T is the C library's {@code powf} or {@code pow}, as ND4J calls it, and in float32 the division by
 * 1 − β₁ᵗ is taken in float64 (ND4J's C++ promotes it so).
 */
final class HostUpdates {

    private static final MethodHandle POWF = power("powf", ValueLayout.JAVA_FLOAT);
    private static final MethodHandle POW = power("pow", ValueLayout.JAVA_DOUBLE);

    private HostUpdates() {
    }

    /** θ ← a·u + θ (a descent step has a = −α). */
    static void axpy(INDArray u, INDArray theta, double a) {
        long n = theta.length();
        long au = address(u);
        long at = address(theta);
        if (theta.dataType() == DataType.FLOAT) {
            float[][] s = HostMemory.floats();
            float af = (float) a;
            for (long i = 0; i < n; i += CHUNK) {
                int len = (int) Math.min(CHUNK, n - i);
                float[] us = s[0];
                float[] ts = s[1];
                read(au, i, us, len);
                read(at, i, ts, len);
                for (int j = 0; j < len; j++) {
                    ts[j] = af * us[j] + ts[j];
                }
                write(ts, len, at, i);
            }
        } else {
            double[][] s = HostMemory.doubles();
            for (long i = 0; i < n; i += CHUNK) {
                int len = (int) Math.min(CHUNK, n - i);
                double[] us = s[0];
                double[] ts = s[1];
                read(au, i, us, len);
                read(at, i, ts, len);
                for (int j = 0; j < len; j++) {
                    ts[j] = a * us[j] + ts[j];
                }
                write(ts, len, at, i);
            }
        }
    }

    /**
     * v ← μ v + g, then θ ← −α v + θ (heavy ball), or θ ← −α (μ v + g) + θ (Nesterov); g is not written.
     */
    static void momentum(INDArray g, INDArray v, INDArray theta, double mu, boolean nesterov, double alpha) {
        long n = theta.length();
        long ag = address(g);
        long av = address(v);
        long at = address(theta);
        if (theta.dataType() == DataType.FLOAT) {
            float[][] s = HostMemory.floats();
            float muf = (float) mu;
            float a = (float) -alpha;
            for (long i = 0; i < n; i += CHUNK) {
                int len = (int) Math.min(CHUNK, n - i);
                float[] gs = s[0];
                float[] vs = s[1];
                float[] ts = s[2];
                read(ag, i, gs, len);
                read(av, i, vs, len);
                read(at, i, ts, len);
                for (int j = 0; j < len; j++) {
                    float vj = muf * vs[j] + gs[j];
                    vs[j] = vj;
                    ts[j] = a * (nesterov ? muf * vj + gs[j] : vj) + ts[j];
                }
                write(vs, len, av, i);
                write(ts, len, at, i);
            }
        } else {
            double[][] s = HostMemory.doubles();
            double a = -alpha;
            for (long i = 0; i < n; i += CHUNK) {
                int len = (int) Math.min(CHUNK, n - i);
                double[] gs = s[0];
                double[] vs = s[1];
                double[] ts = s[2];
                read(ag, i, gs, len);
                read(av, i, vs, len);
                read(at, i, ts, len);
                for (int j = 0; j < len; j++) {
                    double vj = mu * vs[j] + gs[j];
                    vs[j] = vj;
                    ts[j] = a * (nesterov ? mu * vj + gs[j] : vj) + ts[j];
                }
                write(vs, len, av, i);
                write(ts, len, at, i);
            }
        }
    }

    /**
     * Adam's step t (1-based) as ND4J's fused op and the descent after it compute it (class comment).
     *
     * @param epsilon ε' = ε √(1 − β₂ᵗ), added to √v
     */
    static void adam(INDArray g, INDArray m, INDArray v, INDArray theta, double alpha, double beta1, double beta2,
                     double epsilon, long t) {
        long n = theta.length();
        long ag = address(g);
        long am = address(m);
        long av = address(v);
        long at = address(theta);
        int iteration = (int) Math.min(Integer.MAX_VALUE, t - 1);
        if (theta.dataType() == DataType.FLOAT) {
            float b1 = (float) beta1;
            float b2 = (float) beta2;
            float eps = (float) epsilon;
            float steps = (float) iteration + 1;
            float b1t = powf(b1, steps);
            float b2t = powf(b2, steps);
            float scale = (float) ((double) ((float) alpha * (float) Math.sqrt((float) (1.0 - b2t))) / (1.0 - b1t));
            float epsT = Float.isNaN(scale) || scale == 0 || Float.isInfinite(scale) ? eps : scale;
            float c1 = 1 - b1;
            float c2 = 1 - b2;
            float[][] s = HostMemory.floats();
            for (long i = 0; i < n; i += CHUNK) {
                int len = (int) Math.min(CHUNK, n - i);
                float[] gs = s[0];
                float[] ms = s[1];
                float[] vs = s[2];
                float[] ts = s[3];
                read(ag, i, gs, len);
                read(am, i, ms, len);
                read(av, i, vs, len);
                read(at, i, ts, len);
                for (int j = 0; j < len; j++) {
                    float gj = gs[j];
                    float mj = b1 * ms[j] + gj * c1;
                    float vj = b2 * vs[j] + gj * gj * c2;
                    ms[j] = mj;
                    vs[j] = vj;
                    ts[j] = ts[j] - (mj * epsT) / ((float) Math.sqrt(vj) + eps);
                }
                write(ms, len, am, i);
                write(vs, len, av, i);
                write(ts, len, at, i);
            }
        } else {
            double steps = (double) iteration + 1;
            double b1t = pow(beta1, steps);
            double b2t = pow(beta2, steps);
            double scale = alpha * Math.sqrt(1.0 - b2t) / (1.0 - b1t);
            double epsT = Double.isNaN(scale) || scale == 0 || Double.isInfinite(scale) ? epsilon : scale;
            double c1 = 1 - beta1;
            double c2 = 1 - beta2;
            double[][] s = HostMemory.doubles();
            for (long i = 0; i < n; i += CHUNK) {
                int len = (int) Math.min(CHUNK, n - i);
                double[] gs = s[0];
                double[] ms = s[1];
                double[] vs = s[2];
                double[] ts = s[3];
                read(ag, i, gs, len);
                read(am, i, ms, len);
                read(av, i, vs, len);
                read(at, i, ts, len);
                for (int j = 0; j < len; j++) {
                    double gj = gs[j];
                    double mj = beta1 * ms[j] + gj * c1;
                    double vj = beta2 * vs[j] + gj * gj * c2;
                    ms[j] = mj;
                    vs[j] = vj;
                    ts[j] = ts[j] - (mj * epsT) / (Math.sqrt(vj) + epsilon);
                }
                write(ms, len, am, i);
                write(vs, len, av, i);
                write(ts, len, at, i);
            }
        }
    }

    private static float powf(float base, float exponent) {
        try {
            return POWF == null ? (float) Math.pow(base, exponent) : (float) POWF.invokeExact(base, exponent);
        } catch (Throwable e) {
            throw new IllegalStateException("powf failed", e);
        }
    }

    private static double pow(double base, double exponent) {
        try {
            return POW == null ? Math.pow(base, exponent) : (double) POW.invokeExact(base, exponent);
        } catch (Throwable e) {
            throw new IllegalStateException("pow failed", e);
        }
    }

    /** The C library's {@code name}(x, y), which ND4J's native code calls, or null where it cannot be found. */
    private static MethodHandle power(String name, ValueLayout type) {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find(name).map(f -> linker.downcallHandle(f, FunctionDescriptor.of(type, type, type)))
                .orElse(null);
    }
}
