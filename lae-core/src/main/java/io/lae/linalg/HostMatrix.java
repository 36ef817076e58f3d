package io.lae.linalg;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float32 or float64 matrix in host memory as BLAS reads it: the column-major matrix at {@code address} with
 * leading dimension {@code ld}, or, when {@code rowMajor}, the transpose of one (a row-major matrix). Blocks and
 * transposes are new descriptions of the same memory, made without ND4J's per-view cost, so a loop of small
 * products over the blocks of large arrays ({@link HostBlas#gemm(HostMatrix, HostMatrix, HostMatrix, double,
 * double)}) costs what the arithmetic costs.
 *
 * @param type     float32 or float64
 * @param address  the address of element (0, 0)
 * @param rows     the rows
 * @param columns  the columns
 * @param ld       the distance in elements between consecutive columns (column-major) or rows (row-major)
 * @param rowMajor whether consecutive elements of a row are adjacent
 */
public record HostMatrix(DataType type, long address, int rows, int columns, int ld, boolean rowMajor) {

    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    /**
     * @param x a 2-D ND4J array on the CPU backend
     * @return x as BLAS can read it in place, or null if it cannot (neither index of unit stride, another dtype,
     *     more than 2³¹ − 1 rows, columns or leading dimension)
     */
    public static HostMatrix of(INDArray x) {
        if (x.rank() != 2 || (x.dataType() != DataType.FLOAT && x.dataType() != DataType.DOUBLE)
                || x.rows() > Integer.MAX_VALUE || x.columns() > Integer.MAX_VALUE) {
            return null;
        }
        int rows = (int) x.rows();
        int columns = (int) x.columns();
        long rowStride = x.stride(0);
        long columnStride = x.stride(1);
        long address = HostMemory.address(x);
        if (rowStride == 1 && (columns == 1 || columnStride >= rows)) {
            return of(x.dataType(), address, rows, columns, columns == 1 ? rows : columnStride, false);
        }
        if (columnStride == 1 && (rows == 1 || rowStride >= columns)) {
            return of(x.dataType(), address, rows, columns, rows == 1 ? columns : rowStride, true);
        }
        return null;
    }

    private static HostMatrix of(DataType type, long address, int rows, int columns, long ld, boolean rowMajor) {
        return ld <= Integer.MAX_VALUE ? new HostMatrix(type, address, rows, columns, (int) Math.max(1, ld), rowMajor)
                : null;
    }

    /**
     * @return a dense column-major rows×columns matrix of the given dtype in memory of {@code arena}, aligned to
     *     64 bytes, all zeros
     */
    public static HostMatrix allocate(Arena arena, DataType type, int rows, int columns) {
        long bytes = (long) rows * columns * type.width();
        MemorySegment memory = arena.allocate(Math.max(1, bytes), 64);
        return new HostMatrix(type, memory.address(), rows, columns, Math.max(1, rows), false);
    }

    /** @return the bytes of one element */
    public int elementBytes() {
        return type.width();
    }

    /** @return the address of element (row, column) */
    public long at(int row, int column) {
        long offset = rowMajor ? (long) row * ld + column : (long) column * ld + row;
        return address + offset * elementBytes();
    }

    /** @return the block of {@code rowCount}×{@code columnCount} elements from (firstRow, firstColumn), same memory */
    public HostMatrix block(int firstRow, int rowCount, int firstColumn, int columnCount) {
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > rows || firstColumn < 0 || columnCount < 0
                || firstColumn + columnCount > columns) {
            throw new IndexOutOfBoundsException(rowCount + "×" + columnCount + " block at (" + firstRow + ", "
                    + firstColumn + ") of a " + rows + "×" + columns + " matrix");
        }
        return new HostMatrix(type, at(firstRow, firstColumn), rowCount, columnCount, ld, rowMajor);
    }

    /** @return the dense column-major rows×columns matrix at the start of this one's memory (a buffer's view) */
    public HostMatrix dense(int rowCount, int columnCount) {
        if (rowMajor || (long) rowCount * columnCount > (long) rows * columns) {
            throw new IllegalArgumentException(rowCount + "×" + columnCount + " does not fit a " + rows + "×" + columns
                    + (rowMajor ? " row-major" : "") + " buffer");
        }
        return new HostMatrix(type, address, rowCount, columnCount, Math.max(1, rowCount), false);
    }

    /**
     * @param offset the first column, 0 or 1
     * @param count  the columns wanted
     * @return columns offset, offset + 2, …, offset + 2(count − 1) of this column-major matrix, same memory
     */
    public HostMatrix everyOther(int offset, int count) {
        if (!columnsContiguous() || offset + 2L * (count - 1) >= columns || (long) ld * 2 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("columns " + offset + ", " + (offset + 2) + ", … (" + count + ") of "
                    + this);
        }
        return new HostMatrix(type, at(0, offset), rows, count, 2 * ld, false);
    }

    /** @return the transpose, same memory */
    public HostMatrix transpose() {
        return new HostMatrix(type, address, columns, rows, ld, !rowMajor);
    }

    /** @return whether each column's elements are adjacent in memory */
    public boolean columnsContiguous() {
        return !rowMajor || columns == 1;
    }

    /**
     * Copies column {@code from} of this column-major matrix to column {@code to} of {@code target}.
     *
     * @throws IllegalArgumentException unless both are column-major of one dtype and row count
     */
    public void copyColumn(int from, HostMatrix target, int to) {
        if (!columnsContiguous() || !target.columnsContiguous() || target.type != type || target.rows != rows) {
            throw new IllegalArgumentException("a column copy needs column-major matrices of one dtype and height");
        }
        MemorySegment.copy(ALL, at(0, from), ALL, target.at(0, to), (long) rows * elementBytes());
    }

    /**
     * Copies every element into {@code target}, of the same shape and dtype: column by column where both are
     * column-major, else element by element.
     */
    public void copyInto(HostMatrix target) {
        requireShapeOf(target);
        if (columnsContiguous() && target.columnsContiguous()) {
            for (int j = 0; j < columns; j++) {
                copyColumn(j, target, j);
            }
            return;
        }
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < rows; i++) {
                target.set(i, j, get(i, j));
            }
        }
    }

    /** this ← this + other, element by element, of the same shape and dtype. */
    public void add(HostMatrix other) {
        combine(other, 1);
    }

    /** this ← this − other, element by element, of the same shape and dtype. */
    public void subtract(HostMatrix other) {
        combine(other, -1);
    }

    /**
     * this ← this + sign·other, a column of up to {@link HostMemory#CHUNK} elements at a time through Java arrays
     * (a loop C2 vectorises) where both are column-major, else element by element.
     */
    private void combine(HostMatrix other, int sign) {
        requireShapeOf(other);
        if (!columnsContiguous() || !other.columnsContiguous()) {
            for (int j = 0; j < columns; j++) {
                for (int i = 0; i < rows; i++) {
                    set(i, j, get(i, j) + sign * other.get(i, j));
                }
            }
            return;
        }
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < rows; i += HostMemory.CHUNK) {
                int length = Math.min(HostMemory.CHUNK, rows - i);
                if (type == DataType.FLOAT) {
                    float[][] s = HostMemory.floats();
                    HostMemory.read(at(i, j), 0, s[0], length);
                    HostMemory.read(other.at(i, j), 0, s[1], length);
                    for (int k = 0; k < length; k++) {
                        s[0][k] += sign * s[1][k];
                    }
                    HostMemory.write(s[0], length, at(i, j), 0);
                } else {
                    double[][] s = HostMemory.doubles();
                    HostMemory.read(at(i, j), 0, s[0], length);
                    HostMemory.read(other.at(i, j), 0, s[1], length);
                    for (int k = 0; k < length; k++) {
                        s[0][k] += sign * s[1][k];
                    }
                    HostMemory.write(s[0], length, at(i, j), 0);
                }
            }
        }
    }

    private void requireShapeOf(HostMatrix other) {
        if (other.rows != rows || other.columns != columns || other.type != type) {
            throw new IllegalArgumentException(this + " and " + other + " differ in shape or dtype");
        }
    }

    /** Sets rows [firstRow, rows) of column {@code column} of this column-major matrix to zero. */
    public void zeroColumnFrom(int column, int firstRow) {
        if (!columnsContiguous()) {
            throw new IllegalArgumentException("zeroing a column's tail needs a column-major matrix");
        }
        if (firstRow < rows) {
            ALL.asSlice(at(firstRow, column), (long) (rows - firstRow) * elementBytes()).fill((byte) 0);
        }
    }

    /** Sets every element to zero. */
    public void zero() {
        for (int j = 0; j < (rowMajor ? rows : columns); j++) {
            int length = rowMajor ? columns : rows;
            ALL.asSlice(rowMajor ? at(j, 0) : at(0, j), (long) length * elementBytes()).fill((byte) 0);
        }
    }

    /** @return element (row, column), widened to double */
    public double get(int row, int column) {
        return type == DataType.FLOAT ? ALL.get(ValueLayout.JAVA_FLOAT, at(row, column))
                : ALL.get(ValueLayout.JAVA_DOUBLE, at(row, column));
    }

    /** Sets element (row, column) to {@code value}, rounded to float32 for a float32 matrix. */
    public void set(int row, int column, double value) {
        if (type == DataType.FLOAT) {
            ALL.set(ValueLayout.JAVA_FLOAT, at(row, column), (float) value);
        } else {
            ALL.set(ValueLayout.JAVA_DOUBLE, at(row, column), value);
        }
    }

    /** @return Σ_ij this_ij·other_ij, summed column by column in double */
    public double dot(HostMatrix other) {
        requireShapeOf(other);
        double sum = 0;
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < rows; i++) {
                sum += get(i, j) * other.get(i, j);
            }
        }
        return sum;
    }
}
