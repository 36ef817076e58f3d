package io.lae.platform;

import io.lae.LaeException;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The guard every float64 factorisation of lae's passes first: once per JVM it factors a random
 * symmetric positive-definite matrix of order {@value #ORDER} with LAPACK's Cholesky ({@code potrf}) and
 * symmetric eigensolver ({@code syev}) through ND4J, and checks the relative residuals
 * max|LLᵀ − S| / max|S| and max|SV − VΛ| / max|S| against {@value #TOLERANCE}. A healthy LAPACK gives
 * about 1e-15; OpenBLAS 0.3.19's AVX-512 kernels give 0.1–1 without a word. When the check fails, every
 * later call throws the same one-line {@link LaeException} naming the cause and the fix: lae never computes
 * a ground truth, metric or closed form on a broken LAPACK.
 */
public final class LapackCheck {

    /** The order of the test matrix: large enough to reach the blocked kernels, a few ms to factor. */
    static final int ORDER = 200;

    /** The largest relative residual accepted (healthy: ~1e-15; broken: 0.1–1). */
    static final double TOLERANCE = 1e-10;

    private static Outcome outcome;

    private LapackCheck() {
    }

    /**
     * The residuals of one check.
     *
     * @param cholesky max|LLᵀ − S| / max|S|
     * @param eigen    max|SV − VΛ| / max|S|
     */
    public record Outcome(double cholesky, double eigen) {
        /** @return whether both residuals are within {@link #TOLERANCE} (false for NaN) */
        public boolean healthy() {
            return cholesky <= TOLERANCE && eigen <= TOLERANCE;
        }
    }

    /**
     * Checks LAPACK on first use; later calls repeat the first verdict.
     *
     * @throws LaeException when LAPACK's results are wrong, naming the cause and the fix
     */
    public static void verify() {
        Outcome checked = check();
        if (!checked.healthy()) {
            throw new LaeException(explain(checked, NativeSetup.prepare()));
        }
    }

    /** @return the residuals of the check, computed once per JVM */
    public static synchronized Outcome check() {
        if (outcome == null) {
            outcome = measure();
        }
        return outcome;
    }

    private static Outcome measure() {
        Random random = new Random(200);
        double[][] g = new double[ORDER][ORDER];
        for (double[] row : g) {
            for (int j = 0; j < ORDER; j++) {
                row[j] = random.nextGaussian();
            }
        }
        INDArray m = Nd4j.create(g).castTo(DataType.DOUBLE);
        // S = GGᵀ/n + I: well conditioned, so any residual above rounding is LAPACK's doing
        INDArray s = m.mmul(m.transpose()).divi(ORDER).addi(Nd4j.eye(ORDER).castTo(DataType.DOUBLE));
        double scale = s.amaxNumber().doubleValue();

        double cholesky;
        try {
            INDArray l = s.dup('f');
            Nd4j.getBlasWrapper().lapack().potrf(l, true);
            l = lowerTriangle(l);
            cholesky = l.mmul(l.transpose()).subi(s).amaxNumber().doubleValue() / scale;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            // a broken kernel can find this positive-definite matrix indefinite: ND4J throws a BlasException (an Error)
            cholesky = Double.NaN;
        }

        INDArray v = s.dup('f');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(v, true);
        double eigen = s.mmul(v).subi(v.mulRowVector(values)).amaxNumber().doubleValue() / scale;
        return new Outcome(cholesky, eigen);
    }

    /** @return the lower triangle of a square matrix (potrf leaves the upper one as it was) */
    private static INDArray lowerTriangle(INDArray a) {
        INDArray lower = a.dup('f');
        for (int i = 0; i < ORDER; i++) {
            for (int j = i + 1; j < ORDER; j++) {
                lower.putScalar(i, j, 0.0);
            }
        }
        return lower;
    }

    static String explain(Outcome checked, NativeSetup.State setup) {
        String found = String.format(Locale.ROOT, "float64 LAPACK gives wrong results here (relative residual at"
                + " n = %d: Cholesky %.2g, symmetric eigen %.2g; healthy is ~1e-15) with OpenBLAS %s",
                ORDER, checked.cholesky(), checked.eigen(), setup.openBlasVersion().orElse("(version unknown)"));
        String fix;
        if (setup.olderOpenBlas() && setup.nd4jStartedFirst()) {
            fix = "ND4J was started before lae could set OPENBLAS_CORETYPE=Haswell, and an OpenBLAS older than "
                    + NativeSetup.FIXED_OPENBLAS + " is on the class path: put org.bytedeco:openblas:"
                    + NativeSetup.FIXED_OPENBLAS + "-1.5.13 ahead of it (lae-core depends on it), or let lae's"
                    + " classes load before ND4J starts";
        } else if (setup.olderOpenBlas()) {
            fix = "an OpenBLAS older than " + NativeSetup.FIXED_OPENBLAS + " is on the class path: put"
                    + " org.bytedeco:openblas:" + NativeSetup.FIXED_OPENBLAS + "-1.5.13 ahead of it (lae-core"
                    + " depends on it), or set OPENBLAS_CORETYPE=Haswell before the JVM starts";
        } else {
            fix = "set OPENBLAS_CORETYPE=Haswell before the JVM starts; if that does not help, this CPU's"
                    + " kernels are broken in this OpenBLAS";
        }
        return found + ": " + fix;
    }
}
