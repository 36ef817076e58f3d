package io.lae.linalg;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Access from plain Java to the host memory of ND4J's CPU arrays, for element-wise passes that would
 * otherwise be one ND4J op each (25–150 µs on 2 cores whatever the size). A pass copies a chunk of
 * {@value #CHUNK} elements of each operand into this thread's scratch arrays, loops over them (a simple
 * loop over Java arrays, which C2 vectorises; a loop over native memory it does not), and copies the
 * results back: every element is computed by the same IEEE operations in the same order as the ND4J op
 * it replaces, so the results are the same bits.
 */
public final class HostMemory {

    /** Elements of each operand a pass holds in scratch at once (4 operands of 8 bytes: 32 KiB, L1-sized). */
    public static final int CHUNK = 1024;
    /** Rows of each scratch: the most operands one pass reads. */
    public static final int OPERANDS = 4;

    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final int C_DENSE = 1;
    private static final int F_DENSE = 2;

    private HostMemory() {
    }

    /** @return the address of x's first element (its buffer's address plus its offset) */
    public static long address(INDArray x) {
        return x.data().address() + x.offset() * x.data().getElementSize();
    }

    /**
     * @param arrays the operands of an element-wise pass
     * @return whether the pass may run over all of them in plain Java as flat runs of one length in one element
     *     order: the CPU backend ({@link HostBlas#available}), one dtype (float32 or float64), one length, and
     *     each array dense in a common order (row- or column-major; a vector in either)
     */
    public static boolean flat(INDArray... arrays) {
        if (!HostBlas.available()) {
            return false;
        }
        DataType type = arrays[0].dataType();
        long length = arrays[0].length();
        int orders = C_DENSE | F_DENSE;
        for (INDArray x : arrays) {
            if (x.dataType() != type || x.length() != length) {
                return false;
            }
            orders &= denseOrders(x);
        }
        return orders != 0 && (type == DataType.FLOAT || type == DataType.DOUBLE);
    }

    /**
     * @param arrays the operands of a pass over columns
     * @return whether {@link #flat} holds and each array is dense in column-major order, of one shape
     */
    public static boolean columnMajor(INDArray... arrays) {
        for (INDArray x : arrays) {
            if ((denseOrders(x) & F_DENSE) == 0 || x.rank() != 2 || x.rows() != arrays[0].rows()) {
                return false;
            }
        }
        return flat(arrays);
    }

    /** @return C_DENSE and/or F_DENSE as x's elements are contiguous in row- and/or column-major order */
    private static int denseOrders(INDArray x) {
        if (x.rank() == 1) {
            return x.stride(0) == 1 || x.length() <= 1 ? C_DENSE | F_DENSE : 0;
        }
        if (x.rank() != 2) {
            return 0;
        }
        long rows = x.rows();
        long columns = x.columns();
        boolean c = (columns == 1 || x.stride(1) == 1) && (rows == 1 || x.stride(0) == columns);
        boolean f = (rows == 1 || x.stride(0) == 1) && (columns == 1 || x.stride(1) == rows);
        return (c ? C_DENSE : 0) | (f ? F_DENSE : 0);
    }

    /**
     * out = x∘y (ND4J's {@code MulOp}, the same bits) in one pass.
     *
     * @throws IllegalArgumentException unless {@link #flat}(x, y, out)
     */
    public static void multiply(INDArray x, INDArray y, INDArray out) {
        if (!flat(x, y, out)) {
            throw new IllegalArgumentException("a host pass needs dense arrays of one dtype, length and order");
        }
        long n = x.length();
        long ax = address(x);
        long ay = address(y);
        long ao = address(out);
        for (long i = 0; i < n; i += CHUNK) {
            int len = (int) Math.min(CHUNK, n - i);
            if (x.dataType() == DataType.FLOAT) {
                float[][] s = floats();
                read(ax, i, s[0], len);
                read(ay, i, s[1], len);
                for (int k = 0; k < len; k++) {
                    s[0][k] *= s[1][k];
                }
                write(s[0], len, ao, i);
            } else {
                double[][] s = doubles();
                read(ax, i, s[0], len);
                read(ay, i, s[1], len);
                for (int k = 0; k < len; k++) {
                    s[0][k] *= s[1][k];
                }
                write(s[0], len, ao, i);
            }
        }
    }

    /** into[0, length) ← the float32 elements from {@code index} of the array at {@code address} */
    public static void read(long address, long index, float[] into, int length) {
        MemorySegment.copy(ALL, ValueLayout.JAVA_FLOAT, address + 4 * index, into, 0, length);
    }

    /** The float32 elements from {@code index} of the array at {@code address} ← from[0, length) */
    public static void write(float[] from, int length, long address, long index) {
        MemorySegment.copy(from, 0, ALL, ValueLayout.JAVA_FLOAT, address + 4 * index, length);
    }

    /** into[0, length) ← the float64 elements from {@code index} of the array at {@code address} */
    public static void read(long address, long index, double[] into, int length) {
        MemorySegment.copy(ALL, ValueLayout.JAVA_DOUBLE, address + 8 * index, into, 0, length);
    }

    /** The float64 elements from {@code index} of the array at {@code address} ← from[0, length) */
    public static void write(double[] from, int length, long address, long index) {
        MemorySegment.copy(from, 0, ALL, ValueLayout.JAVA_DOUBLE, address + 8 * index, length);
    }

    /** @return this thread's {@value #OPERANDS} float32 scratch arrays of {@value #CHUNK} elements */
    public static float[][] floats() {
        return SCRATCH.get().floats;
    }

    /** @return this thread's {@value #OPERANDS} float64 scratch arrays of {@value #CHUNK} elements */
    public static double[][] doubles() {
        return SCRATCH.get().doubles;
    }

    private static final class Scratch {
        final float[][] floats = new float[OPERANDS][CHUNK];
        final double[][] doubles = new double[OPERANDS][CHUNK];
    }
}
